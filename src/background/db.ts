/**
 * The extension's IndexedDB: one typed schema, owned by the worker alone (content scripts can't
 * see it anyway: their IndexedDB belongs to arxiv.org). Upgrades are cumulative steps (`schemaSteps`).
 * Rule (idb README): never await anything but the transaction's own requests between its start and end.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { DigestRecord, PaperRecord, ReadingListEntry } from '../shared/types';

export const DB_NAME = 'paper-pulse';

/** A bulk list as fetched: which papers, in HF's order, and when. */
export interface ListSnapshot {
  key: string;
  /** Human label of what it covers: a date, an ISO week, a month, or "trending". */
  label: string;
  ids: string[];
  fetchedAt: number;
}

/** "HF doesn't know this paper" — remembered so a revisit makes no request. */
export interface NegativeLookup {
  id: string;
  checkedAt: number;
}

export interface PulseDB extends DBSchema {
  papers: { key: string; value: PaperRecord };
  misses: { key: string; value: NegativeLookup };
  lists: { key: string; value: ListSnapshot };
  meta: { key: string; value: unknown };
  /** v2 */
  readingList: { key: string; value: ReadingListEntry; indexes: { 'by-updated': number } };
  /** v2 */
  digests: { key: string; value: DigestRecord; indexes: { 'by-created': number } };
}

export type PulseDatabase = IDBPDatabase<PulseDB>;

/**
 * Schema steps, applied in order from the version a user has. Never edit a shipped step: add one.
 * Exported so tests can build a database exactly as an older release left it.
 */
export const schemaSteps: ((database: IDBPDatabase<PulseDB>) => void)[] = [
  (database) => {
    database.createObjectStore('papers', { keyPath: 'id' });
    database.createObjectStore('misses', { keyPath: 'id' });
    database.createObjectStore('lists', { keyPath: 'key' });
    database.createObjectStore('meta');
  },
  (database) => {
    // The reading list and digest history; v1's cache stores stay as they are.
    database.createObjectStore('readingList', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    database.createObjectStore('digests', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
  },
];
export const DB_VERSION = schemaSteps.length;

export function openPulseDb(version = DB_VERSION): Promise<PulseDatabase> {
  return openDB<PulseDB>(DB_NAME, version, {
    upgrade(database, oldVersion, newVersion) {
      for (let step = oldVersion; step < (newVersion ?? version); step++) schemaSteps[step]?.(database);
    },
    terminated() {
      opening = undefined;
    },
  });
}

let opening: Promise<PulseDatabase> | undefined;

/** Opens (and upgrades) the database once per worker life. */
export function db(): Promise<PulseDatabase> {
  opening ??= openPulseDb().catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/** Newer data wins, but fields the newer source doesn't carry (rank, linked-repo counts) are kept. */
export function mergePaper(older: PaperRecord | undefined, newer: PaperRecord): PaperRecord {
  if (!older) return newer;
  const merged: PaperRecord = { ...older };
  for (const [key, value] of Object.entries(newer) as [keyof PaperRecord, unknown][]) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Writes lists and their papers in ONE transaction: a reader sees the old snapshot or the new one, never half. */
export async function putLists(snapshots: ListSnapshot[], papers: PaperRecord[]): Promise<void> {
  const database = await db();
  const tx = database.transaction(['papers', 'lists', 'misses'], 'readwrite');
  const paperStore = tx.objectStore('papers');
  // IndexedDB's per-request cost dominates big lists (10,000 papers = 30,000 requests done naively): read the rows to
  // merge with as one key range when that range is dense, and delete only the misses that exist (usually none).
  const [olders, missKeys] = await Promise.all([existing(paperStore, papers.map((p) => p.id)), tx.objectStore('misses').getAllKeys()]);
  const misses = new Set(missKeys);
  await Promise.all([
    ...papers.map((p) => paperStore.put(mergePaper(olders.get(p.id), p))),
    // A paper that shows up in a list is on HF after all.
    ...papers.filter((p) => misses.has(p.id)).map((p) => tx.objectStore('misses').delete(p.id)),
    ...snapshots.map((snapshot) => tx.objectStore('lists').put(snapshot)),
    tx.done,
  ]);
}

type PaperStore = IDBPObjectStore<PulseDB, ('papers' | 'lists' | 'misses')[], 'papers', 'readwrite'>;

/** The stored rows of these ids: one `getAll` over their key range when it holds at most 3× as many rows, else one `get` each. */
async function existing(store: PaperStore, ids: string[]): Promise<Map<string, PaperRecord>> {
  const rows = new Map<string, PaperRecord>();
  if (ids.length === 0) return rows;
  const sorted = [...ids].sort();
  const range = IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]);
  const found = ids.length > 50 && (await store.count(range)) <= 3 * ids.length
    ? await store.getAll(range)
    : await Promise.all(ids.map((id) => store.get(id)));
  for (const row of found) if (row) rows.set(row.id, row);
  return rows;
}

export async function putPaper(paper: PaperRecord): Promise<PaperRecord> {
  const database = await db();
  const tx = database.transaction(['papers', 'misses'], 'readwrite');
  const merged = mergePaper(await tx.objectStore('papers').get(paper.id), paper);
  await Promise.all([tx.objectStore('papers').put(merged), tx.objectStore('misses').delete(paper.id), tx.done]);
  return merged;
}

export async function getPapers(ids: readonly string[]): Promise<(PaperRecord | undefined)[]> {
  const database = await db();
  const tx = database.transaction('papers');
  const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  return rows;
}
