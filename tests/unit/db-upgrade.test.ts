/**
 * Schema upgrade v1 → current keeps every v1 record. The v1 database is built by the v1 code path itself (putLists /
 * putPaper in db.ts) with `idb`'s openDB pinned to version 1, so it is exactly what a v1 install left behind; then
 * a fresh module graph opens it at DB_VERSION, as an updated extension would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { parseDailyPapers } from '../../src/shared/hf-schema';

const daily = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8'));
const T = Date.UTC(2026, 7, 21, 9, 30);

let pinnedVersion: number | undefined;
vi.mock('idb', async (importOriginal) => {
  const real = await importOriginal<typeof import('idb')>();
  return { ...real, openDB: ((name: string, version?: number, options?: object) => real.openDB(name, pinnedVersion ?? version, options)) as typeof real.openDB };
});

describe('IndexedDB upgrade', () => {
  test('v1 data filled by the v1 code path survives the upgrade to DB_VERSION; the reading list works after it', async () => {
    const papers = parseDailyPapers(daily, T, '2026-08-21');
    pinnedVersion = 1;
    const v1 = await import('../../src/background/db');
    await v1.putLists([{ key: 'today', label: '2026-08-21', ids: papers.map((p) => p.id), fetchedAt: T }], papers);
    await v1.putPaper({ ...papers[0]!, upvotes: papers[0]!.upvotes + 1, fetchedAt: T + 1 });
    const old = await v1.db();
    expect(old.version).toBe(1);
    expect([...old.objectStoreNames].sort()).toEqual(['lists', 'meta', 'misses', 'papers']);
    await old.put('misses', { id: '2101.04792', checkedAt: T });
    await old.put('meta', 'HTTP 503', 'lastError:trending');
    old.close();

    pinnedVersion = undefined;
    vi.resetModules();
    const current = await import('../../src/background/db');
    const upgraded = await current.openPulseDb();
    expect(upgraded.version).toBe(current.DB_VERSION);
    expect(current.DB_VERSION).toBeGreaterThan(1);
    expect([...upgraded.objectStoreNames]).toEqual(expect.arrayContaining(['papers', 'misses', 'lists', 'meta', 'readingList', 'digests']));
    const stored = await upgraded.getAll('papers');
    expect(stored).toHaveLength(papers.length);
    expect(stored.find((p) => p.id === papers[0]!.id)).toMatchObject({ upvotes: papers[0]!.upvotes + 1, fetchedAt: T + 1, title: papers[0]!.title });
    expect(await upgraded.get('lists', 'today')).toEqual({ key: 'today', label: '2026-08-21', ids: papers.map((p) => p.id), fetchedAt: T });
    expect(await upgraded.get('misses', '2101.04792')).toEqual({ id: '2101.04792', checkedAt: T });
    expect(await upgraded.get('meta', 'lastError:trending')).toBe('HTTP 503');
    upgraded.close();

    const { saveEntry, listEntries } = await import('../../src/background/reading-list');
    await saveEntry(papers[1]!.id, undefined, T);
    expect(await listEntries()).toEqual([expect.objectContaining({ id: papers[1]!.id, title: papers[1]!.title.replace(/\s+/g, ' ').trim(), lastSeenUpvotes: papers[1]!.upvotes })]);
  });
});
