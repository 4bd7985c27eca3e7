/**
 * How long each kind of data is trusted. Declared once, as data (product.md §5).
 * fresh: served without a request. staleUntil: still served at once, refreshed in the background.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const cachePolicy = {
  paper: { fresh: 6 * HOUR, staleUntil: 7 * DAY },
  /** "HF doesn't know this paper": papers can join Daily Papers up to 14 days after arXiv, so re-check daily. */
  miss: { fresh: 1 * DAY },
  today: { fresh: 1 * HOUR, staleUntil: 7 * DAY },
  week: { fresh: 6 * HOUR, staleUntil: 7 * DAY },
  month: { fresh: 12 * HOUR, staleUntil: 30 * DAY },
  trending: { fresh: 3 * HOUR, staleUntil: 7 * DAY },
  /** A past day's list only changes in its upvote counts. */
  pastDay: { fresh: 7 * DAY, staleUntil: 90 * DAY },
  /** A closed month's Daily Papers (listing chips for older ids): only upvote counts still move, slowly. */
  pastMonth: { fresh: 7 * DAY, staleUntil: 180 * DAY },
} as const;

export type Freshness = 'fresh' | 'stale' | 'expired';

export function freshness(fetchedAt: number, policy: { fresh: number; staleUntil?: number }, now = Date.now()): Freshness {
  const age = now - fetchedAt;
  if (age < policy.fresh && age >= -MINUTE) return 'fresh';
  if (policy.staleUntil !== undefined && age < policy.staleUntil) return 'stale';
  return 'expired';
}
