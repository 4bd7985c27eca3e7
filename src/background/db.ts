/**
 * The extension's IndexedDB: one typed schema, owned by the worker alone (content scripts can't
 * see it anyway: their IndexedDB belongs to arxiv.org). Upgrades are cumulative steps (`schemaSteps`).
 * Rule (idb README): never await anything but the transaction's own requests between its start and end.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { DigestRecord, PaperRecord, ReadingListEntry } from '../shared/types';
import { joinPaper, mergePart, sameCounts, splitPaper, textHash, textKeyOf, type PaperCounts, type PaperText } from './paper-cache/parts';
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
 * Since v4 a shard holds each paper's counts only (paper-cache/parts.ts), ~100 bytes a paper with its history, so a
 * refresh rewrites small rows; the text lives in `paperText` rows, written when it changes.
 */
export interface PaperShard {
  key: string;
  papers: Record<string, PaperCounts>;
  /** The upvote counts this browser saw per paper (replica/history.ts), written with the paper in the same put. */
  history?: Record<string, UpvoteHistory>;
}

/** v4: the text of the papers of one shard featured in one Daily Papers month (parts.ts textKeyOf), keyed `2406.12@2024-06`. */
export interface TextShard {
  key: string;
  papers: Record<string, PaperText>;
}

export const shardKey = (id: string): string => id.slice(0, 7);

export interface PulseDB extends DBSchema {
  /** v3; v1–v2 kept one row per paper in a `papers` store, moved into shards by step 3. Counts only since v4. */
  paperShards: { key: string; value: PaperShard };
  /** v4 */
  paperText: { key: string; value: TextShard };
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
  /** v3: whole records in the shards. */
  paperShards: { key: string; value: { key: string; papers: Record<string, PaperRecord>; history?: Record<string, UpvoteHistory> } };
}
const legacy = (database: IDBPDatabase<PulseDB>) => database as unknown as IDBPDatabase<LegacyDB>;

/**
 * Schema steps, applied in order from the version a user has. Never edit a shipped step: add one.
 * Exported so tests can build a database exactly as an older release left it. A step that moves data returns the
 * promise of its reads: the next step starts after it, so it sees the moved rows (all in the one upgrade transaction).
 */
export const schemaSteps: ((database: IDBPDatabase<PulseDB>, transaction: UpgradeTransaction) => void | Promise<void>)[] = [
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
    const shards = legacy(database).createObjectStore('paperShards', { keyPath: 'key' });
    return (transaction as unknown as IDBPTransaction<LegacyDB, ['papers'], 'versionchange'>).objectStore('papers').getAll().then((rows) => {
      for (const [key, group] of groupByShard(rows)) void shards.put({ key, papers: Object.fromEntries(group.map((p) => [p.id, p])) });
      legacy(database).deleteObjectStore('papers');
    });
  },
  (database, transaction) => {
    // Each shard's records split into counts (staying in the shard, history untouched) and text rows (parts.ts).
    const texts = database.createObjectStore('paperText', { keyPath: 'key' });
    const shards = (transaction as unknown as IDBPTransaction<LegacyDB, ['paperShards'], 'versionchange'>).objectStore('paperShards');
    return shards.getAll().then((rows) => {
      const textRows = new Map<string, TextShard>();
      for (const old of rows) {
        const shard: PaperShard = { key: old.key, papers: {}, ...(old.history ? { history: old.history } : {}) };
        for (const paper of Object.values(old.papers)) {
          const { text, counts } = splitPaper(paper);
          const t = textKeyOf(old.key, paper);
          shard.papers[paper.id] = { ...counts, t, h: textHash(text) };
          const row = textRows.get(t) ?? { key: t, papers: {} };
          row.papers[paper.id] = text;
          textRows.set(t, row);
        }
        void transaction.objectStore('paperShards').put(shard);
      }
      for (const row of textRows.values()) void texts.put(row);
    });
  },
];
export const DB_VERSION = schemaSteps.length;

