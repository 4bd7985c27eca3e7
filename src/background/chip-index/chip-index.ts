/**
 * Chip data for every cached paper, in one compact answer a listing page asks for at document_start, before it has
 * parsed a single entry (content/prefetch.ts): so each entry's chip can go in as the parser adds it, whichever arXiv
 * month it is from. Asking by month once entries were parsed cost a round trip per new month: a page whose last 100
 * entries came from 20 older months got their chips 150–320 ms after DOMContentLoaded (`npm run bench`).
 *
 * Per arXiv month (YYMM) one string, `NNNNN:upvotes:YYYY-MM-DD[:gain]` per paper joined by `;` (~21 bytes a paper,
 * ~0.5 MB for 25,000): strings cross the message channel as one copy each, and the page splits only its own months.
 * Kept in the worker's memory per month, dropped when a write touches the month's shards (db.ts onShardsWritten) or
 * after an hour when it shows a gain (a gain is "the last 24 h": it lapses without any write). `stale` names the
 * `ask` names the months whose `month=` lists are missing or not fresh: for those months' entries the page asks
 * getPapersBulk at DOMContentLoaded (content/chips.ts), which fetches or refreshes them (paper-cache/bulk.ts); with
 * the replica complete it is empty.
 */
import { cachePolicy, freshness } from '../../shared/cache-policy';
import type { ChipIndex } from '../../shared/types';
import { db, onShardsWritten, type PaperShard } from '../db';
import { archiveMonths, compact, ensureCurrentLists } from '../paper-cache/bulk';
import { hourOf } from '../replica/history';

interface MonthEntry {
  packed: string;
  /** Hour (hourOf) after which the month is read again; Infinity without gains. */
  until: number;
}

const months = new Map<string, MonthEntry>();
onShardsWritten((keys) => {
  if (!keys) months.clear();
  else for (const key of keys) months.delete(key.slice(0, 4));
});

/** `2606.12345` → `12345:87:2026-06-21:38`: the id's month is the row's. */
export function packMonth(shards: readonly PaperShard[], now: number): MonthEntry {
  const parts: string[] = [];
  let gains = false;
  for (const shard of shards) {
    for (const paper of Object.values(shard.papers)) {
      const chip = compact({ paper, history: shard.history?.[paper.id] }, now);
      if (chip.gain24) gains = true;
      parts.push(`${paper.id.slice(5)}:${chip.upvotes}:${chip.dailyDate ?? ''}${chip.gain24 ? `:${chip.gain24}` : ''}`);
    }
  }
  return { packed: parts.join(';'), until: gains ? hourOf(now) + 1 : Number.POSITIVE_INFINITY };
}

/** `2304`, `2305`, … up to the YYMM of `YYYY-MM`. */
export function monthsFrom(first: string, last: string): string[] {
  const out: string[] = [];
  const end = `${last.slice(2, 4)}${last.slice(5, 7)}`;
  for (let y = Number(first.slice(0, 2)), m = Number(first.slice(2)); ; m === 12 ? (y++, m = 1) : m++) {
    const yymm = `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}`;
    if (yymm > end) return out;
    out.push(yymm);
  }
}

/** YYMM of every stored shard key (`2606.12` → `2606`); old-style ids (`hep-th/99…`) have no chips. */
const monthOfKey = (key: string): string | undefined => (/^\d{4}\./.test(key) ? key.slice(0, 4) : undefined);

export async function chipIndex(now = Date.now()): Promise<ChipIndex> {
  const { currentMonth, done } = await ensureCurrentLists(now);
  await done;
  const database = await db();
  const tx = database.transaction(['paperShards', 'lists']);
  const shards = tx.objectStore('paperShards');
  const keys = await shards.getAllKeys();
  const stored = [...new Set(keys.flatMap((key) => monthOfKey(String(key)) ?? []))];
  const hour = hourOf(now);
  const wanted = stored.filter((m) => !((months.get(m)?.until ?? -1) > hour));
  const read = await Promise.all(wanted.map((m) => shards.getAll(IDBKeyRange.bound(`${m}.`, `${m}.\uffff`))));
  wanted.forEach((m, i) => months.set(m, packMonth(read[i]!, now)));
  // Which months a lookup by month would still fetch or refresh lists for (the id's month and the next one): every
  // YYMM from the month before Daily Papers began to the current month, whether or not anything of it is stored.
  const yymms = monthsFrom('2304', currentMonth);
  const listMonths = new Set(yymms.flatMap((m) => archiveMonths([`${m}.00001`], currentMonth)));
  const snapshots = new Map(await Promise.all([...listMonths].map(async (m) => [m, await tx.objectStore('lists').get(`month:${m}`)] as const)));
  await tx.done;
  const fresh = (m: string) => {
    const snapshot = snapshots.get(m);
    return snapshot !== undefined && freshness(snapshot.fetchedAt, cachePolicy.pastMonth, now) === 'fresh';
  };
  const out: Record<string, string> = {};
  for (const m of stored) {
    const entry = months.get(m);
    if (entry?.packed) out[m] = entry.packed;
  }
  return { months: out, ask: yymms.filter((m) => !archiveMonths([`${m}.00001`], currentMonth).every(fresh)) };
}
