/**
 * The one typed protocol between content script / popup / options and the worker.
 * Keys are message names, signatures are the contract; the worker's handler object must implement
 * every key (see `Handlers`) or the build fails.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { ExportFormat } from './export';
import type { PopupList, SeenView, VisitView } from './new-since';
import type { WatchChange, WatchView } from './watch-types';
import type { CitationFormat, ZoteroMarks, ZoteroProblem, ZoteroSaveReport, ZoteroTarget } from './zotero';
import type { BulkPaper, ChipIndex, DigestRecord, ImportReport, ListKind, ListView, PaperLookup, PaperMeta, ReadingListEntry, ReadingStatus, RelatedView, ReplicaStatus, SearchView } from './types';

export interface Protocol {
  /** One paper: cache first, then at most one `papers/{id}` request. */
  getPaper(id: string): PaperLookup;
  /** Options page: forget cached HF data (papers, misses, lists); the reading list and digests stay. */
  clearCache(): void;
  /** Options page: whether an HF token is set (never its value), and setting or ('') removing it (background/hf/token.ts). */
  hfTokenState(): { set: boolean };
  setHfToken(token: string): { set: boolean };
  /** A bulk list from cache, refreshed in the background when stale; with the notable gains of its papers. */
  getList(kind: ListKind, waitForRefresh?: boolean): ListView;
  /** The biggest upvote gains of the last day among papers featured in the last 14 days (local history only). */
  getRising(): ListView;
  /** How far the local replica of HF Daily Papers is (background/replica/backfill.ts). */
  replicaStatus(): ReplicaStatus;
  /**
   * Many papers at once, for listing/search pages: answered ONLY from cached bulk lists (never `papers/{id}`), in one
   * IndexedDB read. Ids HF doesn't know are simply absent. See background/paper-cache/bulk.ts for which lists it fetches.
   */
  getPapersBulk(ids: string[]): Record<string, BulkPaper>;
  /** Chip data of every cached paper, packed per month, asked by listing pages at document_start (background/chip-index/). */
  chipIndex(): ChipIndex;
  /** Optional sites (content/sites/): what the local cache holds for these ids, and nothing else: no request at all. */
  getPapersLocal(ids: string[]): Record<string, BulkPaper>;
  /** An optional site's page says which arXiv paper it is about (null: none), for the toolbar badge and popup (toolbar-badge/tab-papers.ts). */
  tabPaper(id: string | null): void;
  /** Popup: the paper a tab's site script reported for the tab's current address. */
  tabPaperOf(tabId: number): string | null;
  /** Reading list (background/reading-list/entries.ts). All entries, with last seen upvotes from the cache. */
  readingList(): ReadingListEntry[];
  readingListEntry(id: string): ReadingListEntry | undefined;
  /** Saves (idempotent); `meta` is what the page says about the paper, for papers HF doesn't know. */
  readingListSave(id: string, meta?: PaperMeta): ReadingListEntry;
  /** Removes; returns the removed entry so the caller can offer undo. */
  readingListRemove(id: string): ReadingListEntry | undefined;
  /** Undo of a removal. */
  readingListRestore(entry: ReadingListEntry): ReadingListEntry;
  readingListUpdate(id: string, patch: { status?: ReadingStatus; tags?: string[]; note?: string }): ReadingListEntry;
  /** The one edit a page may make (HF Papers pages' status control): a saved paper's reading status. */
  readingListSetStatus(id: string, status: ReadingStatus): ReadingStatus;
  readingListExport(format: ExportFormat): string;
  /** Validates the whole file, then applies it in one transaction; a bad file changes nothing and throws why. */
  readingListImport(text: string): { report: ImportReport; message: string };
  /** Papers related to this one: local BM25 over the whole cache + HF search for its title (background/related/related.ts). */
  getRelated(id: string): RelatedView;
  /** Popup search box: the cached papers matching what is typed so far, best first (background/search/search.ts). */
  searchPapers(query: string): SearchView;
  /** Local digest history, newest first (background/digest/digest.ts). */
  getDigests(): DigestRecord[];
  /** The digest view was shown: clears the unseen count on the toolbar badge. */
  markDigestsSeen(): void;
  /**
   * "New since you looked" (background/new-since/): a listing page was opened with these entries; which are new.
   * undefined for listings that keep no track (shared/new-since.ts `listingKey`: month listings, say).
   */
  listingVisit(url: string, ids: string[]): VisitView | undefined;
  /** Read only: what the last visit of this listing left, asked while the page parses (undefined: none). */
  listingSeen(url: string): SeenView | undefined;
  /** The same for one of the popup's lists (extension pages only). */
  listVisit(kind: PopupList, ids: string[]): VisitView;
  /** The watch on saved papers (background/watch/): changes, last pass, per-paper state. */
  watchView(): WatchView;
  /** Starts a pass if one is due (same limits as the alarm); answers at once. */
  watchCheckNow(): WatchView;
  /** The Changes view was shown: clears its part of the toolbar badge. */
  markChangesSeen(): void;
  /** Dismisses changes (by key) from the Changes view for good; returns the changes left. */
  dismissChanges(keys: string[]): WatchChange[];
  /** Per-paper switch (on by default); returns the ids that are off. */
  watchSetPaper(id: string, on: boolean): string[];
  /** Zotero (background/zotero/): save papers one by one, each with its own result; `meta` is the page's, for one paper. */
  zoteroSave(ids: string[], meta?: PaperMeta): ZoteroSaveReport;
  /** The collection selected in Zotero, where a save would go. */
  zoteroTarget(): { target?: ZoteroTarget; problem?: ZoteroProblem };
  /** Which of these papers Zotero holds (its local API, when the user turned it on). */
  zoteroMarks(ids: string[]): ZoteroMarks;
  /** Whether the optional 127.0.0.1 permission is granted (content scripts can't ask the permissions API). */
  zoteroPermission(): { granted: boolean };
  /** Opens the options page at its Zotero section, where the permission is asked for. */
  openZoteroSetup(): void;
  /** BibTeX or a plain-text (APA) citation of one paper, for the clipboard. */
  citation(id: string, format: CitationFormat, meta?: PaperMeta): string;
}

