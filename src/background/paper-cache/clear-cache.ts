/**
 * "Clear cache" (options page): forgets every cached HF datum — papers, negative lookups, list snapshots, errors —
 * in one transaction (search answers included). The reading list and the digest history are the user's own data and are never touched.
 */
import { db, paperCacheCleared } from '../db';
import { startReplica } from '../replica/backfill';
import { TEXT_INDEX_KEY } from '../search/index-store';

export async function clearCache(): Promise<void> {
  const database = await db();
  const tx = database.transaction(['paperShards', 'paperText', 'misses', 'lists', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  // Cached HF data in `meta`: list refresh errors, HF search answers (related/related.ts), the replica's progress and
  // the text index over the papers (search/index-store.ts). Sync state and tombstones stay.
  const errorKeys = (await meta.getAllKeys()).filter((key) => /^(lastError|search|replica):/.test(String(key)) || key === TEXT_INDEX_KEY);
  await Promise.all([
    tx.objectStore('paperShards').clear(),
    tx.objectStore('paperText').clear(),
    tx.objectStore('misses').clear(),
    tx.objectStore('lists').clear(),
    ...errorKeys.map((key) => meta.delete(key)),
    tx.done,
  ]);
  paperCacheCleared();
  // The replica starts again from the newest month (its progress went with the data).
  await startReplica(0.5).catch(() => undefined);
}
