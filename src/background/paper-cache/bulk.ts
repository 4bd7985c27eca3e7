/**
 * Chips for listing and search pages: many ids answered from cached BULK lists only. Nothing here ever calls
 * `papers/{id}`, so a 2,000-entry page sends no paper id to huggingface.co and costs no per-paper request.
 *
 * Which lists, and what they cost (HF allows 500 requests / 5 min anonymously; our client budgets 200):
 * - Always the current lists (lists.ts): today (1 request, fresh 1 h), this ISO week (≤ 3 pages, 6 h), this month
 *   (≤ 5 pages, 12 h), trending (1, 3 h). The popup and the alarms keep them warm anyway.
 * - Per arXiv month on the page: an id's YYMM is its submission month and HF features papers within about two weeks
 *   of it, so for each YYMM we take the Daily Papers `month=` lists of that month and the next, 100 per page, paged
 *   with `p` while a page is full (≤ 20 pages; a 2026 month is ~5–6). Skipped: months before Daily Papers began
 *   (2023-05), the current month (that is the `month` list above) and later ones. At most 6 such months per call,
 *   those holding the most ids first; kept under `month:YYYY-MM`, fresh 7 days (`cachePolicy.pastMonth`).
 * So a `new`/`pastweek` page costs 0 requests when warm and ~10–20 once per freshness period when cold; a 2024 month
 * page ~12 once a week; a search page spanning many months at most ~36 once a week. Lists that were never fetched
 * are awaited (first visit); stale ones are served at once and refreshed in the background. A failed or rate-limited
 * fetch just leaves fewer chips: the answer is whatever the cache holds.
 */
import { parseArxivId } from '../../shared/arxiv';
import { cachePolicy, freshness } from '../../shared/cache-policy';
import { isoDate, monthOf } from '../../shared/format';
import type { BulkPaper, ListKind, PaperRecord } from '../../shared/types';
import { db, getCountRows, getCountRowsOfMonths, putLists, type CountsRow, type ListSnapshot } from '../db';
import { gain24, hourOf, isNotableGain } from '../replica/history';
import { fetchPages, refreshList } from './lists';

/** HF Daily Papers started in May 2023: no list to ask for before that. */
const FIRST_DAILY_MONTH = '2023-05';
const MAX_ARCHIVE_MONTHS = 6;
const MAX_PAGES = 20;
/** arXiv pages hold at most 2,000 entries; anything bigger is not a page of ours. */
const MAX_IDS = 5_000;

export async function getPapersBulk(ids: readonly unknown[], now = Date.now()): Promise<Record<string, BulkPaper>> {
  const wanted = canonicalNewStyle(ids);
  if (wanted.length === 0) return {};
  await ensureLists(wanted, now);
  return readCompact(wanted, now);
}

/**
 * The same answer from the cache alone, never fetching a list: for other sites' pages (content/sites/), whose ids
 * span any months. With the local replica on (the default) the cache holds all of HF Daily Papers anyway.
 */
export async function getPapersCached(ids: readonly unknown[], now = Date.now()): Promise<Record<string, BulkPaper>> {
  const wanted = canonicalNewStyle(ids);
  return wanted.length === 0 ? {} : readCompact(wanted, now);
}

/** One read-only transaction; a listing's ids cluster by arXiv month, so 2,000 ids are a few dozen shard reads (background/db.ts). */
async function readCompact(ids: readonly string[], now: number): Promise<Record<string, BulkPaper>> {
  const out: Record<string, BulkPaper> = {};
  for (const [id, row] of await getCountRows(ids)) out[id] = compact(row, now);
  return out;
}

/**
 * Everything cached for these arXiv months (`2606` = ids 2606.*), after the same list checks as getPapersBulk. No page
 * asks it any more (listings take the chip index, background/chip-index/); it is what that index must agree with, month
 * by month (chip-index.test.ts). Still only bulk lists, never `papers/{id}`.
 */
export async function getPapersByMonth(months: readonly unknown[], now = Date.now()): Promise<Record<string, BulkPaper>> {
  const yymms = Array.isArray(months) ? [...new Set(months.filter((m): m is string => typeof m === 'string' && /^\d{4}$/.test(m)))].slice(0, 24) : [];
  if (yymms.length === 0) return {};
  await ensureLists(yymms.map((m) => `${m}.00001`), now);
  const out: Record<string, BulkPaper> = {};
  for (const row of await getCountRowsOfMonths(yymms)) out[row.paper.id] = compact(row, now);
  return out;
}

