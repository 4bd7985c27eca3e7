/**
 * The chip index (background/chip-index/chip-index.ts) over a real (fake-indexeddb) database filled from the real
 * corpus through the same `month=` lists a listing's lookups fetch: it must say for every stored month exactly what
 * getPapersByMonth says, name the months whose lists are missing as `ask`, and follow writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { BulkPaper, ChipIndex } from '../../src/shared/types';
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
/** HF's `daily_papers`: `month=` pages of 100 from the corpus by dailyDate, the latest real day otherwise. */
function fakeHf(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input));
  requests.push(url.pathname + url.search);
  if (url.pathname !== '/api/daily_papers') return Promise.resolve(Response.json({ error: 'not in this fake' }, { status: 404 }));
  const month = url.searchParams.get('month');
  if (month === null) return Promise.resolve(Response.json(url.searchParams.has('week') ? [] : latest));
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const p = Number(url.searchParams.get('p') ?? 0);
  const items = corpus.filter((r) => r.dailyDate.startsWith(month)).sort((a, b) => b.upvotes - a.upvotes).map(asItem);
  return Promise.resolve(Response.json(items.slice(p * limit, (p + 1) * limit)));
}

/** The packed format as types.ts states it, decoded the way a page does. */
function decode(index: ChipIndex, month: string): Record<string, BulkPaper> {
  const out: Record<string, BulkPaper> = {};
  for (const part of (index.months[month] ?? '').split(';').filter(Boolean)) {
    const [n, upvotes, date, gain] = part.split(':');
    out[`${month}.${n}`] = { upvotes: Number(upvotes), ...(date ? { dailyDate: date } : {}), ...(gain ? { gain24: Number(gain) } : {}) };
  }
  return out;
}

let bulk: typeof import('../../src/background/paper-cache/bulk');
let chips: typeof import('../../src/background/chip-index/chip-index');
let db: typeof import('../../src/background/db');
beforeAll(async () => {
  vi.stubGlobal('fetch', fakeHf);
  bulk = await import('../../src/background/paper-cache/bulk');
  chips = await import('../../src/background/chip-index/chip-index');
  db = await import('../../src/background/db');
});
beforeEach(() => {
  requests.length = 0;
  fakeBrowser.reset();
});

describe('chipIndex', () => {
  test('monthsFrom counts YYMM months across a year end', () => {
    expect(chips.monthsFrom('2304', '2023-07')).toEqual(['2304', '2305', '2306', '2307']);
    expect(chips.monthsFrom('2511', '2026-02')).toEqual(['2511', '2512', '2601', '2602']);
  });

  test('every stored month says what getPapersByMonth says; months whose lists are missing are to be asked', async () => {
    const byMonth = await bulk.getPapersByMonth(['2506']); // fetches the 2025-06 and 2025-07 lists (and the current ones)
    const before = requests.length;
    const index = await chips.chipIndex();
    expect(requests).toHaveLength(before); // the current lists are fresh: the index asks HF nothing
    expect(decode(index, '2506')).toEqual(byMonth);
    expect(Object.keys(byMonth).length).toBeGreaterThan(50);
    // Every other stored month too (what getPapersByMonth would answer before fetching anything more).
    const now = Date.now();
    for (const month of Object.keys(index.months)) {
      const stored = Object.fromEntries((await db.getCountRowsOfMonths([month])).map((row) => [row.paper.id, bulk.compact(row, now)]));
      expect(decode(index, month)).toEqual(stored);
    }
    // 2506 needs 2025-06 and 2025-07 (both fetched); 2507 needs 2025-08 too (never fetched); 2410 nothing of it.
    expect(index.ask).not.toContain('2506');
    expect(index.ask).toContain('2507');
    expect(index.ask).toContain('2410');
    // The current month's ids are covered by the current lists, and no month before Daily Papers is asked.
    expect(index.ask).not.toContain('2608');
    expect(index.ask.every((m) => m >= '2304')).toBe(true);
  });

  test('a write to a month is in the next answer (the month is read again)', async () => {
    await bulk.getPapersByMonth(['2506']);
    const first = await chips.chipIndex();
    const [id, paper] = Object.entries(decode(first, '2506'))[0]!;
    const stored = (await db.getPaperRecord(id))!;
    await db.putPaper({ ...stored, upvotes: paper.upvotes + 1000, fetchedAt: Date.now() });
    expect(decode(await chips.chipIndex(), '2506')[id]?.upvotes).toBe(paper.upvotes + 1000);
  });
});
