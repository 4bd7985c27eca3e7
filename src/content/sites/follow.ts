/**
 * The one engine behind every optional site's content script: a site supplies `extract` (which elements name which
 * arXiv paper), this keeps a ▲ chip and a Save toggle next to each, live.
 *
 * - ▲ comes from the worker's local copy of HF Daily Papers (`getPapersLocal`: a cache read, no request to anyone);
 *   papers it doesn't hold get no chip. Nothing is fetched from the page's site or sent to it.
 * - The saved mark is the Save toggle's state (★ Saved), followed across tabs through the saved-ids mirror.
 * - Many of these sites render on the client and navigate without reloads (S2, alphaXiv; other-sites.md §3, §5), so
 *   every DOM change (one pass per frame) re-syncs marks with what the document holds now; marks whose element left
 *   are dropped, an element re-used for another paper is re-keyed, nothing is inserted twice.
 */
import browser from 'webextension-polyfill';
import { sendMessage } from '../../shared/messages';
import { SITES_OFF_KEY, sitesOffFrom, type SiteKey } from '../../shared/other-sites';
import { followSavedIds } from '../../shared/saved-ids';
import type { BulkPaper } from '../../shared/types';
import { renderChip } from '../ui/chip';
import { saveButton, type SaveButton } from '../ui/save-button';
import { createHost } from '../ui/shadow-host';
import { onPageChanges } from '../page-changes';

export interface SiteEntry {
  id: string;
  /** The element the marks go after (or into, with `inside`): a result's title, a paper page's heading, a link. */
  anchor: Element;
  inside?: boolean;
  /** The page's own paper (a paper page whose address names none): told to the worker for the toolbar badge and popup. */
  ownPaper?: boolean;
  /** What the page says the paper is called, kept with a saved paper HF doesn't know. */
  title?: string;
}

export type Extract = (doc: Document, url: URL) => SiteEntry[];

/** Per page: a profile or a long citation list is capped, not annotated in full. */
const MAX_ENTRIES = 300;

interface Mark {
  id: string;
  save: HTMLElement;
  button: SaveButton;
  chip?: HTMLElement;
}

/**
 * Until `signal` aborts, or the user switches `site` off in the options page: the worker then unregisters the script
 * for new pages, and this takes the marks off the pages already open (content scripts can read storage.local).
 */
export function followSiteUntilOff(site: SiteKey, extract: Extract, controller: AbortController): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SITES_OFF_KEY in changes && sitesOffFrom(changes[SITES_OFF_KEY]!.newValue).has(site)) controller.abort();
  };
  browser.storage.onChanged.addListener(listener);
  controller.signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
  followSite(extract, controller.signal);
}

export function followSite(extract: Extract, signal: AbortSignal): void {
  const marks = new Map<Element, Mark>();
  let saved = new Set<string>();
  /** The local copy's answer per id; null = asked, not there. Only new ids are asked again. */
  const counts = new Map<string, BulkPaper | null>();

  const showSaved = (mark: Mark) => {
    const isSaved = saved.has(mark.id);
    mark.save.dataset.paperPulse = isSaved ? 'saved' : 'save';
    mark.button.set(isSaved);
  };
  const showCount = (mark: Mark) => {
    const paper = counts.get(mark.id);
    if (!paper || mark.chip) return;
    mark.chip = renderChip(mark.id, paper);
    mark.save.before(mark.chip);
  };
  const place = (entry: SiteEntry) => {
    const old = marks.get(entry.anchor);
    if (old?.id === entry.id && old.save.isConnected) return;
    if (old) drop(old);
    const { host, root } = createHost('save', entry.id);
    const button = saveButton(entry.id, `Save arXiv:${entry.id} to reading list`, () => (entry.title ? { title: entry.title } : undefined));
    root.appendChild(button.el);
    if (entry.inside) entry.anchor.append(host);
    else entry.anchor.after(host);
    const mark: Mark = { id: entry.id, save: host, button };
    marks.set(entry.anchor, mark);
    showSaved(mark);
    showCount(mark);
  };
  const drop = (mark: Mark) => {
    mark.save.remove();
    mark.chip?.remove();
  };

  const askCounts = (ids: string[]) => {
    const fresh = [...new Set(ids)].filter((id) => !counts.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) counts.set(id, null);
    void sendMessage('getPapersLocal', fresh).then((found) => {
      if (signal.aborted) return;
      for (const [id, paper] of Object.entries(found)) counts.set(id, paper);
      for (const mark of marks.values()) showCount(mark);
    }, () => undefined); // no answer: no chips, the Save toggles still work
  };

  const sync = () => {
    let entries: SiteEntry[];
    try {
      entries = extract(document, new URL(location.href)).slice(0, MAX_ENTRIES);
    } catch {
      entries = []; // a page shaped unlike anything we know: leave it alone
    }
    const seen = new Set<Element>();
    for (const entry of entries) {
      if (seen.has(entry.anchor)) continue;
      seen.add(entry.anchor);
      place(entry);
    }
    for (const [key, mark] of marks) {
      if (seen.has(key) && mark.save.isConnected) continue;
      drop(mark);
      marks.delete(key);
    }
    askCounts(entries.map((e) => e.id));
    reportPagePaper(entries.find((e) => e.ownPaper)?.id);
  };

  // A paper page's own paper goes to the toolbar badge and popup: S2's paper pages name their arXiv version only in
  // the content (toolbar-badge/tab-papers.ts). Sent again only when it changes.
  let reported: { url: string; id: string | undefined } | undefined;
  const reportPagePaper = (id: string | undefined) => {
    if (reported?.url === location.href && reported.id === id) return;
    if (!reported && !id) return; // nothing to say yet, nothing said before
    reported = { url: location.href, id };
    void sendMessage('tabPaper', id ?? null).catch(() => undefined);
  };

  onPageChanges(sync, signal);
  followSavedIds((ids) => {
    saved = ids;
    for (const mark of marks.values()) showSaved(mark);
  }, signal);
  sync();

  signal.addEventListener('abort', () => {
    for (const mark of marks.values()) drop(mark);
    marks.clear();
  }, { once: true });
}
