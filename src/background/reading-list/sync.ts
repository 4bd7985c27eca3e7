/**
 * Reading-list sync through the browser's own `storage.sync` (sync-codec.ts has the format and the merge).
 * Pushes are throttled by an alarm (at most one push per alarm period, well under 120 writes a minute, and an
 * alarm survives the worker being killed, unlike a timer); other devices' changes arrive via storage.onChanged
 * and are merged per entry, last writer wins, in one IndexedDB transaction.
 */
import browser, { type Storage } from 'webextension-polyfill';
import { db } from '../db';
import { TOMBSTONES_KEY, type Tombstones } from './entries';
import { SYNC_STATUS_KEY, type SyncStatus } from '../../shared/sync-status';
import { decodeFromSync, encodeForSync, mergeRemote, SYNC_PREFIX, type Encoded } from './sync-codec';

export const SYNC_ALARM = 'reading-list-sync';

/** Coalesces changes: an alarm already pending will push them all. */
export async function schedulePush(): Promise<void> {
  if (await browser.alarms.get(SYNC_ALARM)) return;
  await browser.alarms.create(SYNC_ALARM, { delayInMinutes: 0.5 });
}

async function readAll() {
  const database = await db();
  const tx = database.transaction(['readingList', 'meta']);
  const [entries, tombstones] = await Promise.all([tx.objectStore('readingList').getAll(), tx.objectStore('meta').get(TOMBSTONES_KEY) as Promise<Tombstones | undefined>, tx.done]);
  return { entries, tombstones: tombstones ?? {} };
}

async function remoteItems(): Promise<Record<string, unknown>> {
  const all = await browser.storage.sync.get(null);
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith(SYNC_PREFIX)));
}

/** Writes the items that differ and removes surplus ones: one `set` and at most one `remove` per push. */
export async function pushNow(now = Date.now()): Promise<Encoded> {
  const { entries, tombstones } = await readAll();
  const encoded = encodeForSync(entries, tombstones, now);
  const remote = await remoteItems();
  const changedItems = Object.fromEntries(Object.entries(encoded.items).filter(([key, value]) => JSON.stringify(remote[key]) !== JSON.stringify(value)));
  const surplus = Object.keys(remote).filter((key) => !(key in encoded.items));
  const status: SyncStatus = { at: now, bytes: encoded.bytes, entries: encoded.entries, notesLocal: encoded.notesLocal, notSynced: encoded.notSynced.length };
  try {
    if (Object.keys(changedItems).length) await browser.storage.sync.set(changedItems);
    if (surplus.length) await browser.storage.sync.remove(surplus);
  } catch (error) {
    // Quota or rate limit: keep local data, say so, try again at the next alarm.
    status.error = error instanceof Error ? error.message : String(error);
    await schedulePush().catch(() => undefined);
  }
  await browser.storage.local.set({ [SYNC_STATUS_KEY]: status });
  return encoded;
}

/** Merges what the sync area holds into IndexedDB. Returns the ids that changed and those to refill. */
export async function pullAndMerge(): Promise<{ changed: string[]; refill: string[] }> {
  const remote = decodeFromSync(await remoteItems());
  if (remote.length === 0) return { changed: [], refill: [] };
  const database = await db();
  const tx = database.transaction(['readingList', 'meta'], 'readwrite');
  const store = tx.objectStore('readingList');
  const [mine, tombstones] = await Promise.all([
    Promise.all(remote.map((r) => store.get(r.id))), tx.objectStore('meta').get(TOMBSTONES_KEY) as Promise<Tombstones | undefined>,
  ]);
  const local = new Map(mine.filter((e) => e !== undefined).map((e) => [e!.id, e!]));
  const result = mergeRemote(local, tombstones ?? {}, remote);
  const writes: Promise<unknown>[] = [...result.put.map((e) => store.put(e)), ...result.remove.map((id) => store.delete(id))];
  if (JSON.stringify(result.tombstones) !== JSON.stringify(tombstones ?? {})) writes.push(tx.objectStore('meta').put(result.tombstones, TOMBSTONES_KEY));
  await Promise.all([...writes, tx.done]);
  return { changed: [...result.put.map((e) => e.id), ...result.remove], refill: result.refill };
}

export function isSyncChange(changes: Record<string, Storage.StorageChange>, area: string): boolean {
  return area === 'sync' && Object.keys(changes).some((key) => key.startsWith(SYNC_PREFIX));
}
