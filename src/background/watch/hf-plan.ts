/**
 * The HF side's request rules, pure. The local replica already refreshes what Daily Papers lists carry (upvotes,
 * comments, githubRepo) for every featured paper, so a saved paper it holds fresh costs no request for those; only
 * the linked models / datasets / Spaces need `papers/{id}`, asked weekly for such a paper. A saved paper the replica
 * doesn't hold (never featured, or not on HF at all) is asked at most once a day. Requests go in hourly slices of
 * at most HF_STEP_MAX, ≥ HF_SPACING_MS apart, oldest first: 500 saved papers never burst, and they stay far inside
 * the client's own 200 per 5 minutes (background/hf/client.ts), which every other feature shares.
 *
 * Why `papers/{id}` for the linked repos (../shared/docs/hf-api.md §3, §6): since 2026-05 it embeds
 * `numTotalModels/Datasets/Spaces` with the paper, one request for all three; `/api/models|datasets|spaces?filter=
 * arxiv:{id}` would be three paged requests per paper, and `/api/arxiv/{id}/repos` is no longer documented.
 */
import type { HfWatched } from '../../shared/watch-types';

export const HF_DAILY_MS = 24 * 3_600_000;
export const HF_WEEKLY_MS = 7 * HF_DAILY_MS;
/** A replica record younger than this is "held fresh" (upkeep refreshes the current and last month daily). */
export const REPLICA_FRESH_MS = 48 * 3_600_000;
export const HF_STEP_MAX = 25;
export const HF_SPACING_MS = 1_000;
/** HF indexes new-style ids only (as paper-cache/papers.ts): old-style ones are never asked. */
export const NEW_STYLE = /^\d{4}\.\d{4,5}$/;

/** What the cache says about a saved paper, as the plan needs it. */
export interface CacheFacts {
  fetchedAt: number;
  detailFetchedAt?: number;
  /** Featured on Daily Papers (so the replica's upkeep lists it). */
  dailyDate?: string;
}

/** Held fresh by the replica: featured, refreshed by a list (not only by a detail answer) within REPLICA_FRESH_MS. */
export function heldByReplica(facts: CacheFacts | undefined, now: number): boolean {
  if (!facts?.dailyDate) return false;
  const byList = facts.detailFetchedAt === undefined || facts.fetchedAt > facts.detailFetchedAt;
  return byList && now - facts.fetchedAt < REPLICA_FRESH_MS;
}

/**
 * The saved ids to ask `papers/{id}` about now, oldest ask first, at most `max`. A lookup made elsewhere (the
 * badge on the paper's page) counts as an ask: `lastAsked` folds in the cache's detail time and a "not on HF" answer.
 */
export function hfDue(
  ids: readonly string[],
  state: Readonly<Record<string, HfWatched>>,
  cache: ReadonlyMap<string, CacheFacts>,
  misses: ReadonlyMap<string, number>,
  now: number,
  max = HF_STEP_MAX,
): { due: string[]; remaining: number } {
  const candidates = ids.filter((id) => NEW_STYLE.test(id)).flatMap((id) => {
    const facts = cache.get(id);
    const asked = Math.max(state[id]?.requestedAt ?? 0, facts?.detailFetchedAt ?? 0, misses.get(id) ?? 0);
    const interval = heldByReplica(facts, now) ? HF_WEEKLY_MS : HF_DAILY_MS;
    return now - asked >= interval ? [{ id, asked }] : [];
  });
  candidates.sort((a, b) => a.asked - b.asked || a.id.localeCompare(b.id));
  return { due: candidates.slice(0, max).map((c) => c.id), remaining: Math.max(0, candidates.length - max) };
}
