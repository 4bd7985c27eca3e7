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

export type ChangeKind = 'version' | 'journal' | 'doi' | 'title' | 'withdrawn';

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
}
