/**
 * The reading list's compact form for `storage.sync` (product.md §3), pure. Full records stay in IndexedDB;
 * sync carries only what the user decided: id, status, tags, timestamps, the note when it fits, and deletion
 * tombstones. Chrome's quotas: 102,400 bytes in all, 8,192 per item (key + JSON of the value), 512 items,
 * 120 writes a minute — so records are packed into few items and the worker writes only the items that changed.
 */
import { parseArxivId } from '../../shared/arxiv';
import { READING_STATUSES, type ReadingListEntry, type ReadingStatus } from '../../shared/types';
import type { Tombstones } from './entries';
import { cleanTags, noControl } from './text';

export const SYNC_PREFIX = 'rl.';
export const QUOTA_BYTES = 102_400;
export const QUOTA_BYTES_PER_ITEM = 8_192;
/** Our share of the sync area: the rest is for settings, with room to spare. */
export const SYNC_BUDGET = 92_000;
/** Item size we pack to, below the per-item quota so a rounding difference between browsers can't fail a write. */
const ITEM_TARGET = 8_000;
/** Longer notes stay on this device: one note must not crowd out other entries. */
export const MAX_SYNCED_NOTE = 1_000;
/** Tombstones older than this are dropped: every device has long since seen them. */
export const TOMBSTONE_TTL = 90 * 24 * 3600_000;

const STATUS_CODE: Record<ReadingStatus, 0 | 1 | 2> = { 'to-read': 0, reading: 1, read: 2 };
/** A status's code is its index (the synced format: never reorder READING_STATUSES). */
const CODE_STATUS: readonly ReadingStatus[] = READING_STATUSES;
const DELETED = 3;

/** `[id, status 0–2, updatedAt, addedAt, tags, note?]` or a tombstone `[id, 3, deletedAt]`; times in base 36 ms. */
export type CompactRecord = [string, 0 | 1 | 2, string, string, string[]] | [string, 0 | 1 | 2, string, string, string[], string] | [string, 3, string];

export type RemoteRecord =
  | { id: string; deleted: false; status: ReadingStatus; updatedAt: number; addedAt: number; tags: string[]; note?: string }
  | { id: string; deleted: true; updatedAt: number };

const t36 = (ms: number) => Math.round(ms).toString(36);
const bytes = (s: string) => new TextEncoder().encode(s).length;
export const itemBytes = (key: string, value: unknown) => bytes(key) + bytes(JSON.stringify(value));

export interface Encoded {
  /** storage.sync items, `rl.0`, `rl.1`, … */
  items: Record<string, CompactRecord[]>;
  bytes: number;
  entries: number;
  /** Entries whose note stayed local (too long, or no room left). */
  notesLocal: number;
  /** Entries that did not fit at all (only with thousands of entries): they stay on this device. */
  notSynced: string[];
}

export function encodeForSync(entries: readonly ReadingListEntry[], tombstones: Tombstones, now = Date.now()): Encoded {
  // Most recently changed first: when space runs out, what's left out is what changed longest ago.
  const live = [...entries].sort((a, b) => b.updatedAt - a.updatedAt);
  const dead = Object.entries(tombstones).filter(([, at]) => now - at < TOMBSTONE_TTL).sort((a, b) => b[1] - a[1]);
  const records: CompactRecord[] = [];
  let used = 0;
  const notSynced: string[] = [];
  const fits = (record: CompactRecord) => used + bytes(JSON.stringify(record)) + 1 <= SYNC_BUDGET - 200;
  const kept: ReadingListEntry[] = [];
  for (const e of live) {
    const record: CompactRecord = [e.id, STATUS_CODE[e.status], t36(e.updatedAt), t36(e.addedAt), e.tags];
    if (fits(record)) {
      records.push(record);
      kept.push(e);
      used += bytes(JSON.stringify(record)) + 1;
    } else notSynced.push(e.id);
  }
  for (const [id, at] of dead) {
    const record: CompactRecord = [id, DELETED, t36(at)];
    if (fits(record)) {
      records.push(record);
      used += bytes(JSON.stringify(record)) + 1;
    }
  }
  // Then notes, newest first, while they fit.
  let notesLocal = 0;
  kept.forEach((e, i) => {
    if (!e.note) return;
    const extra = bytes(JSON.stringify(e.note)) + 1;
    if (e.note.length <= MAX_SYNCED_NOTE && used + extra <= SYNC_BUDGET - 200) {
      (records[i] as unknown[]).push(e.note);
      used += extra;
    } else notesLocal++;
  });
  const items = pack(records);
  const total = Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
  return { items, bytes: total, entries: kept.length, notesLocal, notSynced };
}

