/**
 * The watch (src/background/watch/): diffing, batching, and whole passes over a real (fake-indexeddb) reading list
 * against the fake arXiv API built from the real responses, with an injected clock: ≤ 100 ids per request, ≥ 3 s
 * between requests, one pass a day, a new version / journal ref / DOI / withdrawal → changes, failures → a clear
 * outcome with nothing lost and a retry an hour later, not sooner.
 */
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FakeArxivApi } from '../e2e/fake-arxiv-api';
import { fakeBrowser } from './fake-browser';
import { diffPaper, stateFrom } from '../../src/background/watch/diff';
import { BATCH_SIZE, batchUrl, nextPassAt, planBatches, RETRY_AFTER_ERROR_MS } from '../../src/background/watch/plan';
import type { ArxivRecord } from '../../src/background/watch/atom';

let pass: typeof import('../../src/background/watch/pass');
let store: typeof import('../../src/background/watch/store');
let entries: typeof import('../../src/background/reading-list/entries');
let database: typeof import('../../src/background/db');
let settings: typeof import('../../src/shared/settings');

beforeAll(async () => {
  pass = await import('../../src/background/watch/pass');
  store = await import('../../src/background/watch/store');
  entries = await import('../../src/background/reading-list/entries');
  database = await import('../../src/background/db');
  settings = await import('../../src/shared/settings');
});

/** A clock that advances only when the pass sleeps or the fake answers (each answer takes 400 ms). */
function harness(api: FakeArxivApi, start = Date.UTC(2026, 7, 1, 12)) {
  let now = start;
  const deps = {
    now: () => now,
    sleep: async (ms: number) => void (now += ms),
    fetch: (async (input: RequestInfo | URL) => {
      const { status, body, done } = api.answer(new URL(String(input)), now);
      now += 400;
      done();
      return new Response(body, { status, headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
    }) as typeof fetch,
  };
  return { deps, advance: (ms: number) => void (now += ms), now: () => now };
}

async function saveAll(ids: readonly string[]): Promise<void> {
  for (const id of ids) await entries.saveEntry(id);
}

beforeEach(async () => {
  fakeBrowser.reset();
  const d = await database.db();
  await Promise.all([d.clear('meta'), d.clear('readingList')]);
});

const record = (patch: Partial<ArxivRecord>): ArxivRecord => ({ id: '2005.14124', version: 2, title: 'T', updated: '', published: '', dois: [], ...patch });

describe('diff', () => {
  test('first sight is the baseline: no change, "you saved" = that version', () => {
    const s = stateFrom(record({}), undefined, 1);
    expect(s.savedVersion).toBe(2);
    expect(diffPaper(undefined, s, 1)).toEqual([]);
  });

  test('new version, journal ref, DOI (case/whitespace-insensitive), title, withdrawal', () => {
    const before = stateFrom(record({ dois: ['10.1/ABC'] }), undefined, 1);
    expect(diffPaper(before, stateFrom(record({ dois: [' 10.1/abc '] }), before, 2), 2)).toEqual([]);
    const after = stateFrom(record({ version: 3, title: 'T2', journalRef: 'J. Foo 1 (2026)', dois: ['10.1/abc', '10.2/x'] }), before, 2);
    expect(diffPaper(before, after, 2).map((c) => [c.kind, c.from, c.to])).toEqual([
      ['version', 'v2', 'v3'], ['journal', undefined, 'J. Foo 1 (2026)'], ['doi', '10.1/ABC', '10.1/abc, 10.2/x'], ['title', 'T', 'T2'],
    ]);
    expect(after.savedVersion).toBe(2);
    const withdrawn = stateFrom(record({ version: 3, comment: 'This paper has been withdrawn by the author due to an error' }), before, 3);
    expect(diffPaper(before, withdrawn, 3).map((c) => [c.kind, c.to])).toEqual([['withdrawn', 'v3: This paper has been withdrawn by the author due to an error']]);
  });
});

describe('plan', () => {
  test('500 saved ids → 5 batches of 100, shuffled, the switched-off and recently checked ones left out', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `2601.${String(10000 + i)}`);
    const batches = planBatches(ids, new Set(), {}, 0);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 100, 100, 100]);
    expect(new Set(batches.flat()).size).toBe(500);
    expect(batches.flat()).not.toEqual(ids);
    const fresh = { [ids[0]!]: { ...stateFrom(record({ id: ids[0]! }), undefined, 1000), checkedAt: 1000 } };
    expect(planBatches(ids, new Set([ids[1]!]), fresh, 2000).flat()).toHaveLength(498);
    expect(batchUrl(['astro-ph/0601001', '2104.12255'])).toBe('https://export.arxiv.org/api/query?id_list=astro-ph%2F0601001,2104.12255&max_results=2');
  });
});

