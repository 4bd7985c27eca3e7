/**
 * Chips + controls for any page made of entries (listings, catchup, author and search pages): one settings read, the
 * worker's chip index asked for at document_start (prefetch.ts) and ONE message for the ids it doesn't cover (all of
 * them without it; answered from the worker's bulk lists), then one synchronous DOM write phase. arXiv renders
 * these pages on the server, so there is no MutationObserver: MathJax only re-typesets inside `.mathjax` elements,
 * and the chips sit outside them. Everything added or moved is undone when the signal aborts.
 * Order: the bar and the remembered sort/filter first (they need only the data), then the chips, then what is new
 * since the last visit (new-since.ts).
 */
import { sendMessage } from '../shared/messages';
import { getPageSettings, setPageSettings, type PageSettings } from '../shared/page-settings';
import type { BulkPaper, PageKind } from '../shared/types';
import { arrange } from './arrangement';
import type { PageEntry } from './entries';
import { removeOnAbort } from './feature';
import { askVisit, dropNewMarks, prefetchNewSince, showNewSince } from './new-since';
import { prefetchChips, type Prefetch } from './prefetch';
import { renderChip } from './ui/chip';
import { renderControls } from './ui/listing-controls';

export interface ChipOptions {
  /** The per-surface switch of the options page. */
  setting: 'listingChips' | 'searchChips';
  /** Where the controls bar goes: before this element. */
  controlsBefore: (first: PageEntry) => Element;
}

/**
 * The content script is injected at document_start, so this storage read starts while arXiv's page is still parsing
 * and is answered by DOMContentLoaded; read after it, the answer queues behind the page's own post-DOMContentLoaded
 * work (measured 50–400 ms on the 2,000-entry page). Used once: a settings change re-runs the features with a fresh read.
 */
let early: Promise<PageSettings> | undefined;
/** Listing and search pages ask for the chip index at document_start (prefetch.ts). Used once too. */
let prefetch: Prefetch | undefined;

/** Called by the entry at document_start on listing, catchup, author and search pages. */
export function prefetchListing(kind: PageKind): void {
  early = getPageSettings();
  early.catch(() => undefined);
  if (document.readyState !== 'loading') return;
  const setting = kind === 'search' ? 'searchChips' : 'listingChips';
  prefetch = prefetchChips(kind !== 'search', early.then((s) => (s[setting] ? s : undefined)), kind === 'search' ? undefined : prefetchNewSince(early));
}

/**
 * ONE message for the ids the prefetch didn't cover (usually none), else one for all; plus the chips already placed.
 * Answers by lookup rather than as one record of every id: up to 2,000 entries, and each pass over them is script time.
 */
async function lookup(entries: readonly PageEntry[]): Promise<{ paperOf: (id: string) => BulkPaper | undefined; placed?: Map<Element, HTMLElement> }> {
  const ahead = prefetch;
  prefetch = undefined;
  await ahead?.close();
  const missing = [...new Set(entries.filter((e) => e.isNew && !ahead?.covers(e.id)).map((e) => e.id))];
  const papers: Record<string, BulkPaper | undefined> = missing.length > 0 ? await sendMessage('getPapersBulk', missing) : {};
  return ahead ? { paperOf: (id) => papers[id] ?? ahead.get(id), placed: ahead.placed } : { paperOf: (id) => papers[id] };
}

/** When the feature stops before using the prefetch: no more writes, and no chip of it left behind. */
function dropPrefetch(): void {
  const ahead = prefetch;
  prefetch = undefined;
  void ahead?.close().then(() => ahead.placed.forEach((host) => host.remove()));
}

function settingsOnce(): Promise<PageSettings> {
  const pending = early?.catch(() => getPageSettings()) ?? getPageSettings();
  early = undefined;
  return pending;
}

export async function decorate(findEntries: () => PageEntry[], options: ChipOptions, signal: AbortSignal): Promise<void> {
  const pending = settingsOnce();
  const entries = prefetch?.entries() ?? findEntries();
  const settings = await pending;
  if (!settings[options.setting] || entries.length === 0 || signal.aborted) return dropPrefetch(), dropNewMarks();
  const visit = askVisit(entries);
  visit?.catch(() => undefined); // answered (or not) after the chips, below
  const { paperOf, placed } = await lookup(entries);
  if (signal.aborted) {
    for (const host of placed?.values() ?? []) host.remove();
    return dropNewMarks();
  }

  const upvotes = new Map<PageEntry, number>();
  for (const entry of entries) {
    const paper = entry.isNew ? paperOf(entry.id) : undefined;
    if (paper && paper.upvotes >= settings.minUpvotes) upvotes.set(entry, paper.upvotes);
  }
  const hosts: HTMLElement[] = [];
  const arrangement = arrange(entries, upvotes);
  signal.addEventListener('abort', () => {
    arrangement.restore();
    for (const host of hosts) host.remove();
  }, { once: true });

  const state = { sorted: settings.listingSort === 'upvotes', onlyHf: settings.listingOnlyHf };
  const controls = renderControls(upvotes.size, entries.length, state, (next) => {
    arrangement.sortByUpvotes(next.sorted);
    arrangement.onlyKnown(next.onlyHf);
    void setPageSettings({ listingSort: next.sorted ? 'upvotes' : 'original', listingOnlyHf: next.onlyHf }).catch(() => undefined);
  });
  options.controlsBefore(entries[0]!).before(controls);
  removeOnAbort(controls, signal);
  arrangement.sortByUpvotes(state.sorted);
  arrangement.onlyKnown(state.onlyHf);

  // One write phase: on a 2,000-entry page every frame with a DOM change re-lays out the whole page (hundreds of ms),
  // so all chips go in before the next frame; no layout reads in between.
  for (const [entry] of upvotes) {
    let host = placed?.get(entry.anchor);
    placed?.delete(entry.anchor);
    if (!host) entry.anchor.after((host = renderChip(entry.id, paperOf(entry.id)!)));
    hosts.push(host);
  }
  for (const stray of placed?.values() ?? []) stray.remove(); // placed during the parse for an entry the scan skipped
  // The worker's answer settles the marks placed while parsing and fills in the bar.
  void visit?.then((view) => (view && !signal.aborted ? showNewSince(view, entries, controls, arrangement, settings.listingOnlyNew, signal) : dropNewMarks()), dropNewMarks);
}
