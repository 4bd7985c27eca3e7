/**
 * The watch's Hugging Face side (src/background/watch/hf-*.ts): observations and diffs of real HF records (the
 * recorded 2026-08-21 daily file), the request plan (replica-held papers weekly, others daily, ≤ 25 a step, oldest
 * first), and whole steps over a fake-indexeddb reading list and cache with an injected `papers/{id}`: the replica
 * answers without a request, code / an HF page / linked models / comments / a milestone give changes, a failed ask
 * stops the step with nothing lost, privacy mode asks nothing. Plus the request count of 500 saved papers over a week.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseDailyPapers } from '../../src/shared/hf-schema';
import type { PaperRecord } from '../../src/shared/types';
import type { HfWatched } from '../../src/shared/watch-types';
import { diffHf, milestonePassed, observe } from '../../src/background/watch/hf-diff';
import { HF_DAILY_MS, HF_STEP_MAX, HF_WEEKLY_MS, hfDue, type CacheFacts } from '../../src/background/watch/hf-plan';
import { NOTIFY_GAP_MS, NOTIFY_WAIT_MS, notifyDue } from '../../src/background/watch/plan';
import { fakeBrowser } from './fake-browser';

const DAY = '2026-08-21';
const real: PaperRecord[] = parseDailyPapers(JSON.parse(readFileSync(`../shared/fixtures/hf-api/real/daily_papers.date-${DAY}.json`, 'utf8')), Date.UTC(2026, 7, 21, 12), DAY);
const withCode = real.find((p) => p.githubRepo)!;
const T0 = Date.UTC(2026, 7, 22, 12);

describe('observe and diff (real records)', () => {
  test('a first sight is the baseline; code appearing is one "code" change with the full URL', () => {
    const before = observe({ ...withCode, githubRepo: undefined }, undefined, withCode.id, 1);
    expect(diffHf(undefined, before, 't', 1)).toEqual([]);
    const after = observe(withCode, before, withCode.id, 2);
    const changes = diffHf(before, after, 'Title', 2);
    expect(changes.map((c) => [c.kind, c.to])).toEqual([['code', withCode.githubRepo]]);
    expect(withCode.githubRepo).toMatch(/^https:\/\/github\.com\//);
  });

  test('404 → record: an HF page; linked counts only from a detail answer, kept when a list record lacks them', () => {
    const unknown = observe(undefined, undefined, withCode.id, 1);
    expect(unknown.onHf).toBe(false);
    const detail = { ...withCode, detailFetchedAt: 2, numModels: 2, numDatasets: 1, numSpaces: 0, numComments: 1 };
    const found = observe(detail, unknown, withCode.id, 2);
    expect(diffHf(unknown, found, 't', 2).map((c) => c.kind)).toEqual(['hf-page', 'code']);
    // A list record (no detail) carries no linked counts: they stay as the detail said, and nothing is diffed.
    const listed = observe({ ...withCode, numModels: 99, numComments: 1 }, found, withCode.id, 3);
    expect(listed).toMatchObject({ numModels: 2, numDatasets: 1, numSpaces: 0 });
    expect(diffHf(found, listed, 't', 3)).toEqual([]);
    const grown = observe({ ...detail, detailFetchedAt: 4, numModels: 5, numSpaces: 1, numComments: 3 }, listed, withCode.id, 4);
    expect(diffHf(listed, grown, 't', 4).map((c) => `${c.kind}: ${c.from} → ${c.to}`)).toEqual([
      'models: 2 models → 5 models', 'spaces: 0 Spaces → 1 Space', 'comments: 1 comment → 3 comments',
    ]);
  });

  test('upvote milestones: the highest passed, none when falling or staying between two', () => {
    expect(milestonePassed(8, 12)).toBe(10);
    expect(milestonePassed(8, 60)).toBe(50);
    expect(milestonePassed(12, 24)).toBeUndefined();
    expect(milestonePassed(60, 40)).toBeUndefined();
    const top = real[0]!;
    const prev = observe({ ...top, upvotes: 9 }, undefined, top.id, 1);
    const [change] = diffHf(prev, observe(top, prev, top.id, 2), 't', 2);
    expect(change).toMatchObject({ kind: 'upvotes', from: '▲ 9', to: `▲ ${top.upvotes} (passed ${milestonePassed(9, top.upvotes)})` });
  });
});

describe('request plan', () => {
  const facts = (patch: Partial<CacheFacts>): CacheFacts => ({ fetchedAt: T0 - 3_600_000, dailyDate: DAY, ...patch });
  const watched = (id: string, requestedAt?: number): HfWatched => ({ id, onHf: true, seenAt: 0, ...(requestedAt === undefined ? {} : { requestedAt }) });

  test('replica-held papers weekly, others daily; old-style ids never; oldest ask first; a lookup elsewhere counts', () => {
    const cache = new Map([['2608.00001', facts({})], ['2608.00002', facts({})], ['2608.00003', facts({ fetchedAt: T0 - 5 * HF_DAILY_MS })], ['2608.00005', facts({ detailFetchedAt: T0 - 3_600_000, fetchedAt: T0 - 3_600_000 })]]);
    const state = {
      '2608.00001': watched('2608.00001', T0 - 2 * HF_DAILY_MS), // held by the replica, asked 2 days ago: not due
      '2608.00002': watched('2608.00002', T0 - HF_WEEKLY_MS - 1), // held, asked > a week ago: due
      '2608.00003': watched('2608.00003', T0 - HF_DAILY_MS - 5), // stale in the cache: daily
      '2608.00004': watched('2608.00004', T0 - HF_DAILY_MS + 60_000), // not in the cache, asked < 24 h ago
    };
    const misses = new Map([['2608.00006', T0 - 3_600_000]]);
    const ids = ['hep-th/9901001', '2608.00001', '2608.00002', '2608.00003', '2608.00004', '2608.00005', '2608.00006', '2608.00007'];
    expect(hfDue(ids, state, cache, misses, T0).due).toEqual(['2608.00007', '2608.00002', '2608.00003']);
  });

  test('at most HF_STEP_MAX a step; the rest is counted as remaining', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `2601.${String(10000 + i)}`);
    const { due, remaining } = hfDue(ids, {}, new Map(), new Map(), T0);
    expect(due).toHaveLength(HF_STEP_MAX);
    expect(remaining).toBe(60 - HF_STEP_MAX);
  });
});

describe('one notification per pass (both sides)', () => {
  const pass = { startedAt: T0 - 60_000, finishedAt: T0 - 30_000, requests: 1 };
  const step = (patch: object) => ({ at: T0, watched: 60, fromReplica: 0, requests: 25, remaining: 0, changes: 1, ...patch });
  const base = { now: T0, notifiedAt: 0, pass, passRunning: false, arxivInactive: false, hfOn: true };
  test('waits for the arXiv pass and the last HF slice; at most 3 h for HF; never twice in 20 h', () => {
    expect(notifyDue({ ...base, step: step({}) })).toBe(true);
    expect(notifyDue({ ...base, passRunning: true, step: step({}) })).toBe(false);
    expect(notifyDue({ ...base, pass: { startedAt: T0, requests: 1 }, step: step({}) })).toBe(false);
    expect(notifyDue({ ...base, step: step({ remaining: 35 }) })).toBe(false);
    expect(notifyDue({ ...base, now: pass.finishedAt + NOTIFY_WAIT_MS, step: step({ remaining: 10 }) })).toBe(true);
    expect(notifyDue({ ...base, step: step({ remaining: 10, error: 'HTTP 503' }) })).toBe(true);
    expect(notifyDue({ ...base, notifiedAt: T0 - NOTIFY_GAP_MS + 1, step: step({}) })).toBe(false);
    // Privacy mode or the arXiv switch off: the HF side alone decides.
    expect(notifyDue({ ...base, pass: undefined, arxivInactive: true, step: step({}) })).toBe(true);
    expect(notifyDue({ ...base, pass: undefined, arxivInactive: true, step: step({ remaining: 3 }) })).toBe(false);
  });
});

describe('HF steps over the stored reading list and cache', () => {
  let step: typeof import('../../src/background/watch/hf-step');
  let store: typeof import('../../src/background/watch/store');
  let entries: typeof import('../../src/background/reading-list/entries');
  let database: typeof import('../../src/background/db');
  let settings: typeof import('../../src/shared/settings');
  beforeAll(async () => {
    step = await import('../../src/background/watch/hf-step');
    store = await import('../../src/background/watch/store');
    entries = await import('../../src/background/reading-list/entries');
    database = await import('../../src/background/db');
    settings = await import('../../src/shared/settings');
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    const d = await database.db();
    await Promise.all(['meta', 'readingList', 'paperShards', 'misses', 'lists'].map((s) => d.clear(s as 'meta')));
  });

  /** `papers/{id}` answered from a table; every ask is logged. */
  function harness(table: Map<string, PaperRecord>, start = T0) {
    let now = start;
    const asked: string[] = [];
    const deps = {
      now: () => now,
      sleep: async (ms: number) => void (now += ms),
      paper: async (id: string) => {
        asked.push(id);
        now += 200;
        const r = table.get(id);
        return r && { ...r, fetchedAt: now, detailFetchedAt: now };
      },
    };
    return { deps, asked, advance: (ms: number) => void (now += ms), now: () => now };
  }

  test('replica first, then due asks; a day later code, an HF page, more models and comments → changes', async () => {
    const [inReplica, known] = [real[1]!, real[2]!];
    const unknownId = '2608.99999';
    for (const id of [inReplica.id, known.id, unknownId]) await entries.saveEntry(id, { title: `Saved ${id}` });
    // The replica holds one paper, fresh (a list record: no detail).
    await database.putLists([], [{ ...inReplica, githubRepo: undefined, numComments: 0, fetchedAt: T0 - 3_600_000 }]);
    const table = new Map([
      [known.id, { ...known, githubRepo: undefined, numModels: 1, numDatasets: 0, numSpaces: 0, numComments: 0 } as PaperRecord],
      [inReplica.id, { ...inReplica, githubRepo: undefined, numModels: 0, numDatasets: 0, numSpaces: 0, numComments: 0 } as PaperRecord],
    ]);
    const h = harness(table);
    const first = await step.runHfStep(h.deps);
    expect(first.fresh).toEqual([]);
    // The replica's paper is read from it, and asked once for its linked repos (weekly from then on).
    expect(first.step).toMatchObject({ fromReplica: 1, requests: 3, remaining: 0 });
    expect(h.asked.sort()).toEqual([inReplica.id, known.id, unknownId].sort());

    // The next hour: nothing due, nothing asked.
    h.advance(3_600_000);
    expect((await step.runHfStep(h.deps)).step).toMatchObject({ requests: 0 });
    expect(h.asked).toHaveLength(3);

    // A day later: the replica's upkeep brought comments and code for one; HF now knows the other two better.
    h.advance(HF_DAILY_MS);
    await database.putLists([], [{ ...inReplica, githubRepo: 'https://github.com/x/y', numComments: 4, fetchedAt: h.now() }]);
    table.set(known.id, { ...table.get(known.id)!, githubRepo: 'https://github.com/a/b', numModels: 3, numComments: 2 });
    table.set(unknownId, { ...known, id: unknownId, title: 'Now indexed', githubRepo: undefined });
    const later = await step.runHfStep(h.deps);
    const lines = later.fresh.map((c) => `${c.paperId} ${c.kind}: ${c.from ?? ''} → ${c.to}`).sort();
    expect(lines).toEqual([
      `${inReplica.id} code:  → https://github.com/x/y`,
      `${inReplica.id} comments: 0 comments → 4 comments`,
      `${known.id} code:  → https://github.com/a/b`,
      `${known.id} comments: 0 comments → 2 comments`,
      `${known.id} models: 1 model → 3 models`,
      `${unknownId} hf-page: not on HF Papers → has a Hugging Face page`,
    ].sort());
    // The replica-held paper was read, not asked again; the titles are the reading list's.
    expect(h.asked.filter((id) => id === inReplica.id)).toHaveLength(1);
    expect(later.step).toMatchObject({ requests: 2 });
    expect(later.fresh.find((c) => c.paperId === unknownId)?.title).toBe(`Saved ${unknownId}`);
    const stored = await store.readWatch();
    expect(stored.changes).toHaveLength(6);
    expect(await store.unseenChangeCount()).toBe(6);
  });

  test('a failed ask ends the step: what was seen is kept, the rest stays due; privacy mode asks nothing', async () => {
    const ids = real.slice(0, 5).map((p) => p.id);
    for (const id of ids) await entries.saveEntry(id, { title: id });
    const h = harness(new Map(real.map((p) => [p.id, p])));
    let calls = 0;
    const failing = { ...h.deps, paper: async (id: string) => {
      if (++calls === 3) throw new Error('Hugging Face rate limit reached');
      return h.deps.paper(id);
    } };
    const result = await step.runHfStep(failing);
    expect(result.step).toMatchObject({ requests: 3, remaining: 3, error: 'Hugging Face rate limit reached' });
    expect(Object.keys((await store.readWatch()).hfPapers)).toHaveLength(2);
    // An hour later the rest is asked (not the two answered ones).
    h.advance(3_600_000);
    const asked = h.asked.length;
    await step.runHfStep(h.deps);
    expect(h.asked.slice(asked)).toHaveLength(3);

    await settings.setSettings({ privacyMode: true });
    h.advance(2 * HF_DAILY_MS);
    const quiet = h.asked.length;
    expect((await step.runHfStep(h.deps)).step).toMatchObject({ requests: 0 });
    expect(h.asked).toHaveLength(quiet);
    await settings.setSettings({ privacyMode: false, watchHf: false });
    expect((await step.runHfStep(h.deps)).ran).toBe(false);
  });

  test('500 saved papers, 100 held by the replica: a week of hourly steps asks each other paper once a day', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `2607.${String(10000 + i)}`);
    for (const id of ids) await entries.saveEntry(id, { title: id });
    const h = harness(new Map(ids.map((id) => [id, { ...real[0]!, id }])));
    const replicaHeld = () => ids.slice(0, 100).map((id) => ({ ...real[0]!, id, fetchedAt: h.now() - 3_600_000 }));
    await database.putLists([], replicaHeld());
    const perDay: number[] = [];
    let maxPerStep = 0;
    for (let day = 0; day < 7; day++) {
      const before = h.asked.length;
      for (let hour = 0; hour < 24; hour++) {
        const asked = h.asked.length;
        await step.runHfStep(h.deps);
        maxPerStep = Math.max(maxPerStep, h.asked.length - asked);
        h.advance(3_600_000 - (h.now() - T0) % 3_600_000);
      }
      // Daily upkeep keeps the replica's papers fresh.
      await database.putLists([], replicaHeld());
      perDay.push(h.asked.length - before);
    }
    console.log(`HF watch, 500 saved (100 in the replica): papers/{id} asks per day ${perDay.join(', ')}; max ${maxPerStep} per hourly step`);
    expect(maxPerStep).toBeLessThanOrEqual(HF_STEP_MAX);
    // The replica's 100 are asked once in the week (linked repos); the other 400 at most daily.
    const week = perDay.reduce((a, b) => a + b, 0);
    expect(week).toBeLessThanOrEqual(400 * 7 + 100);
    expect(new Set(h.asked.filter((id) => ids.slice(0, 100).includes(id))).size).toBeLessThanOrEqual(100);
    expect(h.asked.filter((id) => id === ids[0]).length).toBeLessThanOrEqual(1);
  }, 120_000);
});
