/**
 * The replica's pure parts: what to fetch next (background/replica/plan.ts) and the upvote history with its momentum
 * (background/replica/history.ts). The whole backfill, run against the real corpus with a clock, is replica.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { gain24, hourOf, isNotableGain, MAX_POINTS, observe } from '../../src/background/replica/history';
import { BACKFILL_BUDGET, BUDGET_WINDOW_MS, emptyState, monthsSince, nextStep, progress, recordFailure, recordPage, recordRequest, REFRESH_AGE, type MonthStatus } from '../../src/background/replica/plan';

interface CorpusRecord { id: string; upvotes: number; dailyDate: string }
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];

const NOW = Date.parse('2026-08-22T12:00:00Z');
const DAY = 24 * 3_600_000;

describe('plan: what to fetch next', () => {
  const months = monthsSince('2026-08');

  test('every month since 2023-05, newest first', () => {
    expect(months[0]).toBe('2026-08');
    expect(months.at(-1)).toBe('2023-05');
    expect(months).toHaveLength(40);
    expect(monthsSince('2024-01', '2023-11')).toEqual(['2024-01', '2023-12', '2023-11']);
  });

  test('backfill goes newest first, and a half-fetched month goes on at its next page', () => {
    const statuses: MonthStatus[] = months.map((month) => (month >= '2026-06' ? { month, fetchedAt: NOW - 1000 } : { month }));
    expect(nextStep(emptyState(), statuses, '2026-08', NOW)).toEqual({ kind: 'fetch', month: '2026-05', page: 0, backfill: true });
    const partial = { ...emptyState(), partial: { month: '2026-05', nextPage: 3, ids: ['2605.00001'] } };
    expect(nextStep(partial, statuses, '2026-08', NOW)).toEqual({ kind: 'fetch', month: '2026-05', page: 3, backfill: true });
  });

  test(`at most ${BACKFILL_BUDGET} requests in any 5 minutes: the next waits for the oldest to leave the window`, () => {
    let state = emptyState();
    for (let i = 0; i < BACKFILL_BUDGET; i++) state = recordRequest(state, NOW + i * 1000);
    const now = NOW + BACKFILL_BUDGET * 1000;
    expect(nextStep(state, [{ month: '2026-08' }], '2026-08', now)).toEqual({ kind: 'wait', until: NOW + BUDGET_WINDOW_MS, reason: 'budget' });
    expect(nextStep(state, [{ month: '2026-08' }], '2026-08', NOW + BUDGET_WINDOW_MS + 1).kind).toBe('fetch');
    // Old send times fall out of the state, so it stays small.
    expect(recordRequest(state, NOW + 2 * BUDGET_WINDOW_MS).requests).toHaveLength(1);
  });

  test("a failure pauses: the server's Retry-After if later, else a growing back-off; success clears it", () => {
    const once = recordFailure(emptyState(), NOW, 'HTTP 429', NOW + 120_000);
    expect(once.pausedUntil).toBe(NOW + 120_000);
    expect(nextStep(once, [{ month: '2026-08' }], '2026-08', NOW + 60_000)).toEqual({ kind: 'wait', until: NOW + 120_000, reason: 'paused' });
    const offline = [1, 2, 3, 4, 5, 6].reduce((s) => recordFailure(s, NOW, 'Failed to fetch'), emptyState());
    expect(offline.failures).toBe(6);
    expect(offline.pausedUntil).toBe(NOW + 60 * 60_000);
    const ok = recordPage(offline, '2026-08', 0, ['2608.00001'], 100).state;
    expect(ok.pausedUntil).toBeUndefined();
    expect(ok.failures).toBe(0);
  });

  test('a short page completes the month with every page’s ids; a full page asks for the next', () => {
    const full = Array.from({ length: 100 }, (_, i) => `2607.${String(i).padStart(5, '0')}`);
    const first = recordPage(emptyState(), '2026-07', 0, full, 100);
    expect(first.complete).toBeUndefined();
    expect(first.state.partial).toEqual({ month: '2026-07', nextPage: 1, ids: full });
    const second = recordPage(first.state, '2026-07', 1, [], 100);
    expect(second.complete).toEqual(full);
    expect(second.state.partial).toBeUndefined();
  });

  test('steady state: current and last month daily, older months weekly; nothing due → wait until the first is', () => {
    const statuses = months.map((month) => ({ month, fetchedAt: NOW - 2 * 60_000 }));
    expect(nextStep(emptyState(), statuses, '2026-08', NOW)).toEqual({ kind: 'wait', until: NOW - 2 * 60_000 + REFRESH_AGE.current, reason: 'up-to-date' });
    const dayLater = NOW + REFRESH_AGE.current;
    const due = nextStep(emptyState(), statuses, '2026-08', dayLater);
    expect(due.kind === 'fetch' && ['2026-08', '2026-07'].includes(due.month)).toBe(true);
    // With those two refreshed, they are next due a day later; the older months only a week after their fetch.
    const refreshed = statuses.map((s) => (s.month >= '2026-07' ? { ...s, fetchedAt: dayLater } : s));
    expect(nextStep(emptyState(), refreshed, '2026-08', dayLater)).toEqual({ kind: 'wait', until: dayLater + REFRESH_AGE.current, reason: 'up-to-date' });
    const weekLater = NOW - 2 * 60_000 + REFRESH_AGE.older;
    const olderDue = nextStep(emptyState(), refreshed.map((s) => (s.month >= '2026-07' ? { ...s, fetchedAt: weekLater } : s)), '2026-08', weekLater);
    expect(olderDue.kind === 'fetch' && olderDue.month < '2026-07').toBe(true);
    expect(progress([{ month: 'a', fetchedAt: 1 }, { month: 'b' }])).toEqual({ indexed: 1, total: 2 });
  });
});

/**
 * Upvote sequences shaped from the corpus's REAL final counts: HF papers gather most of their upvotes in the first
 * days after they are featured (hf-api.md §2), so each paper's count after t hours is final × (1 − e^(−t/30)).
 */
