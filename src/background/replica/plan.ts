/**
 * What the replica fetches next, decided from its stored state and a clock: pure, so the order, the budget, the
 * pauses and the steady-state cadence are unit-tested without a browser or a network.
 *
 * - Backfill: every Daily Papers month since 2023-05 not stored yet, newest first, one `month=` page at a time.
 * - Budget: at most BACKFILL_BUDGET requests in any BUDGET_WINDOW_MS (HF allows 500 per 5 minutes; browsing keeps
 *   the rest of our client's 200).
 * - Pauses: an error, a 429 (its Retry-After) or being offline sets `pausedUntil`; stored months are never touched.
 * - Steady state: the current month daily (today's list adds its papers hourly), last month daily, older months weekly
 *   at most (spread over the week).
 */

export const FIRST_DAILY_MONTH = '2023-05';
export const BACKFILL_BUDGET = 60;
export const BUDGET_WINDOW_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
export const REFRESH_AGE = { current: DAY_MS, last: DAY_MS, older: 7 * DAY_MS } as const;

/** Where a month stands: `fetchedAt` of its last complete fetch (undefined = never stored). */
export interface MonthStatus {
  month: string;
  fetchedAt?: number;
}

export interface ReplicaState {
  /** Send times of the replica's own requests in the last window (ms since epoch). */
  requests: number[];
  /** No request before this (Retry-After, back-off, offline). */
  pausedUntil?: number;
  /** Consecutive failures, for the back-off. */
  failures: number;
  /** A month being fetched: the next page and the ids of the pages already stored. */
  partial?: { month: string; nextPage: number; ids: string[] };
  lastError?: string;
}

export const emptyState = (): ReplicaState => ({ requests: [], failures: 0 });

export type Step =
  | { kind: 'fetch'; month: string; page: number; backfill: boolean }
  | { kind: 'wait'; until: number; reason: 'budget' | 'paused' | 'up-to-date' };

/** Every month from 2023-05 to `current`, newest first. */
export function monthsSince(current: string, first = FIRST_DAILY_MONTH): string[] {
  const out: string[] = [];
  for (let m = current; m >= first; m = previousMonth(m)) out.push(m);
  return out;
}

export function previousMonth(month: string): string {
  const [y = 0, m = 0] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Requests inside the window ending now. */
export const recentRequests = (state: ReplicaState, now: number): number[] => state.requests.filter((t) => t > now - BUDGET_WINDOW_MS && t <= now);

export function nextStep(state: ReplicaState, months: readonly MonthStatus[], current: string, now: number): Step {
  if (state.pausedUntil !== undefined && state.pausedUntil > now) return { kind: 'wait', until: state.pausedUntil, reason: 'paused' };
  const target = pick(state, months, current, now);
  if (target.kind === 'wait') return target;
  const recent = recentRequests(state, now);
  if (recent.length >= BACKFILL_BUDGET) return { kind: 'wait', until: Math.min(...recent) + BUDGET_WINDOW_MS, reason: 'budget' };
  return target;
}

function pick(state: ReplicaState, months: readonly MonthStatus[], current: string, now: number): Step {
  // A month half fetched goes on where it stopped (its stored pages are not asked again).
  if (state.partial) return { kind: 'fetch', month: state.partial.month, page: state.partial.nextPage, backfill: !months.find((m) => m.month === state.partial!.month)?.fetchedAt };
  const missing = months.filter((m) => m.fetchedAt === undefined).sort((a, b) => b.month.localeCompare(a.month))[0];
  if (missing) return { kind: 'fetch', month: missing.month, page: 0, backfill: true };
  let due: { month: string; at: number } | undefined;
  for (const m of months) {
    const at = m.fetchedAt! + refreshAge(m.month, current);
    if (!due || at < due.at) due = { month: m.month, at };
  }
  if (!due) return { kind: 'wait', until: now + REFRESH_AGE.current, reason: 'up-to-date' };
  return due.at <= now ? { kind: 'fetch', month: due.month, page: 0, backfill: false } : { kind: 'wait', until: due.at, reason: 'up-to-date' };
}

/**
 * Older months are spread over the week (each month its own extra 0–6 days), so a backfill that stored them all in
 * ten minutes doesn't make them all due on the same day a week later.
 */
const refreshAge = (month: string, current: string): number => {
  if (month >= current) return REFRESH_AGE.current;
  if (month === previousMonth(current)) return REFRESH_AGE.last;
  const [y = 0, m = 0] = month.split('-').map(Number);
  return REFRESH_AGE.older + ((y * 12 + m) % 7) * DAY_MS;
};

/** After a request: its send time is counted (older ones dropped). */
export function recordRequest(state: ReplicaState, now: number): ReplicaState {
  return { ...state, requests: [...recentRequests(state, now), now] };
}

/** A page stored: the month goes on, or is done when the page was short. */
export function recordPage(state: ReplicaState, month: string, page: number, ids: readonly string[], pageSize: number): { state: ReplicaState; complete?: string[] } {
  const soFar = state.partial?.month === month ? state.partial.ids : [];
  const all = [...new Set([...soFar, ...ids])];
  const rest: ReplicaState = { ...state, failures: 0 };
  delete rest.pausedUntil;
  delete rest.lastError;
  if (ids.length < pageSize) {
    delete rest.partial;
    return { state: rest, complete: all };
  }
  return { state: { ...rest, partial: { month, nextPage: page + 1, ids: all } } };
}

const BACKOFF_MS = [60_000, 2 * 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

/** A failed request: pause until the server's `retryAt` if it gave one, else a growing back-off. */
export function recordFailure(state: ReplicaState, now: number, message: string, retryAt?: number): ReplicaState {
  const failures = state.failures + 1;
  const backoff = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1]!;
  return { ...state, failures, lastError: message, pausedUntil: Math.max(retryAt ?? 0, now + backoff) };
}

/** "Indexed 14 of 43 months": how many of the months since 2023-05 are stored. */
export function progress(months: readonly MonthStatus[]): { indexed: number; total: number } {
  return { indexed: months.filter((m) => m.fetchedAt !== undefined).length, total: months.length };
}
