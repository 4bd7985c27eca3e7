/**
 * The worker's cache policy (product.md §5) over a real (fake-indexeddb) database and a fake
 * huggingface.co that answers from the real fixtures: what is asked, how often, and what is served.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

type DailyItem = { paper: { id: string; upvotes: number } };
const daily = (date: string): DailyItem[] =>
  JSON.parse(readFileSync(path.resolve(`../shared/fixtures/hf-api/real/daily_papers.date-${date}.json`), 'utf8'));
const latest = daily('2026-08-21');
const older = daily('2025-06-02');

const requests: string[] = [];
let offline = false;
function fakeHf(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input));
  requests.push(url.pathname + url.search);
  if (offline) return Promise.reject(new TypeError('Failed to fetch'));
  if (url.pathname === '/api/daily_papers') return Promise.resolve(Response.json(latest));
  const id = url.pathname.replace('/api/papers/', '');
  const item = [...latest, ...older].find((i) => i.paper.id === id);
  return Promise.resolve(item ? Response.json(item.paper) : Response.json({ error: 'Paper not found' }, { status: 404 }));
}

const HOUR = 3_600_000;
let papers: typeof import('../../src/background/paper-cache/papers');
let lists: typeof import('../../src/background/paper-cache/lists');

beforeAll(async () => {
  vi.stubGlobal('fetch', fakeHf);
  papers = await import('../../src/background/paper-cache/papers');
  lists = await import('../../src/background/paper-cache/lists');
});

beforeEach(() => {
  requests.length = 0;
  offline = false;
  fakeBrowser.reset(); // also clears the rate gate in storage.session
});

describe('getPaper', () => {
  test('a fresh paper is served from cache with no request', async () => {
    const id = older[0]!.paper.id;
    const first = await papers.getPaper(`${id}v2`);
    expect(first).toMatchObject({ state: 'found', stale: false, paper: { id, upvotes: older[0]!.paper.upvotes } });
    expect(requests).toEqual([`/api/papers/${id}`]);
    const second = await papers.getPaper(id);
    expect(second.state).toBe('found');
    expect(requests).toHaveLength(1);
  });

  test('a stale paper is served at once and revalidated once; an expired one is fetched', async () => {
    const id = older[1]!.paper.id;
    await papers.getPaper(id);
    const stale = await papers.getPaper(id, Date.now() + 7 * HOUR);
    expect(stale).toMatchObject({ state: 'found', stale: true });
    await vi.waitFor(() => expect(requests.filter((r) => r.endsWith(id))).toHaveLength(2));
  });

  test('an unknown id is cached negatively: the next visit asks nothing', async () => {
    const first = await papers.getPaper('2101.04792');
    expect(first.state).toBe('not-on-hf');
    const again = await papers.getPaper('2101.04792v3');
    expect(again.state).toBe('not-on-hf');
    expect(requests).toEqual(['/api/papers/2101.04792']);
  });

  test('old-style ids are recognised and never sent', async () => {
    expect(await papers.getPaper('hep-th/9901001v2')).toEqual({ state: 'old-style' });
    expect(requests).toEqual([]);
  });

  test('concurrent asks for one paper share one request', async () => {
    const id = older[2]!.paper.id;
    const results = await Promise.all([papers.getPaper(id), papers.getPaper(id), papers.getPaper(id)]);
    expect(results.every((r) => r.state === 'found')).toBe(true);
    expect(requests).toEqual([`/api/papers/${id}`]);
  });

  test('offline with nothing cached gives a clear error, not a crash', async () => {
    offline = true;
    const result = await papers.getPaper(older[3]!.paper.id);
    expect(result.state).toBe('error');
  });

  test('privacy mode never sends a single id', async () => {
    await fakeBrowser.storage.sync.set({ privacyMode: true });
    const result = await papers.getPaper(older[4]!.paper.id);
    expect(result.state).toBe('not-on-hf');
    expect(requests).toEqual([]);
  });
});

describe('lists', () => {
  test("today's list is ranked by upvotes and its papers need no per-paper request", async () => {
    const view = await lists.getList('today');
    const expected = [...latest].sort((a, b) => b.paper.upvotes - a.paper.upvotes);
    expect(view.papers.map((p) => p.id)).toEqual(expected.map((i) => i.paper.id));
    expect(view.papers.map((p) => p.dailyRank)).toEqual(expected.map((_, i) => i + 1));
    expect(view.label).toBe('2026-08-21');
    requests.length = 0;
    // Served at once from the list; its details (linked repos) are fetched once in the background, then never again.
    const topId = expected[0]!.paper.id;
    const top = await papers.getPaper(topId);
    expect(top).toMatchObject({ state: 'found', stale: true, paper: { dailyRank: 1, dailyDate: '2026-08-21' } });
    await vi.waitFor(() => expect(requests).toEqual([`/api/papers/${topId}`]));
    await vi.waitFor(async () => expect(await papers.getPaper(topId)).toMatchObject({ state: 'found', stale: false, paper: { dailyRank: 1 } }));
    expect(requests).toHaveLength(1);
  });

  test('a fresh list makes no request; a failed refresh keeps the snapshot and reports the error', async () => {
    await lists.getList('today');
    requests.length = 0;
    await lists.getList('today');
    expect(requests).toEqual([]);
    offline = true;
    await expect(lists.refreshList('today')).rejects.toThrow();
    const view = await lists.getList('today', Date.now() + 2 * HOUR);
    expect(view.papers).toHaveLength(latest.length);
    expect(view.error).toBeTruthy();
    expect(view.refreshing).toBe(true);
    // Asked again to wait for the refresh: the old papers, with the error that makes the popup say "offline".
    const settled = await lists.getList('today', Date.now() + 2 * HOUR, true);
    expect(settled).toMatchObject({ papers: view.papers, error: expect.any(String) });
    expect(settled.refreshing).toBeUndefined();
  });
});
