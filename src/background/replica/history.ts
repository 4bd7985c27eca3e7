/**
 * Upvote history, compactly: each paper keeps the counts this browser saw, as a flat `[hour, upvotes, hour, upvotes…]`
 * array (hours since the epoch, oldest first), thinned with age so it stays a few dozen numbers whatever the refresh
 * rate. Momentum ("rising") is computed from it only: no history, no claim. Pure: no storage, no clock.
 */

/** `[hour, upvotes, hour, upvotes, …]`, oldest first. */
export type UpvoteHistory = number[];

const HOUR_MS = 3_600_000;
export const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS);

/**
 * How finely each age keeps its points (age from the newest observation): one point per 2 h for two days (so a
 * point near "24 h ago" always exists for a paper refreshed that often), one per day for two weeks, one per week
 * after that; at most MAX_POINTS in all. Each bucket keeps its newest observation.
 */
const BUCKETS: readonly { maxAge: number; size: number }[] = [
  { maxAge: 48, size: 2 },
  { maxAge: 14 * 24, size: 24 },
  { maxAge: Number.POSITIVE_INFINITY, size: 7 * 24 },
];
export const MAX_POINTS = 40;

/**
 * Buckets are aligned to the epoch (not to the newest point), so a point stays in its bucket as newer ones arrive.
 * A number (tier × 10⁷ + slot), not a string: this runs for every paper of every list written.
 */
function bucketOf(hour: number, age: number): number {
  for (let tier = 0; tier < BUCKETS.length; tier++) {
    const { maxAge, size } = BUCKETS[tier]!;
    if (age < maxAge) return tier * 1e7 + Math.floor(hour / size);
  }
  return -1;
}

/** The history with one more observation, thinned. Same hour → the newer count replaces the older one. */
export function observe(history: UpvoteHistory | undefined, hour: number, upvotes: number): UpvoteHistory {
  const lastHour = history?.length ? history[history.length - 2]! : undefined;
  if (lastHour !== undefined && hour < lastHour) return history!; // an older answer arriving late says nothing new
  const points = history ? history.slice() : [];
  // The same hour again: only the count changes, every point keeps its bucket.
  if (lastHour === hour) {
    points[points.length - 1] = upvotes;
    return points;
  }
  points.push(hour, upvotes);
  return thin(points);
}

/** Walks newest → oldest on the flat array: each bucket keeps its newest point; at most MAX_POINTS. Called per write. */
function thin(points: UpvoteHistory): UpvoteHistory {
  const newest = points[points.length - 2]!;
  const kept: number[] = [];
  let previousBucket: number | undefined;
  for (let i = points.length - 2; i >= 0 && kept.length < 2 * MAX_POINTS; i -= 2) {
    const bucket = bucketOf(points[i]!, newest - points[i]!);
    if (bucket === previousBucket) continue;
    previousBucket = bucket;
    kept.push(points[i + 1]!, points[i]!);
  }
  return kept.reverse();
}

interface Point {
  hour: number;
  upvotes: number;
}

function toPoints(history: UpvoteHistory): Point[] {
  const points: Point[] = [];
  for (let i = 0; i + 1 < history.length; i += 2) points.push({ hour: history[i]!, upvotes: history[i + 1]! });
  return points;
}

/** A gain counts over 20–30 h between two observations; anything else is not "the last 24 h". */
const SPAN_MIN = 20;
const SPAN_MAX = 30;
/** The newest observation must be this recent for the gain to be "now". */
const LATEST_MAX_AGE = 12;

/**
 * Upvotes gained over about the last day, from the counts this browser saw: the newest observation against the one
 * closest to 24 h before it (20–30 h before). `undefined` when the history can't say (too short, or too old).
 */
export function gain24(history: UpvoteHistory | undefined, nowHour: number): number | undefined {
  const points = toPoints(history ?? []);
  const latest = points.at(-1);
  if (!latest || nowHour - latest.hour > LATEST_MAX_AGE) return undefined;
  let reference: Point | undefined;
  for (const p of points) {
    const span = latest.hour - p.hour;
    if (span < SPAN_MIN || span > SPAN_MAX) continue;
    if (!reference || Math.abs(span - 24) < Math.abs(latest.hour - reference.hour - 24)) reference = p;
  }
  return reference && latest.upvotes - reference.upvotes;
}

/** Worth showing beside the count on a chip or badge. */
export const NOTABLE_GAIN = 5;
export const isNotableGain = (gain: number | undefined): gain is number => gain !== undefined && gain >= NOTABLE_GAIN;
