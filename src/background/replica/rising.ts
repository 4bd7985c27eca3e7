/**
 * "Rising": upvotes gained over about the last day, from the counts this browser saw (history.ts). The popup's Rising
 * list (the biggest gains among papers featured in the last 14 days), the gain on the abs badge and in the popup's
 * lists. Computed from the local store only: no request, and no claim without history.
 */
import { isoDate } from '../../shared/format';
import type { ListView, PaperLookup, PaperRecord } from '../../shared/types';
import { db, getCountRows, getPapers, type CountsRow } from '../db';
import { currentMonth } from './backfill';
import { gain24, hourOf, isNotableGain, type UpvoteHistory } from './history';
import { previousMonth } from './plan';

const DAY_MS = 24 * 60 * 60_000;
/** Featured in the last 14 days: the papers of this month's and last month's Daily Papers lists. */
const RISING_DAYS = 14;
const RISING_LIMIT = 30;

/** Ids featured this month or last (the replica's month snapshots, and the current lists for the newest days). */
async function recentlyFeaturedIds(now: number): Promise<string[]> {
  const month = currentMonth(now);
  const keys = [`month:${month}`, `month:${previousMonth(month)}`, 'month', 'week', 'today'];
  const tx = (await db()).transaction('lists');
  const snapshots = await Promise.all(keys.map((key) => tx.store.get(key)));
  await tx.done;
  return [...new Set(snapshots.flatMap((snapshot) => snapshot?.ids ?? []))];
}

/** What ranking needs of a paper: its counts and history (the text is read for the winners only). */
type RankedRow = { paper: Pick<PaperRecord, 'id' | 'upvotes' | 'dailyDate'>; history?: UpvoteHistory };

/** Papers with a positive gain, biggest first (ties: more upvotes, then id). */
export function rankRising<R extends RankedRow>(rows: readonly R[], now: number, since = isoDate(new Date(now - RISING_DAYS * DAY_MS))): { row: R; gain: number }[] {
  const nowHour = hourOf(now);
  return rows
    .filter((r) => (r.paper.dailyDate ?? '') >= since)
    .map((row) => ({ row, gain: gain24(row.history, nowHour) ?? 0 }))
    .filter((r) => r.gain > 0)
    .sort((a, b) => b.gain - a.gain || b.row.paper.upvotes - a.row.paper.upvotes || a.row.paper.id.localeCompare(b.row.paper.id));
}

export async function getRising(now = Date.now()): Promise<ListView> {
  const rows = [...(await getCountRows(await recentlyFeaturedIds(now))).values()];
  const ranked = rankRising(rows, now).slice(0, RISING_LIMIT);
  const fetchedAt = rows.reduce((max, r) => Math.max(max, r.paper.fetchedAt), 0) || undefined;
  const papers = await getPapers(ranked.map((r) => r.row.paper.id));
  return {
    kind: 'rising',
    label: `since ${isoDate(new Date(now - RISING_DAYS * DAY_MS))}`,
    papers: papers.filter((p): p is PaperRecord => p !== undefined),
    gains: Object.fromEntries(ranked.map((r) => [r.row.paper.id, r.gain])),
    ...(fetchedAt ? { fetchedAt } : {}),
  };
}

/** A list with the notable gains of its papers (popup lists: `▲ 87 +38`). */
export async function withGains(view: ListView, now = Date.now()): Promise<ListView> {
  if (view.kind === 'rising' || view.papers.length === 0) return view;
  const rows = await getCountRows(view.papers.map((p) => p.id)).catch(() => new Map<string, CountsRow>());
  const gains: Record<string, number> = {};
  for (const [id, row] of rows) {
    const gain = gain24(row.history, hourOf(now));
    if (isNotableGain(gain)) gains[id] = gain;
  }
  return Object.keys(gains).length ? { ...view, gains } : view;
}

/** The abs/html badge's `+38`, when notable. */
export async function withGain(lookup: PaperLookup, now = Date.now()): Promise<PaperLookup> {
  if (lookup.state !== 'found') return lookup;
  const row = (await getCountRows([lookup.paper.id]).catch(() => undefined))?.get(lookup.paper.id);
  const gain = gain24(row?.history, hourOf(now));
  return isNotableGain(gain) ? { ...lookup, gain24: gain } : lookup;
}
