/**
 * While a listing or search page is still parsing (the content script runs at document_start), note the arXiv months
 * (YYMM) of the entries parsed so far, ask the worker for everything it has cached for them, and put each chip in as
 * soon as its entry is parsed and its month answered. Why: by DOMContentLoaded arXiv's 2,000-entry page is already
 * laid out, and chips added then make Chromium lay out the whole page again (≈ 200 ms for 100 chips, measured);
 * chips added while the parser is still adding entries are laid out with them. Cost: one `querySelector` per entry,
 * in 50 ms polls that only look at entries parsed since the last one. DOMContentLoaded (chips.ts) adopts these chips
 * and adds the rest; after it, nothing here writes any more.
 */
import { sendMessage } from '../shared/messages';
import type { Settings } from '../shared/settings';
import type { BulkPaper } from '../shared/types';
import { idFromAbsHref } from './entries';
import { renderChip } from './ui/chip';

export interface Prefetch {
  /** Months asked for (a failed month is removed again, so its ids are asked for at DOMContentLoaded). */
  months: Set<string>;
  data: Map<string, BulkPaper>;
  /** Chips already in the page, by the abs link they follow. */
  placed: Map<Element, HTMLElement>;
  /** No more writes from here; resolves when every month asked for has been answered. */
  close(): Promise<void>;
}

const POLL_MS = 50;
const MONTH = /\/abs\/(\d{4})\.\d{4,5}/;

/** `start` resolves to the settings when the feature is on, to undefined when it is off: then nothing is asked. */
export function prefetchMonths(itemTag: 'dt' | 'li', start: Promise<Settings | undefined>): Prefetch {
  const months = new Set<string>();
  const answered = new Set<string>();
  const waiting = new Map<string, Element[]>();
  const data = new Map<string, BulkPaper>();
  const placed = new Map<Element, HTMLElement>();
  const asks: Promise<void>[] = [];
  // Resumes where the last poll stopped, so the whole parse costs one walk (a live HTMLCollection re-walks the growing
  // document after every parser insertion: quadratic on 2,000 entries).
  const tag = itemTag.toUpperCase();
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => ((node as Element).tagName === tag ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  let last: Node = document;
  let minUpvotes = 0;
  let closed = false;

  const place = (anchor: Element) => {
    const entry = idFromAbsHref(anchor.getAttribute('href'));
    const paper = entry?.isNew ? data.get(entry.id) : undefined;
    if (closed || !entry || !paper || paper.upvotes < minUpvotes || placed.has(anchor)) return;
    const host = renderChip(entry.id, paper);
    anchor.after(host);
    placed.set(anchor, host);
  };
  const ask = (month: string) => {
    months.add(month);
    asks.push(sendMessage('getPapersByMonth', [month]).then((found) => {
      for (const [id, paper] of Object.entries(found)) data.set(id, paper);
      answered.add(month);
      for (const anchor of waiting.get(month) ?? []) place(anchor);
      waiting.delete(month);
    }, () => void months.delete(month)));
  };
  const poll = () => {
    if (closed) return;
    walker.currentNode = last;
    for (let item = walker.nextNode() as Element | null; item; item = walker.nextNode() as Element | null) {
      // An item without a next sibling may still be parsing: the next poll (or DOMContentLoaded's full scan) takes it.
      if (!item.nextElementSibling && document.readyState === 'loading') break;
      last = item;
      const anchor = item.querySelector('a[href*="/abs/"]');
      const month = MONTH.exec(anchor?.getAttribute('href') ?? '')?.[1];
      if (!anchor || !month) continue;
      if (!months.has(month)) ask(month);
      if (answered.has(month)) place(anchor);
      else waiting.set(month, [...(waiting.get(month) ?? []), anchor]);
    }
    if (document.readyState === 'loading') setTimeout(poll, POLL_MS);
  };
  const started = start.then((settings) => {
    if (!settings || document.readyState !== 'loading') return;
    minUpvotes = settings.minUpvotes;
    poll();
  }, () => undefined);
  return {
    months, data, placed,
    async close() {
      closed = true;
      await started;
      await Promise.all(asks);
    },
  };
}
