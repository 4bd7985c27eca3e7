/**
 * The extension's IndexedDB: one typed schema, owned by the worker alone (content scripts can't
 * see it anyway: their IndexedDB belongs to arxiv.org). Upgrades are cumulative steps (`schemaSteps`).
 * Rule (idb README): never await anything but the transaction's own requests between its start and end.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { DigestRecord, PaperRecord, ReadingListEntry } from '../shared/types';
import { hourOf, observe, type UpvoteHistory } from './replica/history';

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

/**
 * Cached papers, in shards of neighbouring arXiv ids: `2406.12` holds 2406.12000–2406.12999 (HF knows a few dozen of
 * each thousand at most). Why: IndexedDB's cost is per request — 10,000 one-paper puts took 1.1–1.7 s, the same
 * papers in 100 puts 0.3 s (measured in Chromium) — and a listing's lookups read a few shards instead of 2,000 rows.
 */
export interface PaperShard {
  key: string;
  papers: Record<string, PaperRecord>;
  /** The upvote counts this browser saw per paper (replica/history.ts), written with the paper in the same put. */
  history?: Record<string, UpvoteHistory>;
}

export const shardKey = (id: string): string => id.slice(0, 7);

export interface PulseDB extends DBSchema {
  /** v3; v1–v2 kept one row per paper in a `papers` store, moved into shards by step 3. */
  paperShards: { key: string; value: PaperShard };
  misses: { key: string; value: NegativeLookup };
  lists: { key: string; value: ListSnapshot };
  meta: { key: string; value: unknown };
  /** v2 */
  readingList: { key: string; value: ReadingListEntry; indexes: { 'by-updated': number } };
  /** v2 */
  digests: { key: string; value: DigestRecord; indexes: { 'by-created': number } };
}

export type PulseDatabase = IDBPDatabase<PulseDB>;
type UpgradeTransaction = IDBPTransaction<PulseDB, StoreNames<PulseDB>[], 'versionchange'>;
/** Stores of shipped versions that the current schema no longer has. */
interface LegacyDB extends DBSchema {
  papers: { key: string; value: PaperRecord };
}
const legacy = (database: IDBPDatabase<PulseDB>) => database as unknown as IDBPDatabase<LegacyDB>;

/**
 * Schema steps, applied in order from the version a user has. Never edit a shipped step: add one.
 * Exported so tests can build a database exactly as an older release left it.
 */
