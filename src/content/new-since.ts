/**
 * "New since you looked" on the listings that gain entries day by day (`/list/CAT/new`, `pastweek`, `recent`, catchup
 * pages): the worker remembers which entries a listing had the last time it was opened (background/new-since/), the
 * entries that weren't on it get a "New" mark, and the bar says how many, with "Only new" (remembered like its two
 * neighbours). Asked for together with the chips' data and applied after the chips are in, so it never delays them.
 * A first visit marks nothing, and the bar says so.
 */
import { timeAgo } from '../shared/format';
import { sendMessage } from '../shared/messages';
import type { VisitView } from '../shared/new-since';
import { setSettings } from '../shared/settings';
import type { Arrangement } from './arrangement';
import type { PageEntry } from './entries';
import { addNewSince } from './ui/listing-controls';
import { renderNewMark } from './ui/new-mark';

/**
 * This visit, recorded at once. Which listings keep track is the worker's call (shared/new-since.ts, kept out of this
 * bundle): a month listing is answered with undefined. Author and search pages don't ask.
 */
export function askVisit(entries: readonly PageEntry[]): Promise<VisitView | undefined> | undefined {
  return /^\/(list|catchup)\//.test(location.pathname) ? sendMessage('listingVisit', location.href, entries.map((e) => e.id)) : undefined;
}

export function newSinceNote(view: VisitView, fresh: number, total: number): string {
  if (view.first) return 'First visit: new entries are marked from next time';
  const since = `since your last visit${view.since === undefined ? '' : ` (${timeAgo(view.since)})`}`;
  if (fresh === 0) return `Nothing new ${since}`;
  return fresh === total ? `All ${total} entries new ${since}` : `${fresh} new ${since}`;
}

export function showNewSince(view: VisitView, entries: readonly PageEntry[], controls: HTMLElement, arrangement: Arrangement,
  onlyNew: boolean, signal: AbortSignal): void {
  const ids = new Set(view.fresh);
  const fresh = new Set(entries.filter((entry) => ids.has(entry.id)));
  // When every entry is new a mark on each says nothing: the bar says it once (and the page stays uncluttered).
  const hosts: HTMLElement[] = [];
  if (fresh.size < entries.length) {
    const title = 'Not on this listing when you last opened it';
    for (const entry of fresh) {
      const host = renderNewMark(entry.id, title);
      entry.anchor.after(host);
      hosts.push(host);
    }
  }
  signal.addEventListener('abort', () => hosts.forEach((host) => host.remove()), { once: true });
  addNewSince(controls, newSinceNote(view, fresh.size, entries.length), view.first ? undefined : onlyNew, (on) => {
    arrangement.onlyNew(on ? fresh : undefined);
    void setSettings({ listingOnlyNew: on }).catch(() => undefined);
  });
  if (!view.first && onlyNew) arrangement.onlyNew(fresh);
}
