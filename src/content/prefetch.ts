/**
 * While a listing or search page is still parsing (the content script runs at document_start), note the arXiv months
 * (YYMM) of the entries parsed so far and ask the worker for everything it has cached for them. The answers arrive
 * during the parse, so at DOMContentLoaded the chips usually need no round trip at all and go in before the page's
 * first post-DOMContentLoaded frame, which on a 2,000-entry page takes hundreds of ms that a reply would wait behind.
 * Cost: one `querySelector` per entry, in 50 ms polls that only look at entries parsed since the last one.
 */
import { sendMessage } from '../shared/messages';
import type { BulkPaper } from '../shared/types';

export interface Prefetch {
  /** Months asked for (and answered, once `settled` resolves; a failed month is removed again). */
  months: Set<string>;
  data: Map<string, BulkPaper>;
  settled(): Promise<void>;
}

const POLL_MS = 50;
const MONTH = /\/abs\/(\d{4})\.\d{4,5}/;

/** `start` resolves to false when the feature is off: then nothing is asked. */
export function prefetchMonths(itemTag: 'dt' | 'li', start: Promise<boolean>): Prefetch {
  const months = new Set<string>();
  const data = new Map<string, BulkPaper>();
  const asks: Promise<void>[] = [];
  const items = document.getElementsByTagName(itemTag); // live: grows as the parser goes
  let next = 0;
  const ask = (month: string) => {
    months.add(month);
    asks.push(sendMessage('getPapersByMonth', [month]).then(
      (found) => Object.entries(found).forEach(([id, paper]) => data.set(id, paper)),
      () => void months.delete(month), // DOMContentLoaded asks for those ids again
    ));
  };
  const poll = () => {
    // The last item may still be parsing: it waits for the next poll (or the full scan at DOMContentLoaded).
    for (; next < items.length - 1; next++) {
      const month = MONTH.exec(items[next]!.querySelector('a[href*="/abs/"]')?.getAttribute('href') ?? '')?.[1];
      if (month && !months.has(month)) ask(month);
    }
    if (document.readyState === 'loading') setTimeout(poll, POLL_MS);
  };
  const started = start.then((on) => void (on && document.readyState === 'loading' && poll()), () => undefined);
  return { months, data, settled: async () => void (await started, await Promise.all(asks)) };
}
