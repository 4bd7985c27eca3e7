/**
 * "New since you looked" on the listings that gain entries day by day (`/list/CAT/new`, `pastweek`, `recent`, catchup
 * pages): the worker remembers which entries a listing had the last time it was opened (background/new-since/), the
 * entries that weren't on it get a "New" mark, and the bar says how many, with "Only new" (remembered like its two
 * neighbours). A first visit marks nothing, and the bar says so.
 *
 * Like the chips (prefetch.ts), the marks go in while the page parses: what the last visit left is asked for at
 * document_start and each entry is marked as the parser adds it, so it is laid out with its entry (marks added at
 * DOMContentLoaded made Chromium lay out the 2,000-entry page again: one long task more, measured in `npm run bench`).
 * At DOMContentLoaded the visit is recorded; the worker's answer is the rule (visits.ts) and corrects any mark.
 */
import { timeAgo } from '../shared/format';
import { sendMessage } from '../shared/messages';
import type { VisitView } from '../shared/new-since';
import { setPageSettings, type PageSettings } from '../shared/page-settings';
import type { Arrangement } from './arrangement';
import type { PageEntry } from './entries';
import { addNewSince } from './ui/listing-controls';
import { renderNewMark } from './ui/new-mark';

/** Which listings keep track is the worker's call (shared/new-since.ts, kept out of this bundle); others never ask. */
const TRACKED = /^\/(list|catchup)\//;
const TITLE = 'Not on this listing when you last opened it';

/** Marks placed so far, by entry; the parse-time walk's, then DOMContentLoaded's. Used once, like chips.ts's prefetch. */
let placed: Map<PageEntry, HTMLElement> | undefined;
let parsing: ((entry: PageEntry) => void) | undefined;

function mark(marks: Map<PageEntry, HTMLElement>, entry: PageEntry): void {
  if (marks.has(entry)) return;
  const host = renderNewMark(entry.id, TITLE);
  entry.anchor.before(host); // before the abs link: the chip goes after it, whichever comes first
  marks.set(entry, host);
}

/**
 * At document_start: asks what the last visit left and returns the function the parse-time walk calls for each entry.
 * An entry is new when it wasn't on the listing last time; if nothing is (a reload), last time's marks stay — so those
 * are shown until the first entry that is new turns up (on arXiv's listings the newest entries come first).
 */
export function prefetchNewSince(settings: Promise<PageSettings>): ((entry: PageEntry) => void) | undefined {
  if (!TRACKED.test(location.pathname)) return undefined;
  const marks = (placed = new Map());
  const waiting: PageEntry[] = [];
  let seen: { ids: Set<string>; fresh: Set<string> } | null | undefined;
  let arrived = false;
  const consider = (entry: PageEntry) => {
    if (!seen || parsing === undefined) return;
    if (!seen.ids.has(entry.id)) {
      if (!arrived) {
        arrived = true;
        for (const [old, host] of marks) if (seen.ids.has(old.id)) host.remove(), marks.delete(old);
      }
      mark(marks, entry);
    } else if (!arrived && seen.fresh.has(entry.id)) mark(marks, entry);
  };
  settings.then((s) => (s.listingChips ? sendMessage('listingSeen', location.href) : undefined)).then((view) => {
    seen = view ? { ids: new Set(view.ids), fresh: new Set(view.fresh) } : null;
    waiting.splice(0).forEach(consider);
  }, () => void (seen = null));
  return (parsing = (entry) => (seen === undefined ? waiting.push(entry) : consider(entry)));
}

/** This visit, recorded at DOMContentLoaded (from then on the parse-time marks are only corrected, never added to). */
export function askVisit(entries: readonly PageEntry[]): Promise<VisitView | undefined> | undefined {
  parsing = undefined;
  return TRACKED.test(location.pathname) ? sendMessage('listingVisit', location.href, entries.map((e) => e.id)) : undefined;
}

/** Parse-time marks the visit's answer will never see (the feature stopped first). */
export function dropNewMarks(): void {
  parsing = undefined;
  placed?.forEach((host) => host.remove());
  placed = undefined;
}

export function newSinceNote(view: VisitView, fresh: number, total: number): string {
  if (view.first) return 'First visit: new entries are marked from next time';
  const since = `since your last visit${view.since === undefined ? '' : ` (${timeAgo(view.since)})`}`;
  if (fresh === 0) return `Nothing new ${since}`;
  return fresh === total ? `All ${total} entries new ${since}` : `${fresh} new ${since}`;
}

export function showNewSince(view: VisitView, entries: readonly PageEntry[], controls: HTMLElement, arrangement: Arrangement,
  onlyNew: boolean, signal: AbortSignal): void {
  const marks = placed ?? new Map<PageEntry, HTMLElement>();
  placed = undefined;
  const ids = new Set(view.fresh);
  const fresh = new Set(entries.filter((entry) => ids.has(entry.id)));
  for (const [entry, host] of marks) if (!fresh.has(entry)) host.remove(), marks.delete(entry);
  for (const entry of fresh) mark(marks, entry); // usually all placed while parsing already
  signal.addEventListener('abort', () => marks.forEach((host) => host.remove()), { once: true });
  addNewSince(controls, newSinceNote(view, fresh.size, entries.length), view.first ? undefined : onlyNew, (on) => {
    arrangement.onlyNew(on ? fresh : undefined);
    void setPageSettings({ listingOnlyNew: on }).catch(() => undefined);
  });
  if (!view.first && onlyNew) arrangement.onlyNew(fresh);
}
