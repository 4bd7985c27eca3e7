/**
 * Schema upgrades keep every record. The old database is built as the shipped release left it: `openPulseDb(1)` runs
 * only the shipped step 1, and the rows are what v1–v2's putLists/putPaper wrote (one row per paper, keyed by id).
 * Then the current code opens it at DB_VERSION, as an updated extension would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { parseDailyPapers } from '../../src/shared/hf-schema';
import type { PaperRecord } from '../../src/shared/types';

const daily = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8'));
const T = Date.UTC(2026, 7, 21, 9, 30);

/** Each test: a fresh db module (its once-per-life connection) and no database yet. */
beforeEach(async () => {
  vi.resetModules();
  const { DB_NAME } = await import('../../src/background/db');
  await new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase(DB_NAME), { onsuccess: resolve, onerror: reject, onblocked: reject }));
});

describe('IndexedDB upgrade', () => {
  test('v1 data survives the upgrade to DB_VERSION: papers move into shards (counts and text); lists, misses, meta stay; the reading list works', async () => {
    const papers = parseDailyPapers(daily, T, '2026-08-21');
    const db = await import('../../src/background/db');
    const v1 = (await db.openPulseDb(1)) as unknown as IDBPDatabase;
    expect([...v1.objectStoreNames].sort()).toEqual(['lists', 'meta', 'misses', 'papers']);
    for (const paper of papers) await v1.put('papers', paper);
    await v1.put('papers', { ...papers[0]!, upvotes: papers[0]!.upvotes + 1, fetchedAt: T + 1 });
    await v1.put('lists', { key: 'today', label: '2026-08-21', ids: papers.map((p) => p.id), fetchedAt: T });
    await v1.put('misses', { id: '2101.04792', checkedAt: T });
    await v1.put('meta', 'HTTP 503', 'lastError:trending');
    v1.close();

    const upgraded = await db.openPulseDb();
    expect(upgraded.version).toBe(db.DB_VERSION);
    expect([...upgraded.objectStoreNames].sort()).toEqual(['digests', 'lists', 'meta', 'misses', 'paperShards', 'paperText', 'readingList']);
    upgraded.close();
    const stored = await db.getAllPapers();
    expect(stored.map((p) => p.id).sort()).toEqual(papers.map((p) => p.id).sort());
    expect(await db.getPaperRecord(papers[0]!.id)).toMatchObject({ upvotes: papers[0]!.upvotes + 1, fetchedAt: T + 1, title: papers[0]!.title });
    const database = await db.db();
    expect(await database.get('paperShards', db.shardKey(papers[0]!.id))).toMatchObject({ key: papers[0]!.id.slice(0, 7) });
    expect(await database.get('lists', 'today')).toEqual({ key: 'today', label: '2026-08-21', ids: papers.map((p) => p.id), fetchedAt: T });
    expect(await database.get('misses', '2101.04792')).toEqual({ id: '2101.04792', checkedAt: T });
    expect(await database.get('meta', 'lastError:trending')).toBe('HTTP 503');

    const { saveEntry, listEntries } = await import('../../src/background/reading-list/entries');
    await saveEntry(papers[1]!.id, undefined, T);
    expect(await listEntries()).toEqual([expect.objectContaining({ id: papers[1]!.id, title: papers[1]!.title.replace(/\s+/g, ' ').trim(), lastSeenUpvotes: papers[1]!.upvotes })]);
    (await db.db()).close();
  });

  test('v3 shards (whole records + history) split into counts and text at v4: every field and every history point kept', async () => {
    const papers = parseDailyPapers(daily, T, '2026-08-21');
    const db = await import('../../src/background/db');
    const v3 = (await db.openPulseDb(3)) as unknown as IDBPDatabase;
    expect([...v3.objectStoreNames].sort()).toEqual(['digests', 'lists', 'meta', 'misses', 'paperShards', 'readingList']);
    // As v3's putLists wrote them: one row per shard, whole records, the counts seen per paper beside them.
    const hour = Math.floor(T / 3_600_000);
    const shards = new Map<string, { key: string; papers: Record<string, PaperRecord>; history: Record<string, number[]> }>();
    for (const [i, paper] of papers.entries()) {
      const key = db.shardKey(paper.id);
      const shard = shards.get(key) ?? { key, papers: {}, history: {} };
      shard.papers[paper.id] = i === 0 ? { ...paper, numModels: 3, dailyRank: 1, detailFetchedAt: T } : paper;
      shard.history[paper.id] = [hour - 25, paper.upvotes - 7, hour, paper.upvotes];
      shards.set(key, shard);
    }
    for (const shard of shards.values()) await v3.put('paperShards', shard);
    v3.close();

    const upgraded = await db.openPulseDb();
    expect(upgraded.version).toBe(db.DB_VERSION);
    upgraded.close();
    const byId = new Map([...shards.values()].flatMap((s) => Object.values(s.papers)).map((p) => [p.id, p]));
    const stored = await db.getAllPapers();
    expect(stored.length).toBe(byId.size);
    for (const paper of stored) expect(paper).toEqual(byId.get(paper.id));
    const rows = await db.getPaperRows(papers.map((p) => p.id));
    for (const paper of papers) expect(rows.get(paper.id)?.history).toEqual([hour - 25, paper.upvotes - 7, hour, paper.upvotes]);
    // The shards keep counts only; the text went to `paperText`.
    const database = await db.db();
    const shard = await database.get('paperShards', db.shardKey(papers[0]!.id));
    expect(shard?.papers[papers[0]!.id]).toMatchObject({ upvotes: papers[0]!.upvotes, numModels: 3, dailyRank: 1 });
    expect(shard?.papers[papers[0]!.id]).not.toHaveProperty('summary');
    const text = await database.get('paperText', shard!.papers[papers[0]!.id]!.t);
    expect(text?.papers[papers[0]!.id]?.summary).toBe(papers[0]!.summary);
    // A refresh after the upgrade merges into the moved rows: the count moves, the text stays.
    await db.putLists([], [{ ...papers[0]!, upvotes: papers[0]!.upvotes + 5, fetchedAt: T + 3_600_000 }]);
    expect(await db.getPaperRecord(papers[0]!.id)).toEqual({ ...byId.get(papers[0]!.id), upvotes: papers[0]!.upvotes + 5, fetchedAt: T + 3_600_000 });
    database.close();
  });
});
