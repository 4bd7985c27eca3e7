/**
 * "New since you looked" on huggingface.co's daily list (issue 15), with the arXiv listings' bookkeeping
 * (background/new-since/, key rule shared/new-since.ts `listingKey`): the papers that were not on this day's list the
 * last time it was opened get a "New" mark after their title. A first visit marks nothing.
 *
 * HF swaps pages on the client, so the visit is recorded once per URL, after the cards have been still for a moment
 * (SETTLE_MS): recording while the old page's cards are still in the document would file them under the new day.
 */
import { sendMessage } from '../../shared/messages';
import { renderNewMark } from '../ui/new-mark';
import { hfCards } from './hf-papers';
import { onPageChanges } from '../page-changes';

/** The daily list's URLs (the worker decides for real which keep track). */
const DAILY = /^\/papers(?:\/date\/\d{4}-\d{2}-\d{2})?\/?$/;
const SETTLE_MS = 400;
const TITLE = 'Not on this list when you last opened it';

export function followHfNewSince(signal: AbortSignal): void {
  let visited: string | undefined;
  let fresh = new Set<string>();
  let since: number | undefined;
  const marks = new Map<Element, HTMLElement>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const paint = () => {
    const seen = new Set<Element>();
    for (const card of hfCards(document)) {
      if (!fresh.has(card.id)) continue;
      seen.add(card.anchor);
      const old = marks.get(card.anchor);
      if (old?.isConnected && old.dataset.arxivId === card.id) continue;
      old?.remove();
      const host = renderNewMark(card.id, since ? `${TITLE} (${new Date(since).toLocaleString()})` : TITLE);
      card.anchor.after(host);
      marks.set(card.anchor, host);
    }
    for (const [anchor, host] of marks) {
      if (seen.has(anchor)) continue;
      host.remove();
      marks.delete(anchor);
    }
  };

  const record = () => {
    timer = undefined;
    const href = location.href;
    const ids = hfCards(document).map((c) => c.id);
    if (ids.length === 0 || signal.aborted) return; // not rendered yet: the next change tries again
    visited = href;
    void sendMessage('listingVisit', href, ids).then((view) => {
      if (signal.aborted || location.href !== href) return;
      fresh = new Set(view?.fresh ?? []);
      since = view?.since;
      paint();
    }, () => undefined);
  };

  const sync = () => {
    const href = location.href;
    const daily = DAILY.test(location.pathname) && !new URLSearchParams(location.search).has('q');
    if (href !== visited) {
      fresh = new Set();
      paint();
      clearTimeout(timer);
      timer = daily ? setTimeout(record, SETTLE_MS) : undefined;
      if (!daily) visited = href;
      return;
    }
    paint();
  };

  onPageChanges(sync, signal);
  sync();
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    for (const host of marks.values()) host.remove();
    marks.clear();
  }, { once: true });
}
