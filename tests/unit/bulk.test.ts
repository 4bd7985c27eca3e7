/**
 * getPapersBulk (background/paper-cache/bulk.ts) over a real (fake-indexeddb) database and a fake huggingface.co that answers
 * `month=` lists from the real corpus (corpus.json.gz, by each record's dailyDate) and the latest real daily file
 * otherwise: which lists are asked for, paging, zero `papers/{id}` requests, and what the answer holds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

interface CorpusRecord { id: string; title: string; summary: string; upvotes: number; publishedAt: string; authors: string[]; dailyDate: string }
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];
const latest = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8')) as unknown[];

const asItem = (r: CorpusRecord) => ({
  paper: { id: r.id, title: r.title, summary: r.summary, publishedAt: r.publishedAt, upvotes: r.upvotes,
    authors: r.authors.map((name, i) => ({ _id: i.toString(16).padStart(24, '0'), name, hidden: false })) },
  title: r.title, publishedAt: `${r.dailyDate}T00:00:00.000Z`, numComments: 0,
});

const requests: string[] = [];
let offline = false;
function fakeHf(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input));
  requests.push(url.pathname + url.search);
  if (offline) return Promise.reject(new TypeError('Failed to fetch'));
  if (url.pathname !== '/api/daily_papers') return Promise.resolve(Response.json({ error: 'not in this fake' }, { status: 404 }));
  const month = url.searchParams.get('month');
  if (month === null) return Promise.resolve(Response.json(url.searchParams.has('week') ? [] : latest));
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const p = Number(url.searchParams.get('p') ?? 0);
  const items = corpus.filter((r) => r.dailyDate.startsWith(month)).sort((a, b) => b.upvotes - a.upvotes).map(asItem);
  return Promise.resolve(Response.json(items.slice(p * limit, (p + 1) * limit)));
}

let bulk: typeof import('../../src/background/paper-cache/bulk');
beforeAll(async () => {
  vi.stubGlobal('fetch', fakeHf);
  bulk = await import('../../src/background/paper-cache/bulk');
});
beforeEach(() => {
  requests.length = 0;
  offline = false;
  fakeBrowser.reset();
});

describe('archiveMonths', () => {
  test('submission month and the next, closed months only, Daily Papers era only, most ids first', () => {
    const ids = ['2506.01234', '2506.00002', '2604.11111', '2301.00001', '2607.00001', '2608.00001'];
    // 2506 ×2 → 2025-06, 2025-07 (2 each); 2604 → 2026-04, 2026-05; 2607 → 2026-07 (2026-08 is the current month);
    // 2608 → nothing (current and future); 2301 → nothing (before 2023-05).
    expect(bulk.archiveMonths(ids, '2026-08')).toEqual(['2025-07', '2025-06', '2026-07', '2026-05', '2026-04']);
    expect(bulk.archiveMonths(ids, '2026-08', 2)).toEqual(['2025-07', '2025-06']);
    expect(bulk.archiveMonths(['2304.00001'], '2026-08')).toEqual(['2023-05']);
    expect(bulk.nextMonth('2026-12')).toBe('2027-01');
  });

  test('canonicalNewStyle drops versions, duplicates, old-style ids and non-strings', () => {
    expect(bulk.canonicalNewStyle(['2506.01234v2', '2506.01234', 'hep-th/9901001', 42, null, 'junk'])).toEqual(['2506.01234']);
    expect(bulk.canonicalNewStyle('2506.01234' as unknown as unknown[])).toEqual([]);
  });
});

describe('getPapersBulk', () => {
  // Real papers of one real month: the ids the June 2025 Daily Papers hold, submitted in May or June 2025.
  const june = corpus.filter((r) => r.dailyDate.startsWith('2025-06') && /^250[56]\./.test(r.id));
  const sample = june.filter((_, i) => i % 4 === 0);
  const unknown = ['2506.99990', '2506.99991'];

  test('answers from the month lists only: no papers/{id}, full pages followed with p, unknown ids absent', async () => {
    const answer = await bulk.getPapersBulk([...sample.map((r) => `${r.id}v1`), ...unknown, 'cs/0112017']);
    expect(answer).toEqual(Object.fromEntries(sample.map((r) => [r.id, expect.objectContaining({ upvotes: r.upvotes })])));
    expect(requests.filter((r) => r.startsWith('/api/papers'))).toEqual([]);
    const juneInCorpus = corpus.filter((r) => r.dailyDate.startsWith('2025-06')).length;
    const junePages = requests.filter((r) => r.includes('month=2025-06'));
    expect(junePages).toHaveLength(Math.floor(juneInCorpus / 100) + 1);
    expect(junePages.at(-1)).toContain(`p=${junePages.length - 1}`);
    // Submitted May/June → the May, June and July lists; nothing older or for other months.
    const months = new Set(requests.map((r) => new URL(r, 'https://x').searchParams.get('month')).filter(Boolean));
    expect(months).toEqual(new Set(['2025-05', '2025-06', '2025-07', '2026-08']));
  });

  test('a second call (cache warm) sends nothing at all', async () => {
    await bulk.getPapersBulk(sample.map((r) => r.id));
    const first = requests.length;
    const again = await bulk.getPapersBulk([...sample.map((r) => r.id), ...unknown]);
    expect(Object.keys(again).sort()).toEqual(sample.map((r) => r.id).sort());
    expect(requests).toHaveLength(first);
  });

  test('dense ids (a whole month, read as key ranges) and sparse ids (read one by one) give the same answers', async () => {
    const dense = await bulk.getPapersBulk(june.map((r) => r.id));
    expect(dense).toEqual(Object.fromEntries(june.map((r) => [r.id, expect.objectContaining({ upvotes: r.upvotes })])));
    const sparse = await bulk.getPapersBulk(june.filter((_, i) => i % 9 === 0).map((r) => r.id));
    expect(Object.keys(sparse).sort()).toEqual(june.filter((_, i) => i % 9 === 0).map((r) => r.id).sort());
  });

  test('getPapersByMonth: every cached paper of the month, from the same month lists, junk ignored', async () => {
    const answer = await bulk.getPapersByMonth(['2506', 'junk', 42]);
    // Cached by now: the corpus papers with 2506 ids featured in June or July 2025 (the lists a 2506 page needs).
    const want = corpus.filter((r) => r.id.startsWith('2506.') && /^2025-0[67]/.test(r.dailyDate));
    expect(Object.keys(answer).sort()).toEqual(want.map((r) => r.id).sort());
    expect(requests.filter((r) => r.startsWith('/api/papers'))).toEqual([]);
    await expect(bulk.getPapersByMonth('2506' as unknown as unknown[])).resolves.toEqual({});
  });

  test('HF unreachable: an empty answer, no error, and still no per-paper request', async () => {
    offline = true;
    await expect(bulk.getPapersBulk(['2410.00001', '2410.00002'])).resolves.toEqual({});
    expect(requests.every((r) => r.startsWith('/api/daily_papers'))).toBe(true);
  });

  test('only old-style or no ids: nothing is fetched', async () => {
    await expect(bulk.getPapersBulk(['hep-th/9901001'])).resolves.toEqual({});
    await expect(bulk.getPapersBulk([])).resolves.toEqual({});
    expect(requests).toEqual([]);
  });
});