/** Greedy packing into items of at most ITEM_TARGET bytes (a record is at most ~1.5 KB, so always fits). */
function pack(records: CompactRecord[]): Record<string, CompactRecord[]> {
  const items: Record<string, CompactRecord[]> = {};
  let current: CompactRecord[] = [];
  let size = 2;
  const flush = () => {
    if (current.length) items[`${SYNC_PREFIX}${Object.keys(items).length}`] = current;
    current = [];
    size = 2;
  };
  for (const record of records) {
    const n = bytes(JSON.stringify(record)) + 1;
    if (size + n + SYNC_PREFIX.length + 4 > ITEM_TARGET) flush();
    current.push(record);
    size += n;
  }
  flush();
  return items;
}

const time = (s: unknown) => (typeof s === 'string' && /^[0-9a-z]{1,12}$/.test(s) ? Number.parseInt(s, 36) : Number.NaN);

/** Reads whatever the sync area holds; records that don't look right (another version, corruption) are ignored. */
export function decodeFromSync(all: Record<string, unknown>): RemoteRecord[] {
  const best = new Map<string, RemoteRecord>();
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(SYNC_PREFIX) || !Array.isArray(value)) continue;
    for (const raw of value) {
      const record = decodeRecord(raw);
      // The same id twice (items written by different devices mid-sync): the newest wins.
      if (record && (best.get(record.id)?.updatedAt ?? -1) < record.updatedAt) best.set(record.id, record);
    }
  }
  return [...best.values()];
}

function decodeRecord(raw: unknown): RemoteRecord | undefined {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string' || parseArxivId(raw[0])?.id !== raw[0]) return undefined;
  const [id, code] = raw as [string, unknown];
  const updatedAt = time(raw[2]);
  if (Number.isNaN(updatedAt)) return undefined;
  if (code === DELETED) return { id, deleted: true, updatedAt };
  const status = typeof code === 'number' ? CODE_STATUS[code] : undefined;
  const addedAt = time(raw[3]);
  // Another device's data: the same cleaning as a save on this one.
  const tags = Array.isArray(raw[4]) ? cleanTags(raw[4]) : undefined;
  if (!status || Number.isNaN(addedAt) || !tags) return undefined;
  const record: RemoteRecord = { id, deleted: false, status, updatedAt, addedAt, tags };
  if (typeof raw[5] === 'string') record.note = noControl(raw[5]).slice(0, MAX_SYNCED_NOTE);
  return record;
}

export interface MergeResult {
  /** Entries to write (new stubs and updated ones). */
  put: ReadingListEntry[];
  /** Ids to delete locally. */
  remove: string[];
  tombstones: Tombstones;
  /** New entries that only have the synced fields: title/authors/abstract to refill from cache/HF/arXiv. */
  refill: string[];
}

/** Per-entry last-writer-wins between this device and the sync area. Absence never deletes: only tombstones do. */
export function mergeRemote(local: ReadonlyMap<string, ReadingListEntry>, tombstones: Tombstones, remote: readonly RemoteRecord[]): MergeResult {
  const put: ReadingListEntry[] = [];
  const remove: string[] = [];
  const refill: string[] = [];
  const stones: Tombstones = { ...tombstones };
  for (const r of remote) {
    const mine = local.get(r.id);
    if (r.deleted) {
      if (mine && mine.updatedAt < r.updatedAt) remove.push(r.id);
      if (!mine || mine.updatedAt < r.updatedAt) stones[r.id] = Math.max(stones[r.id] ?? 0, r.updatedAt);
      continue;
    }
    if ((stones[r.id] ?? -1) >= r.updatedAt) continue; // deleted here after that change
    if (!mine) {
      put.push({ id: r.id, title: '', authors: [], abstract: '', addedAt: r.addedAt, updatedAt: r.updatedAt, status: r.status, tags: r.tags, note: r.note ?? '' });
      refill.push(r.id);
      delete stones[r.id];
    } else if (mine.updatedAt < r.updatedAt) {
      // The note travels only when it fits; a record without one leaves ours alone.
      put.push({ ...mine, status: r.status, tags: r.tags, note: r.note ?? mine.note, addedAt: Math.min(mine.addedAt, r.addedAt), updatedAt: r.updatedAt });
      delete stones[r.id];
    }
  }
  return { put, remove, tombstones: stones, refill };
}
