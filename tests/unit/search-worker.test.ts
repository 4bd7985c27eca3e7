/**
 * The worker's text index (background/search/index-store.ts) over a real (fake-indexeddb) database of real corpus
 * papers, across worker lives (a "restart" = fresh module instances over the same database, as after an MV3 stop):
 * the first build says "building", a new life answers search and related from the stored index without rebuilding,
 * papers cached later are merged in, Clear cache deletes the stored index. Offline throughout: search asks no one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { stem, STOP, words } from '../../src/shared/related';
import type { PaperRecord } from '../../src/shared/types';

interface CorpusRecord { id: string; title: string; summary: string; upvotes: number; publishedAt: string; authors: string[]; dailyDate: string }
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];
const record = (r: CorpusRecord): PaperRecord => ({ id: r.id, title: r.title, authors: r.authors, summary: r.summary, publishedAt: r.publishedAt,
  upvotes: r.upvotes, dailyDate: r.dailyDate, fetchedAt: Date.now() });
const first = corpus.slice(0, 3000);
const later = corpus.slice(3000, 3300);
const afterClear = corpus.slice(5000, 5050);

/** How many papers of everything the tests cache contain each stemmed word. */
const df = new Map<string, number>();
for (const r of [...first, ...later, ...afterClear]) {
  for (const t of new Set(words(`${r.title} ${r.summary} ${r.authors.join(' ')}`).map(stem))) df.set(t, (df.get(t) ?? 0) + 1);
}
/** A word of this paper's abstract found in no other paper, and not in its title or authors. */
function abstractOnlyWord(r: CorpusRecord): string | undefined {
  const named = new Set(words(`${r.title} ${r.authors.join(' ')}`).map(stem));
  return words(r.summary).find((w) => w.length > 6 && !STOP.has(w) && !named.has(stem(w)) && df.get(stem(w)) === 1);
}
const target = first.find((r) => abstractOnlyWord(r) !== undefined)!;
const targetWord = abstractOnlyWord(target)!;

const requests: string[] = [];
beforeAll(() => {
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    requests.push(String(input));
    return Promise.reject(new TypeError('Failed to fetch'));
  });
});

/** A new worker life: fresh module instances (fresh memory) over the same IndexedDB. */
async function workerLife() {
  vi.resetModules();
  return {
    db: await import('../../src/background/db'),
    store: await import('../../src/background/search/index-store'),
    search: await import('../../src/background/search/search'),
    related: await import('../../src/background/related/related'),
    clear: await import('../../src/background/paper-cache/clear-cache'),
  };
}
type Life = Awaited<ReturnType<typeof workerLife>>;
const storedSize = async (life: Life) =>
  ((await (await life.db.db()).get('meta', life.store.TEXT_INDEX_KEY)) as { index: { size: number } } | undefined)?.index.size;

describe('the text index across worker lives', { timeout: 60_000 }, () => {
  let life: Life;

  test('the first search says "building", then finds a paper by a word of its abstract, offline', async () => {
    expect(targetWord).toBeTruthy();
    life = await workerLife();
    await life.db.putLists([], first.map(record));
    expect(await life.search.searchPapers('')).toMatchObject({ state: 'building', items: [] });
    await vi.waitFor(async () => expect((await life.search.searchPapers('')).state).toBe('ready'), { timeout: 30_000 });
    const answer = await life.search.searchPapers(`${targetWord} `);
    expect(answer).toMatchObject({ state: 'ready', total: 1, indexed: first.length, blank: false });
    expect(answer.items).toEqual([{ id: target.id, title: target.title, authors: target.authors, upvotes: target.upvotes, date: target.dailyDate }]);
    expect(await storedSize(life)).toBe(first.length);
    expect(requests).toEqual([]);
  });

  test('a new life answers search and related from the stored index, before any rebuild', async () => {
    life = await workerLife();
    const answer = await life.search.searchPapers(`${targetWord} `);
    expect(answer.state).toBe('ready');
    expect(answer.items.map((p) => p.id)).toEqual([target.id]);
    expect(life.store.lastReconcile, 'answered without reading and tokenising the papers').toBeUndefined();
    const related = await life.related.getRelated(target.id);
    expect(related.corpusSize).toBe(first.length);
    expect(related.items.length).toBeGreaterThan(3);
    expect(related.items.map((i) => i.id)).not.toContain(target.id);
    expect(related.search).toMatchObject({ error: expect.any(String) }); // offline: HF search failed, local ranking answered
    // Then, in the background, the stored index is checked against the cache: nothing changed.
    await vi.waitFor(() => expect(life.store.lastReconcile).toBe('unchanged'), { timeout: 30_000 });
  });

  test('papers cached later are merged in (not rebuilt) and found; the stored index follows', async () => {
    await life.db.putLists([], later.map(record));
    const late = later[3]!;
    // The answer right after comes from the index as it was; the reconcile follows it.
    await life.search.searchPapers(late.title);
    await vi.waitFor(() => expect(life.store.lastReconcile).toBe('merged'), { timeout: 30_000 });
    const answer = await life.search.searchPapers(late.title);
    expect(answer.items[0]!.id).toBe(late.id);
    expect(answer.indexed).toBe(first.length + later.length);
    await vi.waitFor(async () => expect(await storedSize(life)).toBe(first.length + later.length));
  });

  test('Clear cache deletes the stored index; results never show a paper no longer cached; the next life rebuilds', async () => {
    await life.clear.clearCache();
    expect(await storedSize(life)).toBeUndefined();
    // Same life, before any reconcile: the old index still ranks, but the cleared papers are not shown.
    expect((await life.search.searchPapers(`${targetWord} `)).items).toEqual([]);
    await life.db.putLists([], afterClear.map(record));
    // Asked without pause (every 50 ms), the reconcile still runs: at most 10 s after the index was found behind.
    await vi.waitFor(async () => expect((await life.search.searchPapers('x')).indexed).toBe(afterClear.length), { timeout: 30_000 });
    expect(life.store.lastReconcile).toBe('built');

    life = await workerLife();
    await vi.waitFor(async () => expect((await life.search.searchPapers('')).state).toBe('ready'), { timeout: 30_000 });
    expect((await life.search.searchPapers(afterClear[0]!.title)).items[0]!.id).toBe(afterClear[0]!.id);
    expect((await life.search.searchPapers(`${targetWord} `)).total).toBe(0);
  });
});
