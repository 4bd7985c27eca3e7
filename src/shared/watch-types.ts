/**
 * Types of the reading-list watch (background/watch/), shared by the worker, the popup and the options page.
 * Kept apart from types.ts so the watch stays one additive piece of the protocol.
 */

/** What the watch knows about one saved paper, as arXiv last answered. */
export interface WatchedPaper {
  id: string;
  /** The version the watch first saw: "you saved v1". */
  savedVersion: number;
  version: number;
  title: string;
  journalRef?: string;
  dois: string[];
  comment?: string;
  withdrawn: boolean;
  checkedAt: number;
}

/** arXiv's kinds, then Hugging Face's (background/watch/hf-diff.ts). */
export type ChangeKind = 'version' | 'journal' | 'doi' | 'title' | 'withdrawn'
  | 'hf-page' | 'code' | 'models' | 'datasets' | 'spaces' | 'comments' | 'upvotes';

/** What the watch last saw of one saved paper on Hugging Face (the local replica or `papers/{id}`). */
export interface HfWatched {
  id: string;
  /** HF has a page for it (in the replica, or `papers/{id}` answered 200 rather than 404). */
  onHf: boolean;
  githubRepo?: string;
  upvotes?: number;
  numComments?: number;
  /** Linked repos: only `papers/{id}` says them; undefined = not known yet (never diffed against). */
  numModels?: number;
  numDatasets?: number;
  numSpaces?: number;
  /** Time of the data last observed (the record's fetchedAt, or the request's). */
  seenAt: number;
  /** The last `papers/{id}` request for it (or a lookup someone else made: the cache's detail time). */
  requestedAt?: number;
}

/** The HF side's last step (hourly, a slice of the due papers): what it read and asked, how it ended. */
export interface HfStep {
  at: number;
  /** Saved new-style papers the step looked at (HF indexes no old-style ids). */
  watched: number;
  /** Saved papers whose HF data came from the local replica / cache this step (no request). */
  fromReplica: number;
  /** `papers/{id}` requests made. */
  requests: number;
  /** Papers still due after this step (the next hourly step takes them). */
  remaining: number;
  changes: number;
  error?: string;
}

/** One thing that changed on a saved paper, from → to, found by the pass at `at`. */
export interface WatchChange {
  key: string;
  paperId: string;
  title: string;
  kind: ChangeKind;
  from?: string;
  to: string;
  at: number;
  seen: boolean;
}

export type PassOutcome =
  | { state: 'ok'; checked: number; missing: number; changes: number }
  | { state: 'error'; message: string; checked: number };

/** The last pass over the reading list: when, how many requests, how it ended. */
export interface WatchPass {
  startedAt: number;
  finishedAt?: number;
  requests: number;
  outcome?: PassOutcome;
}

export interface WatchView {
  /** Global switch on, not blocked by privacy mode. */
  active: boolean;
  /** Why it isn't active: the switch, or privacy mode. */
  inactiveReason?: 'off' | 'privacy';
  pass?: WatchPass;
  /** When the next pass may run (now or later): the daily limit, or an hour after a failed pass. */
  nextPassAt: number;
  running: boolean;
  changes: WatchChange[];
  papers: Record<string, WatchedPaper>;
  /** Saved papers the user took out of the watch. */
  off: string[];
  /** The Hugging Face side: its switch, privacy mode (replica only, no requests), its last step. */
  hf: { active: boolean; inactiveReason?: 'off'; replicaOnly: boolean; step?: HfStep };
}