const countAt = (final: number, hoursSinceFeatured: number) => Math.round(final * (1 - Math.exp(-hoursSinceFeatured / 30)));

describe('history: bounded, thinned with age', () => {
  test('an hourly refresh for 60 days keeps at most MAX_POINTS points, every 2 h for the last two days', () => {
    let history: number[] = [];
    const start = hourOf(NOW);
    for (let h = 0; h < 60 * 24; h++) history = observe(history, start + h, countAt(120, h));
    expect(history.length / 2).toBeLessThanOrEqual(MAX_POINTS);
    const hours = history.filter((_, i) => i % 2 === 0);
    expect(hours).toEqual([...hours].sort((a, b) => a - b));
    const last = start + 60 * 24 - 1;
    expect(hours.filter((h) => last - h < 48).length).toBeGreaterThanOrEqual(20);
    // A few hundred bytes per paper even as JSON.
    expect(JSON.stringify(history).length).toBeLessThan(700);
  });

  test('the same hour replaces; an older answer arriving late is ignored', () => {
    const h = hourOf(NOW);
    expect(observe(observe([], h, 3), h, 5)).toEqual([h, 5]);
    expect(observe([h, 5], h - 3, 1)).toEqual([h, 5]);
  });
});

describe('momentum: upvotes gained in the last 24 h, only from what was seen', () => {
  const featured = corpus.filter((r) => r.upvotes >= 20).slice(0, 200);

  test('on real final counts, refreshed every 6 h: the gain over the last day matches the sequence', () => {
    const start = hourOf(NOW);
    for (const paper of featured) {
      let history: number[] = [];
      for (let h = 0; h <= 48; h += 6) history = observe(history, start + h, countAt(paper.upvotes, h));
      expect(gain24(history, start + 48)).toBe(countAt(paper.upvotes, 48) - countAt(paper.upvotes, 24));
    }
  });

  test('less than ~20 h of history: no claim; a stale newest count: no claim', () => {
    const start = hourOf(NOW);
    let history: number[] = [];
    for (let h = 0; h <= 18; h += 3) history = observe(history, start + h, countAt(100, h));
    expect(gain24(history, start + 18)).toBeUndefined();
    history = observe(history, start + 22, countAt(100, 22));
    expect(gain24(history, start + 22)).toBe(countAt(100, 22) - countAt(100, 0));
    expect(gain24(history, start + 22 + 13)).toBeUndefined();
    expect(gain24(undefined, start)).toBeUndefined();
  });

  test('notable means ≥ 5: a quiet old paper shows nothing', () => {
    const start = hourOf(NOW - 30 * DAY);
    const quiet = observe(observe([], start, 80), start + 24, 81);
    expect(isNotableGain(gain24(quiet, start + 24))).toBe(false);
    expect(isNotableGain(38)).toBe(true);
  });
});
