/**
 * The watch's stored state, in the `meta` store (no schema step needed): per saved paper what arXiv last said, the
 * changes found (newest first, at most MAX_CHANGES), the last pass, the ids taken out of the watch. Bounded: papers
 * are pruned to the reading list at every pass, and the reading list itself is bounded.
 */
import type { WatchChange, WatchedPaper, WatchPass } from '../../shared/watch-types';
import { db } from '../db';

export const MAX_CHANGES = 200;
const PAPERS = 'watch:papers';
const CHANGES = 'watch:changes';
const PASS = 'watch:pass';
const OFF = 'watch:off';
const LAST_REQUEST_END = 'watch:lastRequestEnd';

export interface WatchState {
  papers: Record<string, WatchedPaper>;
  changes: WatchChange[];
  pass?: WatchPass;
  off: string[];
  lastRequestEnd?: number;
}

export async function readWatch(): Promise<WatchState> {
  const tx = (await db()).transaction('meta');
  const [papers, changes, pass, off, lastRequestEnd] = await Promise.all([PAPERS, CHANGES, PASS, OFF, LAST_REQUEST_END].map((k) => tx.store.get(k)));
  await tx.done;
  return {
    papers: (papers as Record<string, WatchedPaper> | undefined) ?? {},
    changes: (changes as WatchChange[] | undefined) ?? [],
    pass: pass as WatchPass | undefined,
    off: (off as string[] | undefined) ?? [],
    lastRequestEnd: typeof lastRequestEnd === 'number' ? lastRequestEnd : undefined,
  };
}

/** Writes the given parts in one transaction: a batch's papers and its changes land together or not at all. */
export async function writeWatch(patch: Partial<WatchState>): Promise<void> {
  const tx = (await db()).transaction('meta', 'readwrite');
  const keys: [keyof WatchState, string][] = [['papers', PAPERS], ['changes', CHANGES], ['pass', PASS], ['off', OFF], ['lastRequestEnd', LAST_REQUEST_END]];
  await Promise.all([
    ...keys.filter(([field]) => patch[field] !== undefined).map(([field, key]) => tx.store.put(patch[field], key)),
    tx.done,
  ]);
}

/** Newest first, capped: older changes fall off the end. */
export const keepChanges = (fresh: readonly WatchChange[], stored: readonly WatchChange[]): WatchChange[] =>
  [...fresh, ...stored].sort((a, b) => b.at - a.at).slice(0, MAX_CHANGES);

export async function unseenChangeCount(): Promise<number> {
  const changes = ((await (await db()).get('meta', CHANGES)) as WatchChange[] | undefined) ?? [];
  return changes.filter((c) => !c.seen).length;
}
