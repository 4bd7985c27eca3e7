/**
 * Bulk lists (Daily Papers for today / this week / this month, HF Trending): cached snapshots,
 * served at once and refreshed in the background per cache-policy. These are the ONLY data the
 * listing pages use, so browsing arXiv listings sends no paper id anywhere.
 */
import { cachePolicy, freshness } from '../../shared/cache-policy';
import { isoDate, isoWeek, monthOf } from '../../shared/format';
import type { ListKind, ListView, PaperRecord } from '../../shared/types';
import { db, getPapers, putLists, type ListSnapshot } from '../db';
import type { DailyPapersParams } from '../hf/client';
import { hf } from '../hf/instance';
import { rememberedList, rememberedRecord, rememberLists, storageProblem } from './memory-fallback';

const PAGE = 100;
const maxPages: Record<ListKind, number> = { today: 1, week: 3, month: 5, trending: 1 };
const refreshing = new Map<ListKind, Promise<ListSnapshot>>();

/**
 * A stale list is answered at once (`refreshing: true`) while it refreshes; the popup then asks again with
 * `waitForRefresh` and shows the outcome: fresh papers, or the old ones marked offline with their age.
 */
export async function getList(kind: ListKind, now = Date.now(), waitForRefresh = false): Promise<ListView> {
  const snapshot = await readSnapshot(kind);
  const age = snapshot ? freshness(snapshot.fetchedAt, cachePolicy[kind], now) : 'expired';
  if (snapshot && age === 'stale' && !waitForRefresh) {
    void refreshList(kind).catch(() => undefined);
    return { ...(await toView(kind, snapshot, await lastError(kind))), refreshing: true };
  }
  if (snapshot && age === 'fresh') return toView(kind, snapshot, await lastError(kind));
  try {
    return toView(kind, await refreshList(kind));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return snapshot ? toView(kind, snapshot, message) : { kind, papers: [], error: message };
  }
}

/** For alarms: awaits the refresh, so the worker stays alive until it is written. */
export async function refreshIfStale(kind: ListKind, now = Date.now()): Promise<void> {
  const snapshot = await (await db()).get('lists', kind);
  if (!snapshot || freshness(snapshot.fetchedAt, cachePolicy[kind], now) !== 'fresh') await refreshList(kind);
}

export function refreshList(kind: ListKind): Promise<ListSnapshot> {
  let running = refreshing.get(kind);
  if (!running) {
    running = fetchList(kind).then(
      async (snapshot) => (await setLastError(kind, undefined), snapshot),
      async (error: unknown) => {
        await setLastError(kind, error instanceof Error ? error.message : String(error));
        throw error;
      },
    ).finally(() => refreshing.delete(kind));
    refreshing.set(kind, running);
  }
  return running;
}

async function fetchList(kind: ListKind): Promise<ListSnapshot> {
  const fetchedAt = Date.now();
  if (kind === 'today') return fetchToday(fetchedAt);
  const anchor = (await readSnapshot('today'))?.label ?? isoDate(new Date(fetchedAt));
  const { params, label } = listQuery(kind, anchor);
  const unique = await fetchPages(params, maxPages[kind]);
  const ordered = kind === 'trending' ? unique : unique.sort((a, b) => b.upvotes - a.upvotes);
  const snapshot = { key: kind, label, ids: ordered.map((paper) => paper.id), fetchedAt };
  await saveLists([snapshot], ordered);
  return snapshot;
}

/** A Daily Papers query, 100 per page, paged with `p` while pages come back full; each paper once, first seen wins. */
export async function fetchPages(params: Omit<DailyPapersParams, 'limit' | 'p'>, maxPages: number): Promise<PaperRecord[]> {
  const papers: PaperRecord[] = [];
  for (let p = 0; p < maxPages; p++) {
    const page = await hf.dailyPapers({ ...params, limit: PAGE, p });
    papers.push(...page);
    if (page.length < PAGE) break; // a full page means there may be more
  }
  return [...new Map(papers.map((paper) => [paper.id, paper])).values()];
}

/** Week and month follow HF's latest day (the `today` list), not the wall clock: on a Monday morning it's last week's papers. */
function listQuery(kind: Exclude<ListKind, 'today'>, anchor: string) {
  if (kind === 'week') return { params: { week: isoWeek(anchor) }, label: isoWeek(anchor) };
  if (kind === 'month') return { params: { month: monthOf(anchor) }, label: monthOf(anchor) };
  return { params: { sort: 'trending' as const }, label: 'trending' };
}

/** No `date` = HF's latest papers; keep the newest day among them and rank it by upvotes. */
async function fetchToday(fetchedAt: number): Promise<ListSnapshot> {
  const items = await hf.dailyPapers({ limit: PAGE });
  const latest = items.reduce<string | undefined>((max, p) => (p.dailyDate && (!max || p.dailyDate > max) ? p.dailyDate : max), undefined);
  const day = items.filter((p) => !latest || p.dailyDate === latest).sort((a, b) => b.upvotes - a.upvotes);
  const ranked = day.map((paper, i) => ({ ...paper, dailyRank: i + 1 }));
  const ids = ranked.map((paper) => paper.id);
  const label = latest ?? isoDate(new Date(fetchedAt));
  const snapshot = { key: 'today', label, ids, fetchedAt };
  await saveLists([snapshot, { ...snapshot, key: `day:${label}` }], ranked);
  return snapshot;
}

async function toView(kind: ListKind, snapshot: ListSnapshot, error?: string): Promise<ListView> {
  const rows = await getPapers(snapshot.ids).catch((error: unknown) => (storageProblem(error), snapshot.ids.map(rememberedRecord)));
  const papers = rows.filter((p): p is PaperRecord => p !== undefined);
  return { kind, label: snapshot.label, papers, fetchedAt: snapshot.fetchedAt, ...(error ? { error } : {}) };
}

const errorKey = (kind: ListKind) => `lastError:${kind}`;
async function lastError(kind: ListKind): Promise<string | undefined> {
  const value = await (await db()).get('meta', errorKey(kind)).catch(() => undefined);
  return typeof value === 'string' ? value : undefined;
}
/** Bookkeeping only: a broken database must not turn a successful refresh into a failure. */
async function setLastError(kind: ListKind, message: string | undefined): Promise<void> {
  try {
    const database = await db();
    await (message === undefined ? database.delete('meta', errorKey(kind)) : database.put('meta', message, errorKey(kind)));
  } catch (error) {
    storageProblem(error);
  }
}

// IndexedDB failing (memory-fallback.ts): lists still come from the network and live in memory for this worker life.
async function readSnapshot(key: string): Promise<ListSnapshot | undefined> {
  try {
    return await (await db()).get('lists', key);
  } catch (error) {
    storageProblem(error);
    return rememberedList(key);
  }
}
async function saveLists(snapshots: ListSnapshot[], papers: PaperRecord[]): Promise<void> {
  try {
    await putLists(snapshots, papers);
  } catch (error) {
    storageProblem(error);
    rememberLists(snapshots, papers);
  }
}
