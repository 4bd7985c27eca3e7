/**
 * "New since you looked": the listing keys, the id encoding, the visit rule and its bounds, on the real arXiv listing
 * fixtures (the 2,000-entry pastweek page as a rolling window; the `new` page and its next day, listing-days.ts), and
 * the store over a real (fake-indexeddb) database: one record per list, LRU-bounded, bytes measured.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { db } from '../../src/background/db';
import { listingSeen, listingVisit, listVisit, noteVisit } from '../../src/background/new-since/store';
import { decodeIds, encodeIds, MAX_IDS, MAX_LISTS, touch, visit, type VisitRecord } from '../../src/background/new-since/visits';
import { listingKey } from '../../src/shared/new-since';
import { NEXT_DAY_IDS, nextDayNewListing, NEW_FILE } from '../e2e/listing-days';
import { FIXTURES, fixtureIds } from '../e2e/listing-data';

const PASTWEEK = 'list-pastweek-cs.LG-show2000.html';
/** Ids per `dl#articles` (per day on pastweek), by regex over the raw file, independent of the code under test. */
function sectionIds(html: string): string[][] {
  return html.split("<dl id='articles'>").slice(1)
    .map((chunk) => [...chunk.matchAll(/<a href\s*=\s*"\/abs\/([^"]+)"\s+title="Abstract"/g)].map((m) => m[1]!.replace(/v\d+$/, '')));
}
const pastweekDays = sectionIds(readFileSync(path.join(FIXTURES, PASTWEEK), 'utf8'));
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('listingKey', () => {
  test.each([
    ['https://arxiv.org/list/cs.LG/new', 'list/cs.LG/new?skip=0&show=2000'],
    ['https://export.arxiv.org/list/cs.LG/new/', 'list/cs.LG/new?skip=0&show=2000'],
    ['https://www.arxiv.org/list/cs.LG/new?show=2000#item4', 'list/cs.LG/new?skip=0&show=2000'],
    ['https://arxiv.org/list/cs.LG/recent', 'list/cs.LG/pastweek?skip=0&show=50'],
    ['https://arxiv.org/list/cs.LG/pastweek?show=50', 'list/cs.LG/pastweek?skip=0&show=50'],
    ['https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000', 'list/cs.LG/pastweek?skip=0&show=2000'],
    ['https://arxiv.org/list/cs.LG/recent?skip=50&show=50', 'list/cs.LG/pastweek?skip=50&show=50'],
    ['https://arxiv.org/catchup/cs.LG/2026-06-30', 'catchup/cs.LG/2026-06-30?page=1'],
    ['https://arxiv.org/catchup/cs.LG/2026-06-30?abs=True&page=2', 'catchup/cs.LG/2026-06-30?page=2'],
    // huggingface.co's daily list (issue 15): the day page and its older query form are one list.
    ['https://huggingface.co/papers/date/2024-08-01', 'hf/papers/date/2024-08-01'],
    ['https://huggingface.co/papers/date/2024-08-01/', 'hf/papers/date/2024-08-01'],
    ['https://huggingface.co/papers?date=2024-08-01', 'hf/papers/date/2024-08-01'],
    ['https://huggingface.co/papers', 'hf/papers'],
  ])('%s → %s', (url, key) => expect(listingKey(url)).toBe(key));

  test.each([
    'https://arxiv.org/list/cs.AI/2024-03', // a month listing doesn't gain entries day by day
    'https://arxiv.org/a/lovelace_a_1',
    'https://arxiv.org/search/?query=keyword+spotting&searchtype=all',
    'https://arxiv.org/abs/2101.04792',
    'https://arxiv.org/catchup',
    'https://arxiv.org/list/cs.LG/new/extra',
    'https://example.org/list/cs.LG/new',
    'https://huggingface.co/papers/week/2024-W31', // weeks, months, trending, search and paper pages: no day to gain
    'https://huggingface.co/papers/month/2024-08',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers?q=agents',
    'https://huggingface.co/papers/2509.24002',
    'https://huggingface.co/papers?date=yesterday',
    'https://huggingface.co/nvidia/papers',
    'not a url',
  ])('%s keeps no track', (url) => expect(listingKey(url)).toBeUndefined());
});

describe('id encoding', () => {
  test('round-trips every id of the fixtures (old-style ones too), ~6 bytes an id on the 2,000-entry page', () => {
    for (const file of [PASTWEEK, NEW_FILE, 'list-month-cs.AI-2024-03.html', 'list-new-classic-pre2024.html']) {
      const ids = [...new Set(fixtureIds(file))];
      expect(decodeIds(encodeIds(ids))).toEqual([...ids].sort());
    }
    const ids = [...new Set(pastweekDays.flat())];
    const encoded = encodeIds(ids);
    console.info(`pastweek show=2000: ${ids.length} ids in ${encoded.length} B (plain JSON: ${bytes(ids)} B)`);
    expect(ids).toHaveLength(2000);
    expect(encoded.length / ids.length).toBeLessThan(6.5);
    expect(decodeIds('')).toEqual([]);
  });
});

describe('the visit rule', () => {
  test('pastweek as a rolling window: the day that arrived is new, the days seen before are not', () => {
    const [tuesday, ...older] = pastweekDays;
    const monday = visit(undefined, older.flat(), 1_000);
    expect(monday.view).toEqual({ first: true, fresh: [] });
    const next = visit(monday.record, pastweekDays.flat(), 2_000);
    const seen = new Set(older.flat());
    const arrived = [...new Set(tuesday!.filter((id) => !seen.has(id)))];
    expect(arrived.length).toBeGreaterThan(400);
    expect(next.view).toEqual({ first: false, fresh: arrived, since: 1_000 });
  });

  test("the next day's new listing: its new submissions and cross-lists are new, the replacements seen yesterday are not", () => {
    const day1 = visit(undefined, fixtureIds(NEW_FILE), 1_000);
    const day2Ids = sectionIds(nextDayNewListing()).flat();
    const day2 = visit(day1.record, day2Ids, 2_000);
    expect(day2.view.fresh).toEqual([...NEXT_DAY_IDS.values()]);
    expect(day2Ids.filter((id) => !day2.view.fresh.includes(id))).toEqual(['2506.01234', '2604.11111', 'cs/0112017']);
  });

  test('reopening an unchanged listing (reload, a second tab, the script running twice) keeps the marks and the first-visit state', () => {
    const ids = fixtureIds(NEW_FILE);
    const first = visit(undefined, ids, 1_000);
    const again = visit(first.record, ids, 1_500);
    expect(again.view).toEqual({ first: true, fresh: [] });
    const day2Ids = sectionIds(nextDayNewListing()).flat();
    const day2 = visit(again.record, day2Ids, 2_000);
    const reload = visit(day2.record, day2Ids, 2_500);
    const twice = visit(reload.record, day2Ids, 2_600);
    expect(reload.view).toEqual(day2.view);
    expect(twice.view).toEqual(day2.view);
    expect(day2.view.since).toBe(1_500);
    // An entry taken off the listing loses its mark; none is added.
    const shorter = visit(twice.record, day2Ids.filter((id) => id !== '2606.28101'), 3_000);
    expect(shorter.view.fresh).toEqual(day2.view.fresh.filter((id) => id !== '2606.28101'));
  });

  test(`at most ${MAX_IDS} ids per list, each once`, () => {
    const ids = pastweekDays.flat();
    const doubled = [...ids, ...ids.map((id) => id.replace('2606.', '2605.'))];
    const { record } = visit(undefined, doubled, 1);
    expect(decodeIds(record.ids)).toHaveLength(MAX_IDS);
    expect(new Set(decodeIds(record.ids))).toEqual(new Set(ids));
  });
});

describe('LRU bound', () => {
  test(`past ${MAX_LISTS} lists the least recently opened one goes`, () => {
    let index = {};
    const evicted: string[] = [];
    for (let i = 0; i < MAX_LISTS + 3; i++) {
      const next = touch(index, `list/${i}`, i === 1 ? 10_000 : i);
      index = next.index;
      evicted.push(...next.evicted);
    }
    // list/1 was opened last of all: it stays; the three oldest of the others go.
    expect(evicted).toEqual(['list/0', 'list/2', 'list/3']);
    expect(Object.keys(index)).toHaveLength(MAX_LISTS);
    expect(touch(index, 'list/1', 20_000).evicted).toEqual([]);
  });
});

describe('the store (meta, one transaction per visit)', () => {
  const rows = async () => {
    const database = await db();
    const keys = (await database.getAllKeys('meta')).map(String).filter((k) => k.startsWith('newSince:') && k !== 'newSince:index');
    return new Map(await Promise.all(keys.map(async (k) => [k, (await database.get('meta', k)) as VisitRecord] as const)));
  };

  test('a listing visit from its own page; another page, a month listing and junk ids are refused or dropped', async () => {
    const url = 'https://arxiv.org/list/cs.LG/new';
    expect(await listingVisit(url, fixtureIds(NEW_FILE), url)).toEqual({ first: true, fresh: [] });
    const day2 = sectionIds(nextDayNewListing()).flat();
    const view = await listingVisit(url, [...day2, '<img src=x>', 42, '2606.1'], 'https://export.arxiv.org/list/cs.LG/new?show=2000');
    expect(view?.fresh).toEqual([...NEXT_DAY_IDS.values()]);
    await expect(listingVisit(url, day2, 'https://arxiv.org/list/cs.AI/new')).rejects.toThrow(/own visits/);
    expect(await listingVisit('https://arxiv.org/list/cs.AI/2024-03', day2, 'https://arxiv.org/list/cs.AI/2024-03')).toBeUndefined();
    await expect(listingVisit(url, 'not a list', url)).rejects.toThrow();
    // What a page reads while it parses: the last visit's ids and those new then; only its own.
    const seen = await listingSeen(url, url);
    expect(seen?.fresh).toEqual([...NEXT_DAY_IDS.values()].sort());
    expect(new Set(seen?.ids)).toEqual(new Set(day2));
    expect(await listingSeen('https://arxiv.org/list/cs.CV/new', 'https://arxiv.org/list/cs.CV/new')).toBeUndefined();
    await expect(listingSeen(url, 'https://arxiv.org/list/cs.AI/new')).rejects.toThrow(/own visits/);
    // The popup's lists have their own records.
    expect(await listVisit('today', day2)).toEqual({ first: true, fresh: [] });
    await expect(listVisit('<today>' as 'today', day2)).rejects.toThrow();
  });

  test(`bounded: ${MAX_LISTS} records of 2,000-entry pages at most, the oldest deleted with its index entry; bytes measured`, async () => {
    const ids = pastweekDays.flat();
    const base = Date.now() + 1e9; // newer than every other test's visits
    for (let i = 0; i < MAX_LISTS + 5; i++) {
      const url = `https://arxiv.org/list/cs.LG/pastweek?skip=${i}&show=2000`;
      // Each page's second visit brings a new day, so its record holds 2,000 ids and 500 new ones.
      await noteVisit(listingKey(url)!, pastweekDays.slice(1).flat(), base + 2 * i);
      await noteVisit(listingKey(url)!, ids, base + 2 * i + 1);
    }
    const stored = await rows();
    expect(stored.size).toBe(MAX_LISTS);
    const index = (await (await db()).get('meta', 'newSince:index')) as Record<string, number>;
    expect(Object.keys(index).sort()).toEqual([...stored.keys()].map((k) => k.slice('newSince:'.length)).sort());
    for (let i = 0; i < 5; i++) expect(stored.has(`newSince:list/cs.LG/pastweek?skip=${i}&show=2000`)).toBe(false);
    const one = bytes(stored.values().next().value);
    const total = [...stored.values()].reduce((sum, r) => sum + bytes(r), 0) + bytes(index);
    console.info(`new-since: one 2,000-entry listing ${one} B; ${MAX_LISTS} of them ${total} B`);
    expect(one).toBeLessThan(16 * 1024);
    expect(total).toBeLessThan(800 * 1024);
  });
});
