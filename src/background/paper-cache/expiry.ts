/**
 * Expiry of what the cache no longer needs, so its growth stays bounded: "not on HF" answers past their use (they are
 * re-checked after a day anyway) and past days' list snapshots (`day:YYYY-MM-DD`, one per day HF's latest list was
 * fetched; used for a paper's rank that day). Papers and the replica's month snapshots stay: they ARE the replica.
 * Run with the hourly refresh alarm; a few hundred keys at most.
 */
import { cachePolicy } from '../../shared/cache-policy';
import { isoDate } from '../../shared/format';
import { db } from '../db';

/** Kept a week, well past the day a miss is trusted (cachePolicy.miss), so a revisit within days costs nothing. */
const MISS_KEEP_MS = 7 * cachePolicy.miss.fresh;
const DAY_LIST_KEEP_MS = cachePolicy.pastDay.staleUntil;

export async function purgeExpired(now = Date.now()): Promise<{ misses: number; dayLists: number }> {
  const tx = (await db()).transaction(['misses', 'lists'], 'readwrite');
  const misses = tx.objectStore('misses');
  const lists = tx.objectStore('lists');
  const oldDay = `day:${isoDate(new Date(now - DAY_LIST_KEEP_MS))}`;
  const [missRows, dayKeys] = await Promise.all([
    misses.getAll(),
    lists.getAllKeys(IDBKeyRange.bound('day:', oldDay, false, true)),
  ]);
  const expired = missRows.filter((m) => now - m.checkedAt > MISS_KEEP_MS);
  await Promise.all([...expired.map((m) => misses.delete(m.id)), ...dayKeys.map((key) => lists.delete(key)), tx.done]);
  return { misses: expired.length, dayLists: dayKeys.length };
}
