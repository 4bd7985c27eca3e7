/** The data shapes every context shares. All JSON-safe: messages are structured-cloned/JSON'd. */

/** arXiv identifier, split into its canonical form and version. */
export interface ArxivId {
  /** Canonical id without version: `2101.04792`, `hep-th/9901001` (archive lowercased, subject class dropped). */
  id: string;
  /** `2` for `…v2`; undefined when the input named no version. */
  version?: number;
  /** HF indexes only new-style ids, so old-style ones are never looked up. */
  style: 'new' | 'old';
}

export type PageKind =
  | 'abs' | 'pdf' | 'html' | 'format'         // one paper on arxiv.org
  | 'listing' | 'catchup' | 'author' | 'search' // many papers on arxiv.org
  | 'hf-paper' | 'alphaxiv' | 'paperswithcode' // one paper elsewhere (popup + action badge only; shared/paper-pages.ts)
  | 'site-paper'; // a paper named only by the page's content, as its site's script told the worker (toolbar-badge/tab-papers.ts)

export interface DetectedPage {
  kind: PageKind;
  /** The page's own paper, for single-paper kinds. */
  paper?: ArxivId;
}

/** One paper as the extension keeps it: validated and flattened from HF's shapes. */
export interface PaperRecord {
  id: string;
  title: string;
  authors: string[];
  summary: string;
  publishedAt?: string;
  upvotes: number;
  numComments?: number;
  /** Only http(s) URLs survive validation. */
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  aiSummary?: string;
  aiKeywords?: string[];
  /** The Daily Papers day it was featured on (YYYY-MM-DD), and its 1-based rank that day by upvotes. */
  dailyDate?: string;
  dailyRank?: number;
  numModels?: number;
  numDatasets?: number;
  numSpaces?: number;
  /** ms since epoch when HF last gave us this record. */
  fetchedAt: number;
  /** ms since epoch of the last `papers/{id}` answer: bulk lists refresh the counts, not these details. */
  detailFetchedAt?: number;
}

/** What the worker answers for one paper id. */
export type PaperLookup =
  /** `unsaved`: IndexedDB failed, so the record lives in the worker's memory only (background/paper-cache/memory-fallback.ts). */
  | { state: 'found'; paper: PaperRecord; stale: boolean; unsaved?: boolean; gain24?: number }
  /** `unchecked`: privacy mode kept us from asking HF, so "not on HF" only means "not in the cached lists". */
  | { state: 'not-on-hf'; checkedAt: number; unchecked?: boolean }
  | { state: 'old-style' }
  | { state: 'error'; message: string };

export type ListKind = 'today' | 'week' | 'month' | 'trending';

/** What a listing/search chip needs about one paper: compact, so a 2,000-id answer stays small. */
export interface BulkPaper {
  upvotes: number;
  /** The Daily Papers day it was featured on, for the chip's tooltip. */
  dailyDate?: string;
  /** Upvotes gained over about the last day, from the counts this browser saw; only when notable (≥ 5). */
  gain24?: number;
}

/**
 * Chip data of every cached paper, packed per arXiv month (background/chip-index/): `months['2606']` is
 * `NNNNN:upvotes:YYYY-MM-DD[:gain];…` for ids 2606.NNNNN (date empty when unknown). `ask`: months whose lists are missing or not fresh: their
 * entries are asked for with getPapersBulk, which fetches or refreshes them.
 */
export interface ChipIndex {
  months: Record<string, string>;
  ask: string[];
}

/** A cached bulk list as the popup shows it. */
export interface ListView {
  /** `rising`: computed locally from the upvote history (background/replica/rising.ts), never fetched. */
  kind: ListKind | 'rising';
  /** What the list covers, e.g. `2026-08-21`, `2026-W34`, `2026-08`. */
  label?: string;
  papers: PaperRecord[];
  /** undefined: never fetched. */
  fetchedAt?: number;
  /** Set when the last refresh failed; cached papers (if any) are still returned. */
  error?: string;
  /** A background refresh was started: ask again with `waitForRefresh` to learn how it went. */
  refreshing?: boolean;
  /** id → upvotes gained over about the last day, from the counts this browser saw (Rising: every gain; others: notable ones). */
  gains?: Record<string, number>;
}

/** In this order: a status's index is its code in the synced format (background/reading-list/sync-codec.ts). */
export const READING_STATUSES = ['to-read', 'reading', 'read'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

/** A reading-list entry: enough to work offline, export and sync (product.md §3). */
export interface ReadingListEntry {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  primaryClass?: string;
  addedAt: number;
  updatedAt: number;
  status: ReadingStatus;
  tags: string[];
  note: string;
  upvotesAtSave?: number;
  lastSeenUpvotes?: number;
}

/** What a page says about its paper (abs `citation_*` meta tags, a listing entry), sent along when saving from it. */
export interface PaperMeta {
  title?: string;
  authors?: string[];
  abstract?: string;
  primaryClass?: string;
}

/** The outcome of a reading-list import, shown to the user as is. */
export interface ImportReport {
  added: number;
  updated: number;
  skipped: number;
  /** Why entries were skipped, e.g. "3 × already in the list, unchanged". */
  reasons: string[];
}

/** A cached paper as a popup list row shows it (shared/paper-item.ts). */
export interface PaperItem {
  id: string;
  title: string;
  authors?: string[];
  upvotes: number;
  numComments?: number;
  githubStars?: number;
  /** The Daily Papers day it was featured on. */
  date?: string;
}

/** A paper related to the current one, with the one-line reason (background/related/related.ts). */
export interface RelatedItem extends PaperItem {
  /** "Shared: video generation, diffusion" */
  why: string;
  /** Ranked locally over the cache, or found by HF's search for the title. */
  source: 'local' | 'hf-search';
}

/** The popup's search over the cached papers (background/search/search.ts). */
export interface SearchView {
  query: string;
  /** `building`: the first index over the cache is being made (no results yet; ask again). */
  state: 'ready' | 'building';
  items: PaperItem[];
  /** Papers matching every word (`items` are the best of them). */
  total: number;
  /** Papers in the index. */
  indexed: number;
  /** Nothing searchable typed yet: empty, one letter, or only stopwords. */
  blank: boolean;
}

export interface RelatedView {
  id: string;
  items: RelatedItem[];
  /** How many cached papers the local ranking looked at. */
  corpusSize: number;
  /** HF search: merged (fresh or cached), skipped (privacy mode / offline), or failed with a message. */
  search: 'merged' | 'skipped' | { error: string };
}

/** One paper the local digest picked, with the reason it was picked. */
export interface DigestPick {
  id: string;
  title: string;
  upvotes: number;
  why: string;
  /** `for-you`: the "For you" mode's pick close to the reading list (shared/for-you.ts). */
  source: 'daily' | 'trending' | 'for-you';
}

/** One run of the local daily digest. `id` is the local calendar day it ran for (YYYY-MM-DD). */
export interface DigestRecord {
  id: string;
  createdAt: number;
  picks: DigestPick[];
  seen: boolean;
}

/** The local replica of HF Daily Papers (background/replica/): how far the backfill is, and how old its data. */
export interface ReplicaStatus {
  enabled: boolean;
  /** Months since 2023-05 stored completely, of all of them ("Indexed 14 of 43 months"). */
  indexed: number;
  total: number;
  oldestFetchedAt?: number;
  newestFetchedAt?: number;
  /** Paused after an error, a 429 (its Retry-After) or being offline; goes on by itself at this time. */
  pausedUntil?: number;
  lastError?: string;
}