export function openPulseDb(version = DB_VERSION): Promise<PulseDatabase> {
  return openDB<PulseDB>(DB_NAME, version, {
    upgrade(database, oldVersion, newVersion, transaction) {
      // Steps run at once, except after a step that moves data: the next one waits for its reads (schemaSteps).
      let pending: Promise<void> | undefined;
      for (let step = oldVersion; step < (newVersion ?? version); step++) {
        const run = () => schemaSteps[step]?.(database, transaction);
        pending = pending ? pending.then(run) : (run() ?? undefined);
      }
      pending?.catch((error: unknown) => {
        console.warn('Paper Pulse: database upgrade failed', error);
        transaction.abort();
      });
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

function groupByShard<P extends { id: string }>(papers: readonly P[]): Map<string, P[]> {
  const groups = new Map<string, P[]>();
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
 * so progress and data can't disagree. Papers are whole records, or counts parts staged by stagePapers (their text
 * already stored).
 */
export async function putLists(snapshots: ListSnapshot[], papers: readonly (PaperRecord | PaperCounts)[], meta: Record<string, unknown> = {}, dropMeta: readonly string[] = []): Promise<void> {
  const database = await db();
  const tx = database.transaction(['paperShards', 'paperText', 'lists', 'misses', 'meta'], 'readwrite');
  const [, missKeys] = await Promise.all([upsertPapers(tx, papers), tx.objectStore('misses').getAllKeys()]);
  const misses = new Set(missKeys);
  await Promise.all([
    // A paper that shows up in a list is on HF after all (the misses are usually none: no request per paper).
    ...papers.filter((p) => misses.has(p.id)).map((p) => tx.objectStore('misses').delete(p.id)),
    ...snapshots.map((snapshot) => tx.objectStore('lists').put(snapshot)),
    ...Object.entries(meta).map(([key, value]) => tx.objectStore('meta').put(value, key)),
    ...dropMeta.map((key) => tx.objectStore('meta').delete(key)),
    tx.done,
  ]);
  shardsWritten([...new Set(papers.map((p) => shardKey(p.id)))]);
}

/**
 * The replica's page staged until its month completes (replica/backfill.ts): the text of its new papers (and changed
 * text of known ones) is written now, new ones into the row `textRow(id)` names (each such row written once: its key
 * names the page), and their counts parts into `meta[metaKey]` with the `meta` rows given — one transaction. The
 * month's last page then passes those counts parts to putLists. Why not stage whole records: a staged page is dropped
 * when its month completes, and IndexedDB keeps a dropped row's bytes until it compacts — with whole records that was
 * a second copy of every abstract on disk for a while (measured: the store on disk about doubled).
 */
export async function stagePapers(papers: readonly PaperRecord[], textRow: (id: string) => string, metaKey: string, meta: Record<string, unknown> = {}): Promise<void> {
  const database = await db();
  const tx = database.transaction(['paperShards', 'paperText', 'meta'], 'readwrite');
  const groups = [...groupByShard(papers)];
  const stored = await Promise.all(groups.map(([key]) => tx.objectStore('paperShards').get(key)));
  const staged: PaperCounts[] = [];
  const textChanges = new Map<string, Map<string, PaperText>>();
  groups.forEach(([, group], i) => {
    for (const paper of group) {
      const older = stored[i]?.papers[paper.id];
      const { text, counts } = splitPaper(paper);
      const h = textHash(text);
      const t = older?.t ?? textRow(paper.id);
      staged.push(Object.assign(counts, { t, h }));
      if (older?.h !== h) addText(textChanges, t, paper.id, text);
    }
  });
  const writes = await writeTexts(tx, textChanges, new Set());
  await Promise.all([...writes, tx.objectStore('meta').put(staged, metaKey), ...Object.entries(meta).map(([key, value]) => tx.objectStore('meta').put(value, key)), tx.done]);
}

/** Any transaction that can write both parts of the papers. */
interface PaperWriter {
  objectStore(name: 'paperShards'): { get(key: string): Promise<PaperShard | undefined>; put(value: PaperShard): Promise<unknown> };
  objectStore(name: 'paperText'): { get(key: string): Promise<TextShard | undefined>; put(value: TextShard): Promise<unknown> };
}

function addText(changes: Map<string, Map<string, PaperText>>, row: string, id: string, text: PaperText): void {
  const texts = changes.get(row) ?? new Map<string, PaperText>();
  texts.set(id, text);
  changes.set(row, texts);
}

/** Merges the changed texts into their rows: reads each row once (unless known not to exist yet), then puts it. */
async function writeTexts(tx: PaperWriter, changes: Map<string, Map<string, PaperText>>, unread: ReadonlySet<string>): Promise<Promise<unknown>[]> {
  const texts = tx.objectStore('paperText');
  const keys = [...changes.keys()];
  const rows = await Promise.all(keys.map((key) => (unread.has(key) ? undefined : texts.get(key))));
  return keys.map((key, i) => {
    const row = rows[i] ?? { key, papers: {} };
    for (const [id, text] of changes.get(key)!) row.papers[id] = mergePart(row.papers[id], text);
    return texts.put(row);
  });
}

const isStaged = (paper: PaperRecord | PaperCounts): paper is PaperCounts => typeof (paper as Partial<PaperCounts>).t === 'string';

/**
 * Merges the papers into their shards (counts, history) and, where the text they bring is new, into their text rows:
 * reads the touched shards, then only the text rows that change; writes only rows that changed.
 */
async function upsertPapers(tx: PaperWriter, papers: readonly (PaperRecord | PaperCounts)[]): Promise<void> {
  const shards = tx.objectStore('paperShards');
  const groups = [...groupByShard(papers)];
  const stored = await Promise.all(groups.map(([key]) => shards.get(key)));
  const textChanges = new Map<string, Map<string, PaperText>>();
  // A new paper's text goes to its shard's own row (textKeyOf), which holds that shard's papers only: a shard not
  // stored yet has none, so those rows need no read.
  const unread = new Set<string>();
  const writes: Promise<unknown>[] = [];
  groups.forEach(([key, group], i) => {
    const shard = stored[i] ?? { key, papers: {} };
    let changed = false;
    for (const paper of group) {
      const result = storeCounts(shard, paper);
      changed ||= result.changed;
      if (!result.text) continue;
      addText(textChanges, result.text.t, paper.id, result.text.text);
      if (!stored[i]) unread.add(result.text.t);
    }
    if (changed) writes.push(shards.put(shard));
  });
  writes.push(...(await writeTexts(tx, textChanges, unread)));
  await Promise.all(writes);
}

/**
 * Merges the paper's counts into its shard and records the count it carries in the paper's upvote history. Returns
 * whether the shard changed, and the text to merge when it differs from the last text merged (parts.ts textHash).
 * A staged paper's text is stored already: it only says where (`t`), unless the paper's own row has that text.
 */
function storeCounts(shard: PaperShard, paper: PaperRecord | PaperCounts): { changed: boolean; text?: { t: string; text: PaperText } } {
  const older = shard.papers[paper.id];
  if (!older) generation++;
  let merged: PaperCounts;
  let text: PaperText | undefined;
  if (isStaged(paper)) {
    const { t, h, ...counts } = paper;
    merged = Object.assign(mergePart<Omit<PaperCounts, 't' | 'h'>>(older, counts), { t: older && older.h === h ? older.t : t, h }) as PaperCounts;
  } else {
    const parts = splitPaper(paper);
    const h = textHash(parts.text);
    // `counts` is this call's own object: a new paper's counts row is it, with its bookkeeping added.
    merged = Object.assign(mergePart<Omit<PaperCounts, 't' | 'h'>>(older, parts.counts), { t: older?.t ?? textKeyOf(shard.key, paper), h }) as PaperCounts;
    if (older?.h !== h) text = parts.text;
  }
  shard.history ??= {};
  const history = shard.history[paper.id];
  const observed = observe(history, hourOf(paper.fetchedAt), paper.upvotes);
  const changed = !sameCounts(older, merged) || !sameHistory(history, observed);
  shard.papers[paper.id] = merged;
  shard.history[paper.id] = observed;
  return { changed, ...(text ? { text: { t: merged.t, text } } : {}) };
}

const sameHistory = (a: UpvoteHistory | undefined, b: UpvoteHistory): boolean => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

export async function putPaper(paper: PaperRecord): Promise<PaperRecord> {
  const database = await db();
  const tx = database.transaction(['paperShards', 'paperText', 'misses'], 'readwrite');
  await upsertPapers(tx, [paper]);
  const [merged] = await Promise.all([readPapers(tx, [paper.id]), tx.objectStore('misses').delete(paper.id)]);
  await tx.done;
  shardsWritten([shardKey(paper.id)]);
  return merged.get(paper.id) ?? paper;
}

/** Any transaction's view of the two paper stores (read-only or read-write, alone or with other stores). */
interface PaperReader {
  objectStore(name: 'paperShards'): { get(key: string): Promise<PaperShard | undefined> };
  objectStore(name: 'paperText'): { get(key: string): Promise<TextShard | undefined> };
}

/** A cached paper with the upvote counts this browser saw. */
export interface PaperRow {
  paper: PaperRecord;
  history?: UpvoteHistory;
}

/** A paper's counts without its text (chips, rising, gains): what `paperShards` alone answers. */
export interface CountsRow {
  paper: PaperCounts;
  history?: UpvoteHistory;
}

/** The counts rows of these ids, read shard by shard (each shard once), in the caller's transaction. */
async function readCounts(tx: Pick<PaperReader, 'objectStore'>, ids: readonly string[]): Promise<Map<string, CountsRow>> {
  const store = tx.objectStore('paperShards');
  const keys = [...new Set(ids.map(shardKey))];
  const shards = new Map((await Promise.all(keys.map((key) => store.get(key)))).flatMap((shard) => (shard ? [[shard.key, shard] as const] : [])));
  const out = new Map<string, CountsRow>();
  for (const id of ids) {
    const shard = shards.get(shardKey(id));
    const paper = shard?.papers[id];
    if (paper) out.set(id, { paper, history: shard.history?.[id] });
  }
  return out;
}

/** Whole rows: the counts, then the text rows they point to (each once). A paper whose text is missing is left out. */
async function withText(tx: PaperReader, counts: Iterable<CountsRow>): Promise<PaperRow[]> {
  const rows = [...counts];
  const store = tx.objectStore('paperText');
  const keys = [...new Set(rows.map((r) => r.paper.t))];
  const texts = new Map((await Promise.all(keys.map((key) => store.get(key)))).flatMap((row) => (row ? [[row.key, row] as const] : [])));
  return rows.flatMap(({ paper, history }) => {
    const text = texts.get(paper.t)?.papers[paper.id];
    return text ? [{ paper: joinPaper(paper, text), history }] : [];
  });
}

/** The cached rows of these ids, in the caller's transaction. */
export async function readRows(tx: PaperReader, ids: readonly string[]): Promise<Map<string, PaperRow>> {
  return new Map((await withText(tx, (await readCounts(tx, ids)).values())).map((row) => [row.paper.id, row]));
}

/** The cached records of these ids, in the caller's transaction. */
export async function readPapers(tx: PaperReader, ids: readonly string[]): Promise<Map<string, PaperRecord>> {
  return new Map([...(await readRows(tx, ids))].map(([id, row]) => [id, row.paper]));
}

export async function getPaperRows(ids: readonly string[]): Promise<Map<string, PaperRow>> {
  const tx = (await db()).transaction(['paperShards', 'paperText']);
  const rows = await readRows(tx, ids);
  await tx.done;
  return rows;
}

/** The counts of these ids (no text read): chips, gains, rising. */
export async function getCountRows(ids: readonly string[]): Promise<Map<string, CountsRow>> {
  const tx = (await db()).transaction('paperShards');
  const rows = await readCounts(tx, ids);
  await tx.done;
  return rows;
}

export async function getPaperRecord(id: string): Promise<PaperRecord | undefined> {
  return (await getPaperRows([id])).get(id)?.paper;
}

export async function getPapers(ids: readonly string[]): Promise<(PaperRecord | undefined)[]> {
  const tx = (await db()).transaction(['paperShards', 'paperText']);
  const found = await readPapers(tx, ids);
  await tx.done;
  return ids.map((id) => found.get(id));
}

/** The counts rows of these arXiv months (`2606` = ids 2606.*): a key range of shards each, no text read. */
export async function getCountRowsOfMonths(yymms: readonly string[]): Promise<CountsRow[]> {
  const tx = (await db()).transaction('paperShards');
  const shards = await Promise.all(yymms.map((m) => tx.store.getAll(IDBKeyRange.bound(`${m}.`, `${m}.\uffff`))));
  await tx.done;
  return shards.flat().flatMap((shard) => Object.values(shard.papers).map((paper) => ({ paper, history: shard.history?.[paper.id] })));
}

/** Every cached paper of these arXiv months, with its history and text (chips need only getCountRowsOfMonths). */
export async function getRowsOfMonths(yymms: readonly string[]): Promise<PaperRow[]> {
  const tx = (await db()).transaction(['paperShards', 'paperText']);
  const counts = await Promise.all(yymms.map((m) => tx.objectStore('paperShards').getAll(IDBKeyRange.bound(`${m}.`, `${m}.\uffff`))));
  const rows = await withText(tx, counts.flat().flatMap((shard) => Object.values(shard.papers).map((paper) => ({ paper, history: shard.history?.[paper.id] }))));
  await tx.done;
  return rows;
}

export async function getAllPapers(): Promise<PaperRecord[]> {
  const tx = (await db()).transaction(['paperShards', 'paperText']);
  const [shards, texts] = await Promise.all([tx.objectStore('paperShards').getAll(), tx.objectStore('paperText').getAll()]);
  await tx.done;
  const byKey = new Map(texts.map((row) => [row.key, row.papers]));
  return shards.flatMap((shard) => Object.values(shard.papers).flatMap((counts) => {
    const text = byKey.get(counts.t)?.[counts.id];
    return text ? [joinPaper(counts, text)] : [];
  }));
}