describe('a pass over the reading list', () => {
  test('500 saved papers: 5 requests, ≤ 100 ids each, max_results sent, ≥ 3 s apart; unknown ids counted, not lost', async () => {
    const api = new FakeArxivApi();
    const known = api.ids();
    const unknown = Array.from({ length: 500 - known.length }, (_, i) => `2601.${String(20000 + i)}`);
    await saveAll([...known, ...unknown]);
    const h = harness(api);
    const result = await pass.runPassIfDue(h.deps);
    expect(api.requests).toHaveLength(Math.ceil(500 / BATCH_SIZE));
    expect(api.requests.every((r) => r.status === 200 && r.ids.length <= BATCH_SIZE)).toBe(true);
    expect(api.spacingViolations).toBe(0);
    const gaps = api.requests.slice(1).map((r, i) => r.time - api.requests[i]!.time);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(3_000);
    expect(result.pass?.outcome).toEqual({ state: 'ok', checked: known.length, missing: unknown.length, changes: 0 });
    expect(Object.keys((await store.readWatch()).papers)).toHaveLength(known.length);
  });

  test('one pass a day: a second run the same day asks nothing; the next day it does, and finds v3 and the journal ref', async () => {
    const api = new FakeArxivApi();
    await saveAll(['2104.12255', '1707.08567']);
    const h = harness(api);
    await pass.runPassIfDue(h.deps);
    expect((await store.readWatch()).papers['2104.12255']).toMatchObject({ version: 1, savedVersion: 1 });
    api.newVersion('2104.12255', 3);
    api.setJournal('1707.08567', 'Proc. AEW10 (2017)', '10.1000/AEW10');
    h.advance(3_600_000);
    expect((await pass.runPassIfDue(h.deps)).ran).toBe(false);
    expect(api.requests).toHaveLength(1);
    h.advance(24 * 3_600_000);
    const second = await pass.runPassIfDue(h.deps);
    expect(api.requests).toHaveLength(2);
    expect(second.fresh.map((c) => [c.paperId, c.kind, c.from ?? null, c.to]).sort()).toEqual([
      ['1707.08567', 'doi', null, '10.1000/AEW10'], ['1707.08567', 'journal', null, 'Proc. AEW10 (2017)'], ['2104.12255', 'version', 'v1', 'v3'],
    ]);
    const state = await store.readWatch();
    expect(state.papers['2104.12255']).toMatchObject({ version: 3, savedVersion: 1 });
    expect(await store.unseenChangeCount()).toBe(3);
  });

  test('arXiv down (503), then malformed, then a 400: a clear outcome each time, stored state kept, retried an hour later', async () => {
    const api = new FakeArxivApi();
    await saveAll(['2104.12255']);
    const h = harness(api);
    await pass.runPassIfDue(h.deps);
    const baseline = (await store.readWatch()).papers;
    for (const [fault, message] of [[503, 'arXiv unavailable (HTTP 503)'], ['malformed', 'arXiv sent an unreadable answer']] as const) {
      api.fault = fault;
      h.advance(25 * 3_600_000);
      const failed = await pass.runPassIfDue(h.deps);
      expect(failed.pass?.outcome).toMatchObject({ state: 'error', message: expect.stringContaining(message) });
      expect((await store.readWatch()).papers).toEqual(baseline);
      // Not sooner than an hour: the alarm firing again asks nothing.
      const requests = api.requests.length;
      h.advance(RETRY_AFTER_ERROR_MS - 60_000);
      expect((await pass.runPassIfDue(h.deps)).ran).toBe(false);
      expect(api.requests).toHaveLength(requests);
      h.advance(-(RETRY_AFTER_ERROR_MS - 60_000));
    }
    api.fault = undefined;
    // An id arXiv refuses (a corrupted entry imported from elsewhere): the 400 error feed's message is the outcome.
    const d = await database.db();
    await d.put('readingList', { ...(await entries.getEntry('2104.12255'))!, id: 'abc' });
    h.advance(2 * RETRY_AFTER_ERROR_MS);
    const refused = await pass.runPassIfDue(h.deps);
    expect(refused.pass?.outcome).toMatchObject({ state: 'error', message: expect.stringContaining('incorrect id format for abc') });
    expect(api.spacingViolations).toBe(0);
  });

  test('the global switch and privacy mode stop the arXiv part: no request at all', async () => {
    const api = new FakeArxivApi();
    await saveAll(['2104.12255']);
    const h = harness(api);
    await settings.setSettings({ watchArxiv: false });
    expect((await pass.runPassIfDue(h.deps)).ran).toBe(false);
    await settings.setSettings({ watchArxiv: true, privacyMode: true });
    expect((await pass.runPassIfDue(h.deps)).ran).toBe(false);
    expect(api.requests).toHaveLength(0);
  });

  test('the per-paper switch: an id that is off is never sent', async () => {
    const api = new FakeArxivApi();
    await saveAll(['2104.12255', '1707.08567']);
    await store.writeWatch({ off: ['1707.08567'] });
    await pass.runPassIfDue(harness(api).deps);
    expect(api.requests.flatMap((r) => r.ids)).toEqual(['2104.12255']);
  });

  test('changes are bounded: newest first, at most MAX_CHANGES, none older than CHANGE_TTL_MS', () => {
    const mk = (at: number) => ({ key: String(at), paperId: 'x', title: '', kind: 'version' as const, to: '', at, seen: false });
    const kept = store.keepChanges([mk(1000)], Array.from({ length: store.MAX_CHANGES }, (_, i) => mk(i)), 2000);
    expect(kept).toHaveLength(store.MAX_CHANGES);
    expect(kept[0]!.at).toBe(1000);
    const now = store.CHANGE_TTL_MS + 500;
    expect(store.keepChanges([mk(now)], [mk(499), mk(501)], now).map((c) => c.at)).toEqual([now, 501]);
  });

  test('nextPassAt: daily after a good pass, an hour after a failed or unfinished one', () => {
    expect(nextPassAt(undefined)).toBe(0);
    expect(nextPassAt({ startedAt: 0, finishedAt: 1, requests: 1, outcome: { state: 'ok', checked: 1, missing: 0, changes: 0 } })).toBe(24 * 3_600_000);
    expect(nextPassAt({ startedAt: 0, requests: 1 })).toBe(RETRY_AFTER_ERROR_MS);
  });
});

describe('BibTeX follows the watch', () => {
  test('latest version, journal and the author DOI from the real entry; eprint kept; without facts arXiv\'s own DOI', async () => {
    const { exportReadingList } = await import('../../src/shared/export');
    const api = new FakeArxivApi();
    await saveAll(['2202.12139', '2104.12255']);
    api.newVersion('2202.12139', 3);
    await pass.runPassIfDue(harness(api).deps);
    const list = (await entries.listEntries()).sort((a, b) => a.id.localeCompare(b.id));
    const bib = exportReadingList('bibtex', list, 0, (await store.readWatch()).papers);
    const [first, second] = bib.split('\n\n');
    expect(second).toContain('eprint = {2202.12139},');
    expect(second).toContain('version = {3},');
    expect(second).toMatch(/journal = \{Artificial Intelligence in Software Testing @ 2022 IEEE/);
    expect(second).toContain('doi = {10.1109/ICSTW55395.2022.00035},');
    expect(second).toContain('url = {https://arxiv.org/abs/2202.12139v3},');
    expect(first).toContain('doi = {10.48550/arXiv.2104.12255},');
    expect(first).not.toContain('journal =');
    expect(exportReadingList('bibtex', list)).not.toContain('version =');
  });
});
