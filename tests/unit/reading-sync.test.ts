/**
 * Reading-list sync: the compact storage.sync form within Chrome's quotas (102,400 bytes, 8,192 per item), and the
 * per-entry last-writer-wins merge, on entries built from the real HF corpus. Prints the bytes used for 500 entries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '../../src/background/db';
import { TOMBSTONES_KEY, type Tombstones } from '../../src/background/reading-list/entries';
import { pullAndMerge, pushNow } from '../../src/background/reading-list/sync';
import { decodeFromSync, encodeForSync, itemBytes, MAX_SYNCED_NOTE, mergeRemote, QUOTA_BYTES, QUOTA_BYTES_PER_ITEM, SYNC_BUDGET, type RemoteRecord } from '../../src/background/reading-list/sync-codec';
import type { ReadingListEntry } from '../../src/shared/types';
import { fakeBrowser } from './fake-browser';

interface CorpusRecord { id: string; title: string; summary: string; upvotes: number; authors: string[]; ai_keywords?: string[] }
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];

const T = Date.UTC(2026, 7, 21, 9, 30);
const statuses = ['to-read', 'reading', 'read'] as const;
/** A realistic entry: tags from HF's AI keywords, a note on every fourth. */
function entryOf(r: CorpusRecord, i: number): ReadingListEntry {
  return { id: r.id, title: r.title, authors: r.authors, abstract: r.summary, addedAt: T - i * 60_000, updatedAt: T - i * 30_000, status: statuses[i % 3]!,
    tags: (r.ai_keywords ?? []).slice(0, 2), note: i % 4 === 0 ? `Compare with ${corpus[i + 1]!.title.slice(0, 60)}` : '', upvotesAtSave: r.upvotes };
}
const entries = (n: number, from = 0) => corpus.slice(from, from + n).map((r, i) => entryOf(r, i + from));
const expectWithinQuota = (items: Record<string, unknown>) => {
  for (const [key, value] of Object.entries(items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
  expect(Object.entries(items).reduce((s, [k, v]) => s + itemBytes(k, v), 0)).toBeLessThanOrEqual(QUOTA_BYTES);
};
const remoteOf = (e: ReadingListEntry, note = true): Extract<RemoteRecord, { deleted: false }> => ({ id: e.id, deleted: false as const, status: e.status, updatedAt: e.updatedAt, addedAt: e.addedAt, tags: e.tags, ...(note ? { note: e.note } : {}) });

describe('encode / decode', () => {
  test('500 real entries fit the quotas, items ≤ 8 KB, and decode back to what was synced', () => {
    const list = entries(500);
    const encoded = encodeForSync(list, {}, T);
    const bare = encodeForSync(list.map((e) => ({ ...e, tags: [], note: '' })), {}, T);
    console.log(`sync bytes for 500 entries: ${encoded.bytes} with tags + notes on 1 in 4 (${Object.keys(encoded.items).length} items), ${bare.bytes} bare (${Object.keys(bare.items).length} items); quota ${QUOTA_BYTES}`);
    expectWithinQuota(encoded.items);
    expect(encoded).toMatchObject({ entries: 500, notesLocal: 0, notSynced: [] });
    const decoded = decodeFromSync(encoded.items).sort((a, b) => a.id.localeCompare(b.id));
    expect(decoded).toEqual(list.map((e) => remoteOf(e, e.note !== '')).sort((a, b) => a.id.localeCompare(b.id)));
  });

  test('more than fits: the most recently changed entries sync, the rest stay local, quotas hold', () => {
    const list = entries(4000);
    const encoded = encodeForSync(list, {}, T);
    expectWithinQuota(encoded.items);
    expect(encoded.bytes).toBeLessThanOrEqual(SYNC_BUDGET);
    expect(encoded.notSynced.length).toBe(4000 - encoded.entries);
    expect(encoded.entries).toBeGreaterThan(1000);
    const synced = new Set(decodeFromSync(encoded.items).map((r) => r.id));
    // entryOf makes later corpus entries older: everything synced is newer than everything left out.
    const newestLeftOut = Math.max(...encoded.notSynced.map((id) => list.find((e) => e.id === id)!.updatedAt));
    expect(list.filter((e) => synced.has(e.id)).every((e) => e.updatedAt > newestLeftOut)).toBe(true);
  });

  test("another device's tags and note are cleaned like a save on this one (control characters, blanks, duplicates)", () => {
    const [a] = entries(1);
    const encoded = encodeForSync([{ ...a!, tags: ['rl'], note: 'n' }], {}, T);
    const key = Object.keys(encoded.items)[0]!;
    const records = (encoded.items[key] as unknown[][]).map((r) => [...r.slice(0, 4), [' rl\u0007 ', 'rl', ''], 'p. 3\u0000\nnext']);
    expect(decodeFromSync({ [key]: records })).toEqual([expect.objectContaining({ id: a!.id, tags: ['rl'], note: 'p. 3\nnext' })]);
  });

  test('a note longer than the limit stays on this device', () => {
    const [a, b] = entries(2);
    const long = { ...a!, note: 'x'.repeat(MAX_SYNCED_NOTE + 1) };
    const encoded = encodeForSync([long, b!], {}, T);
    expect(encoded.notesLocal).toBe(1);
    expect(decodeFromSync(encoded.items).find((r) => r.id === a!.id)).not.toHaveProperty('note');
  });

  test('tombstones travel, expire after 90 days; garbage in the sync area is ignored', () => {
    const encoded = encodeForSync([], { '2606.27001': T - 1000, '2606.27002': T - 91 * 24 * 3600_000 }, T);
    expect(decodeFromSync(encoded.items)).toEqual([{ id: '2606.27001', deleted: true, updatedAt: T - 1000 }]);
    expect(decodeFromSync({ 'rl.0': [['2606.27001v2', 0, 'x', 'y', []], ['../x', 3, '1'], 'junk', [null], ['2606.27003', 9, 'a', 'b', []], ['2606.27004', 0, 'zzzzzzzzzzzzzz', 'b', []]], 'rl.1': 'junk', other: [['2606.27005', 3, '1']] })).toEqual([]);
  });
});

describe('merge: per-entry last writer wins', () => {
  const [mine, other] = entries(2);
  const local = new Map([[mine!.id, mine!]]);

  test('newer remote status/tags/note win; addedAt keeps the earliest', () => {
    const remote = { ...remoteOf(mine!), status: 'read' as const, tags: ['x'], note: 'remote', updatedAt: mine!.updatedAt + 1, addedAt: mine!.addedAt + 5 };
    expect(mergeRemote(local, {}, [remote]).put).toEqual([{ ...mine!, status: 'read', tags: ['x'], note: 'remote', updatedAt: mine!.updatedAt + 1 }]);
  });
  test('an older remote change loses', () => {
    expect(mergeRemote(local, {}, [{ ...remoteOf(mine!), status: 'read', updatedAt: mine!.updatedAt - 1 }])).toEqual({ put: [], remove: [], tombstones: {}, refill: [] });
  });
  test('a remote record without its note keeps the local note', () => {
    expect(mergeRemote(local, {}, [{ ...remoteOf(mine!, false), status: 'read', updatedAt: mine!.updatedAt + 1 }]).put[0]!.note).toBe(mine!.note);
  });
  test('a newer tombstone deletes; an older one (re-saved since) does not', () => {
    expect(mergeRemote(local, {}, [{ id: mine!.id, deleted: true, updatedAt: mine!.updatedAt + 1 }])).toMatchObject({ remove: [mine!.id], tombstones: { [mine!.id]: mine!.updatedAt + 1 } });
    expect(mergeRemote(local, {}, [{ id: mine!.id, deleted: true, updatedAt: mine!.updatedAt - 1 }])).toMatchObject({ remove: [], tombstones: {} });
  });
  test('a new remote id becomes a stub to refill; one deleted here later is not revived', () => {
    expect(mergeRemote(local, {}, [remoteOf(other!)])).toMatchObject({ put: [{ id: other!.id, title: '', status: other!.status, tags: other!.tags }], refill: [other!.id] });
    expect(mergeRemote(local, { [other!.id]: other!.updatedAt + 1 }, [remoteOf(other!)])).toMatchObject({ put: [], refill: [] });
  });
  test('absence never deletes', () => {
    expect(mergeRemote(local, {}, [])).toEqual({ put: [], remove: [], tombstones: {}, refill: [] });
  });
});

describe('two devices through storage.sync', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    const database = await db();
    await Promise.all([database.clear('readingList'), database.delete('meta', TOMBSTONES_KEY)]);
  });
  const putAll = async (list: ReadingListEntry[], tombstones: Tombstones = {}) => {
    const database = await db();
    const tx = database.transaction(['readingList', 'meta'], 'readwrite');
    await Promise.all([tx.objectStore('readingList').clear(), ...list.map((e) => tx.objectStore('readingList').put(e)), tx.objectStore('meta').put(tombstones, TOMBSTONES_KEY), tx.done]);
  };

  test('A pushes, B merges: newer wins on each side, deletions travel, B keeps its long note', async () => {
    const [e1, e2, e3, e4] = entries(4);
    // Device A: e1 read (newer), e2 deleted, e3 unchanged.
    await putAll([{ ...e1!, status: 'read', updatedAt: T + 100 }, e3!], { [e2!.id]: T + 100 });
    const pushed = await pushNow(T + 200);
    expectWithinQuota(await fakeBrowser.storage.sync.get(null));
    expect(pushed.entries).toBe(2);
    // Device B: had e1 (older), e2, e3 with a newer tag, e4 only here, and a long local note on e3.
    await putAll([e1!, e2!, { ...e3!, tags: ['mine'], note: 'y'.repeat(2000), updatedAt: T + 300 }, e4!]);
    const merged = await pullAndMerge();
    expect(merged.changed.sort()).toEqual([e1!.id, e2!.id].sort());
    const rows = new Map((await (await db()).getAll('readingList')).map((e) => [e.id, e]));
    expect(rows.get(e1!.id)).toMatchObject({ status: 'read', updatedAt: T + 100, title: e1!.title });
    expect(rows.has(e2!.id)).toBe(false);
    expect(rows.get(e3!.id)).toMatchObject({ tags: ['mine'], note: 'y'.repeat(2000) });
    expect(rows.has(e4!.id)).toBe(true);
    // B pushes back; A (fresh, empty) merges and gets stubs for everything B has.
    await pushNow(T + 400);
    await putAll([]);
    const back = await pullAndMerge();
    expect(back.refill.sort()).toEqual([e1!.id, e3!.id, e4!.id].sort());
    const e3Remote = (await (await db()).get('readingList', e3!.id))!;
    expect(e3Remote).toMatchObject({ tags: ['mine'], note: '', title: '' }); // the long note stayed on B
  });

  test('a second push with nothing changed writes nothing', async () => {
    await putAll(entries(50));
    await pushNow(T);
    const writes: unknown[] = [];
    const listener = (changes: unknown, area: string) => area === 'sync' && writes.push(changes);
    fakeBrowser.storage.onChanged.addListener(listener);
    await pushNow(T + 1);
    fakeBrowser.storage.onChanged.removeListener(listener);
    expect(writes).toEqual([]);
  });
});
