/**
 * The watch's stored state, in the `meta` store (no schema step needed): per saved paper what arXiv and Hugging Face
 * last said, the changes found by both (one list, newest first, at most MAX_CHANGES, dismissed ones removed, older
 * than CHANGE_TTL_MS dropped), the last pass and HF step, the ids taken out of the watch. Bounded: papers are pruned
 * to the reading list at every pass and step, and the reading list itself is bounded.
 *
 * The change list has two writers (the daily arXiv pass and the hourly HF step, plus "seen" and dismissals from the
 * popup), so it is only ever updated inside one transaction that reads it first (`updateChanges`): none of them can
 * put back a list another one changed meanwhile.
 */
import type { HfStep, HfWatched, WatchChange, WatchedPaper, WatchPass } from '../../shared/watch-types';
import { db } from '../db';

export const MAX_CHANGES = 200;
/** A change is news for three months; after that it leaves the list even if the cap isn't reached. */
export const CHANGE_TTL_MS = 90 * 24 * 3_600_000;
const PAPERS = 'watch:papers';
const CHANGES = 'watch:changes';
const PASS = 'watch:pass';
const OFF = 'watch:off';
const LAST_REQUEST_END = 'watch:lastRequestEnd';
const HF_PAPERS = 'watch:hf:papers';
const HF_STEP = 'watch:hf:step';

export interface WatchState {
  papers: Record<string, WatchedPaper>;
  changes: WatchChange[];
  pass?: WatchPass;
  off: string[];
  lastRequestEnd?: number;
  hfPapers: Record<string, HfWatched>;
  hfStep?: HfStep;
}

type Patch = Partial<Omit<WatchState, 'changes'>>;
const KEYS: [keyof Patch, string][] = [['papers', PAPERS], ['pass', PASS], ['off', OFF], ['lastRequestEnd', LAST_REQUEST_END], ['hfPapers', HF_PAPERS], ['hfStep', HF_STEP]];

export async function readWatch(): Promise<WatchState> {
  const tx = (await db()).transaction('meta');
  const [papers, changes, pass, off, lastRequestEnd, hfPapers, hfStep] = await Promise.all([PAPERS, CHANGES, PASS, OFF, LAST_REQUEST_END, HF_PAPERS, HF_STEP].map((k) => tx.store.get(k)));
  await tx.done;
  return {
    papers: (papers as Record<string, WatchedPaper> | undefined) ?? {},
    changes: (changes as WatchChange[] | undefined) ?? [],
    pass: pass as WatchPass | undefined,
    off: (off as string[] | undefined) ?? [],
    lastRequestEnd: typeof lastRequestEnd === 'number' ? lastRequestEnd : undefined,
    hfPapers: (hfPapers as Record<string, HfWatched> | undefined) ?? {},
    hfStep: hfStep as HfStep | undefined,
  };
}

/**
 * Writes the given parts in one transaction, and, with `changes`, rewrites the stored change list from what it holds
 * at that moment: a batch's papers and its changes land together or not at all, and never over another writer's.
 */
export async function writeWatch(patch: Patch, changes?: (stored: WatchChange[]) => WatchChange[]): Promise<void> {
  const tx = (await db()).transaction('meta', 'readwrite');
  const writes = KEYS.filter(([field]) => patch[field] !== undefined).map(([field, key]) => tx.store.put(patch[field], key));
  if (changes) {
    const stored = ((await tx.store.get(CHANGES)) as WatchChange[] | undefined) ?? [];
    writes.push(tx.store.put(changes(stored), CHANGES));
  }
  await Promise.all([...writes, tx.done]);
}

/** Newest first, capped and expired: older changes fall off the end. */
export const keepChanges = (fresh: readonly WatchChange[], stored: readonly WatchChange[], now = Date.now()): WatchChange[] =>
  [...fresh, ...stored].filter((c) => now - c.at < CHANGE_TTL_MS).sort((a, b) => b.at - a.at).slice(0, MAX_CHANGES);

/** Adds fresh changes (used as `writeWatch`'s change update). */
export const adding = (fresh: readonly WatchChange[], now?: number) => (stored: WatchChange[]) => keepChanges(fresh, stored, now);

export async function unseenChangeCount(): Promise<number> {
  const changes = ((await (await db()).get('meta', CHANGES)) as WatchChange[] | undefined) ?? [];
  return changes.filter((c) => !c.seen).length;
}
