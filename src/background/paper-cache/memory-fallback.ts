/**
 * When IndexedDB fails (a broken profile, quota exceeded, private-mode restrictions), the worker still answers from
 * the network and keeps what it fetched in memory for this worker life only, and says so (`unsaved`), so the page
 * never breaks and the user knows why data is re-fetched after a restart.
 */
import type { PaperLookup, PaperRecord } from '../../shared/types';
import type { ListSnapshot } from '../db';

const papers = new Map<string, PaperRecord>();
/** Bounded: a worker life that browses a lot must not grow without limit. */
const MAX_PAPERS = 500;

export function rememberPaper(paper: PaperRecord): PaperLookup {
  if (papers.size >= MAX_PAPERS) papers.delete(papers.keys().next().value!);
  papers.set(paper.id, paper);
  return { state: 'found', paper, stale: false, unsaved: true };
}

export const rememberedRecord = (id: string): PaperRecord | undefined => papers.get(id);

const lists = new Map<string, ListSnapshot>();
export function rememberLists(snapshots: ListSnapshot[], records: PaperRecord[]): void {
  for (const record of records) rememberPaper(record);
  for (const snapshot of snapshots) lists.set(snapshot.key, snapshot);
}
export const rememberedList = (key: string): ListSnapshot | undefined => lists.get(key);

export function rememberedPaper(id: string): PaperLookup | undefined {
  const paper = papers.get(id);
  return paper && { state: 'found', paper, stale: false, unsaved: true };
}

export function storageProblem(error: unknown): void {
  console.warn('Paper Pulse: browser storage unavailable, keeping data in memory only', error);
}