/** What a chip needs: the count, the day, and the last day's gain when it is notable (replica/history.ts). No text: counts rows only. */
export function compact({ paper, history }: CountsRow, now: number): BulkPaper {
  const out: BulkPaper = { upvotes: paper.upvotes };
  if (paper.dailyDate) out.dailyDate = paper.dailyDate;
  const gain = gain24(history, hourOf(now));
  if (isNotableGain(gain)) out.gain24 = gain;
  return out;
}

/** Only new-style ids, without version, each once: HF indexes nothing else. */
export function canonicalNewStyle(ids: readonly unknown[]): string[] {
  const out = new Set<string>();
  if (!Array.isArray(ids)) return []; // message args are data from a page's content script: check the shape
  for (const raw of ids.slice(0, MAX_IDS)) {
    const parsed = typeof raw === 'string' ? parseArxivId(raw) : undefined;
    if (parsed?.style === 'new') out.add(parsed.id);
  }
  return [...out];
}

/** `2026-12` → `2027-01`. */
export function nextMonth(month: string): string {
  const [y = 0, m = 0] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The closed months whose Daily Papers may hold these ids, most ids first (see the header comment). */
export function archiveMonths(ids: readonly string[], currentMonth: string, max = MAX_ARCHIVE_MONTHS): string[] {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const yymm = /^(\d\d)(\d\d)\./.exec(id);
    if (!yymm) continue;
    const month = `20${yymm[1]}-${yymm[2]}`;
    for (const m of [month, nextMonth(month)]) {
      if (m >= FIRST_DAILY_MONTH && m < currentMonth) counts.set(m, (counts.get(m) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0])).slice(0, max).map(([m]) => m);
}

async function ensureLists(ids: readonly string[], now: number): Promise<void> {
  const { currentMonth, done } = await ensureCurrentLists(now);
  const past = archiveMonths(ids, currentMonth).map((month) => ensure(`month:${month}`, cachePolicy.pastMonth, () => refreshMonth(month), now));
  await Promise.all([done, ...past]);
}

/** The current lists (today, week, month, trending), as every page lookup needs them; `done` when all are in. */
export async function ensureCurrentLists(now: number): Promise<{ currentMonth: string; done: Promise<unknown> }> {
  // Today first: its label (HF's latest day) anchors the week, the month and what counts as a closed month.
  const today = await ensure('today', cachePolicy.today, () => refreshList('today'), now);
  const currentMonth = monthOf(today?.label ?? isoDate(new Date(now)));
  const current = (['week', 'month', 'trending'] satisfies ListKind[]).map((kind) => ensure(kind, cachePolicy[kind], () => refreshList(kind), now));
  return { currentMonth, done: Promise.all(current) };
}

/** Fresh: nothing. Stale: refresh in the background. Missing or expired: wait for it (errors leave the old copy). */
async function ensure(key: string, policy: { fresh: number; staleUntil?: number }, refresh: () => Promise<ListSnapshot>, now: number): Promise<ListSnapshot | undefined> {
  const snapshot = await (await db()).get('lists', key);
  const age = snapshot ? freshness(snapshot.fetchedAt, policy, now) : 'expired';
  if (age === 'fresh') return snapshot;
  if (age === 'stale') {
    void refresh().catch(() => undefined);
    return snapshot;
  }
  return refresh().catch(() => snapshot);
}

/** Concurrent pages asking for the same month share one fetch (in-flight only: nothing kept across worker restarts). */
const monthsInFlight = new Map<string, Promise<ListSnapshot>>();

function refreshMonth(month: string): Promise<ListSnapshot> {
  let running = monthsInFlight.get(month);
  if (!running) {
    running = fetchMonth(month).finally(() => monthsInFlight.delete(month));
    monthsInFlight.set(month, running);
  }
  return running;
}

async function fetchMonth(month: string): Promise<ListSnapshot> {
  const fetchedAt = Date.now();
  const unique = (await fetchPages({ month }, MAX_PAGES)).sort((a, b) => b.upvotes - a.upvotes);
  const snapshot = { key: `month:${month}`, label: month, ids: unique.map((paper) => paper.id), fetchedAt };
  await putLists([snapshot], unique);
  return snapshot;
}