type Name = keyof Protocol;
type Request = { [K in Name]: { pp: K; args: Parameters<Protocol[K]> } }[Name];
type Reply<T> = { value: T } | { error: string };

export type Handlers = {
  [K in Name]: (sender: Runtime.MessageSender, ...args: Parameters<Protocol[K]>) => Promise<ReturnType<Protocol[K]>>;
};

export async function sendMessage<K extends Name>(name: K, ...args: Parameters<Protocol[K]>): Promise<ReturnType<Protocol[K]>> {
  const reply = (await browser.runtime.sendMessage({ pp: name, args })) as Reply<ReturnType<Protocol[K]>> | undefined;
  if (!reply) throw new Error(`${name}: no answer from the background worker`);
  if ('error' in reply) throw new Error(`${name}: ${reply.error}`);
  return reply.value;
}

function isRequest(message: unknown, handlers: Handlers): message is Request {
  return typeof message === 'object' && message !== null && 'pp' in message
    && typeof (message as Request).pp === 'string' && Object.hasOwn(handlers, (message as Request).pp)
    && Array.isArray((message as Request).args);
}

/**
 * What a content script (code running inside an arXiv page) may ask. Everything else — exporting notes, importing,
 * clearing the cache, editing entries — is for the extension's own pages only: defence in depth should a page ever
 * manage to drive our content script.
 */
const pageCallable: ReadonlySet<Name> = new Set<Name>(['getPaper', 'getPapersBulk', 'chipIndex', 'getPapersLocal', 'tabPaper', 'readingListSave', 'readingListRemove', 'readingListSetStatus', 'listingVisit', 'listingSeen',
  'zoteroSave', 'zoteroMarks', 'zoteroPermission', 'openZoteroSetup', 'citation']);

export function isAllowed(name: Name, sender: Runtime.MessageSender): boolean {
  if (sender.id !== undefined && sender.id !== browser.runtime.id) return false;
  // The popup opened in a tab has `sender.tab` too; what tells pages apart is the URL they run at.
  const fromExtensionPage = sender.url?.startsWith(browser.runtime.getURL('')) ?? sender.tab === undefined;
  return fromExtensionPage || pageCallable.has(name);
}

/** Not async on purpose: returning undefined leaves foreign messages to other listeners. */
export function handleMessages(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isRequest(message, handlers)) return undefined;
    if (!isAllowed(message.pp, sender)) return Promise.resolve({ error: `${message.pp} is not available to web pages` });
    const handler = handlers[message.pp] as (s: Runtime.MessageSender, ...a: unknown[]) => Promise<unknown>;
    return handler(sender, ...message.args).then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