export const schemaSteps: ((database: IDBPDatabase<PulseDB>, transaction: UpgradeTransaction) => void)[] = [
  (database) => {
    legacy(database).createObjectStore('papers', { keyPath: 'id' });
    database.createObjectStore('misses', { keyPath: 'id' });
    database.createObjectStore('lists', { keyPath: 'key' });
    database.createObjectStore('meta');
  },
  (database) => {
    // The reading list and digest history; v1's cache stores stay as they are.
    database.createObjectStore('readingList', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    database.createObjectStore('digests', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
  },
  (database, transaction) => {
    // Papers move from one row each into shards: read them all, write the shards, drop the old store — all inside
    // the upgrade transaction, so an interrupted upgrade leaves v2 as it was.
    const shards = database.createObjectStore('paperShards', { keyPath: 'key' });
    void (transaction as unknown as IDBPTransaction<LegacyDB, ['papers'], 'versionchange'>).objectStore('papers').getAll().then((rows) => {
      for (const [key, group] of groupByShard(rows)) void shards.put({ key, papers: Object.fromEntries(group.map((p) => [p.id, p])) });
      legacy(database).deleteObjectStore('papers');
    });
  },
];
export const DB_VERSION = schemaSteps.length;

export function openPulseDb(version = DB_VERSION): Promise<PulseDatabase> {
  return openDB<PulseDB>(DB_NAME, version, {
    upgrade(database, oldVersion, newVersion, transaction) {
      for (let step = oldVersion; step < (newVersion ?? version); step++) schemaSteps[step]?.(database, transaction);
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

function groupByShard(papers: readonly PaperRecord[]): Map<string, PaperRecord[]> {
  const groups = new Map<string, PaperRecord[]>();
  for (const paper of papers) {
    const key = shardKey(paper.id);
    const group = groups.get(key);
    if (group) group.push(paper);
    else groups.set(key, [paper]);
  }
  return groups;
}

/**
 * Bumped whenever this worker adds papers to the cache or clears it (the worker is its only writer): the related-papers
 * index is rebuilt when it changed. Updated counts of known papers don't bump it, as a rebuild costs ~0.7 s.
 */
let generation = 0;
export const paperCacheGeneration = (): number => generation;
export const paperCacheCleared = (): void => {
  generation++;
  for (const listener of shardListeners) listener(undefined);
};

/** Told after each committed write of paper shards (their keys), and with undefined after Clear cache (chip-index/). */
const shardListeners: ((keys: readonly string[] | undefined) => void)[] = [];
export const onShardsWritten = (listener: (keys: readonly string[] | undefined) => void): void => void shardListeners.push(listener);
const shardsWritten = (keys: readonly string[]) => shardListeners.forEach((listener) => listener(keys));

/**
 * Writes lists and their papers in ONE transaction: a reader sees the old snapshot or the new one, never half.
 * `meta` rows (the replica's progress) ride in the same transaction, and `dropMeta` rows go in it (its staged pages),
 * so progress and data can't disagree.
 */
export async function putLists(snapshots: ListSnapshot[], papers: PaperRecord[], meta: Record<string, unknown> = {}, dropMeta: readonly string[] = []): Promise<void> {
  const database = await db();
  const tx = database.transaction(['paperShards', 'lists', 'misses', 'meta'], 'readwrite');
  const shards = tx.objectStore('paperShards');
  const groups = [...groupByShard(papers)];
  const [stored, missKeys] = await Promise.all([Promise.all(groups.map(([key]) => shards.get(key))), tx.objectStore('misses').getAllKeys()]);
  const misses = new Set(missKeys);
  await Promise.all([
    ...groups.map(([key, group], i) => {
      const shard = stored[i] ?? { key, papers: {} };
      for (const paper of group) storeInShard(shard, paper);
      return shards.put(shard);
    }),
    // A paper that shows up in a list is on HF after all (the misses are usually none: no request per paper).
    ...papers.filter((p) => misses.has(p.id)).map((p) => tx.objectStore('misses').delete(p.id)),
    ...snapshots.map((snapshot) => tx.objectStore('lists').put(snapshot)),
    ...Object.entries(meta).map(([key, value]) => tx.objectStore('meta').put(value, key)),
    ...dropMeta.map((key) => tx.objectStore('meta').delete(key)),
    tx.done,
  ]);
  shardsWritten(groups.map(([key]) => key));
}

/** Merges the paper into its shard and records the count it carries in the paper's upvote history. */
function storeInShard(shard: PaperShard, paper: PaperRecord): PaperRecord {
  if (!shard.papers[paper.id]) generation++;
  const merged = mergePaper(shard.papers[paper.id], paper);
  shard.papers[paper.id] = merged;
  shard.history ??= {};
  shard.history[paper.id] = observe(shard.history[paper.id], hourOf(paper.fetchedAt), paper.upvotes);
  return merged;
}

export async function putPaper(paper: PaperRecord): Promise<PaperRecord> {
  const database = await db();
  const tx = database.transaction(['paperShards', 'misses'], 'readwrite');
  const key = shardKey(paper.id);
  const shard = (await tx.objectStore('paperShards').get(key)) ?? { key, papers: {} };
  const merged = storeInShard(shard, paper);
  await Promise.all([tx.objectStore('paperShards').put(shard), tx.objectStore('misses').delete(paper.id), tx.done]);
  shardsWritten([key]);
  return merged;
}

/** Any transaction's view of the shards store (read-only or read-write, alone or with other stores). */
interface ShardReader {
  get(key: string): Promise<PaperShard | undefined>;
}

/** A cached paper with the upvote counts this browser saw. */
export interface PaperRow {
  paper: PaperRecord;
  history?: UpvoteHistory;
}

/** The cached rows of these ids, read shard by shard (each shard once), in the caller's transaction. */
export async function readRows(store: ShardReader, ids: readonly string[]): Promise<Map<string, PaperRow>> {
  const keys = [...new Set(ids.map(shardKey))];
  const shards = new Map((await Promise.all(keys.map((key) => store.get(key)))).flatMap((shard) => (shard ? [[shard.key, shard] as const] : [])));
  const out = new Map<string, PaperRow>();
  for (const id of ids) {
    const shard = shards.get(shardKey(id));
    const paper = shard?.papers[id];
    if (paper) out.set(id, { paper, history: shard.history?.[id] });
  }
  return out;
}

/** The cached records of these ids, in the caller's transaction. */
export async function readPapers(store: ShardReader, ids: readonly string[]): Promise<Map<string, PaperRecord>> {
  return new Map([...(await readRows(store, ids))].map(([id, row]) => [id, row.paper]));
}

export async function getPaperRows(ids: readonly string[]): Promise<Map<string, PaperRow>> {
  const tx = (await db()).transaction('paperShards');
  const rows = await readRows(tx.store, ids);
  await tx.done;
  return rows;
}

export async function getPaperRecord(id: string): Promise<PaperRecord | undefined> {
  return (await (await db()).get('paperShards', shardKey(id)))?.papers[id];
}

export async function getPapers(ids: readonly string[]): Promise<(PaperRecord | undefined)[]> {
  const tx = (await db()).transaction('paperShards');
  const found = await readPapers(tx.store, ids);
  await tx.done;
  return ids.map((id) => found.get(id));
}

/** Every cached paper of these arXiv months (`2606` = ids 2606.*), with its history: a key range of shards each. */
export async function getRowsOfMonths(yymms: readonly string[]): Promise<PaperRow[]> {
  const tx = (await db()).transaction('paperShards');
  const shards = await Promise.all(yymms.map((m) => tx.store.getAll(IDBKeyRange.bound(`${m}.`, `${m}.\uffff`))));
  await tx.done;
  return shards.flat().flatMap((shard) => Object.values(shard.papers).map((paper) => ({ paper, history: shard.history?.[paper.id] })));
}

export async function getAllPapers(): Promise<PaperRecord[]> {
  return (await (await db()).getAll('paperShards')).flatMap((shard) => Object.values(shard.papers));
}
