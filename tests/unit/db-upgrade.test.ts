/**
 * Schema upgrades keep every record. The old database is built as the shipped release left it: `openPulseDb(1)` runs
 * only the shipped step 1, and the rows are what v1–v2's putLists/putPaper wrote (one row per paper, keyed by id).
 * Then the current code opens it at DB_VERSION, as an updated extension would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDBPDatabase } from 'idb';
import { describe, expect, test } from 'vitest';
import { parseDailyPapers } from '../../src/shared/hf-schema';

const daily = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8'));
const T = Date.UTC(2026, 7, 21, 9, 30);

describe('IndexedDB upgrade', () => {
  test('v1 data survives the upgrade to DB_VERSION: papers move into shards; lists, misses, meta stay; the reading list works', async () => {
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
    expect([...upgraded.objectStoreNames].sort()).toEqual(['digests', 'lists', 'meta', 'misses', 'paperShards', 'readingList']);
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
  });
});
