/**
 * The reading list in a real (fake-indexeddb) database: saving, concurrent saves, removal with tombstone and undo,
 * and import — round trips of our own exports, the added/updated/skipped report, and hostile files that must
 * change nothing. Entries come from the real HF corpus and the real arXiv abs fixtures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '../../src/background/db';
import { ImportError, parseImport } from '../../src/background/reading-list/import';
import { describeReport, importEntries, listEntries, removeEntry, restoreEntry, saveEntry, TOMBSTONES_KEY, updateEntry } from '../../src/background/reading-list/entries';
import { metaFromHtml } from '../../src/shared/arxiv-meta';
import { toBibtex, toJson } from '../../src/shared/export';
import type { ReadingListEntry } from '../../src/shared/types';

interface CorpusRecord { id: string; title: string; summary: string; upvotes: number; authors: string[]; ai_keywords?: string[] }
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];
const byId = new Map(corpus.map((r) => [r.id, r]));
const abs = (name: string) => readFileSync(path.resolve(`../shared/fixtures/arxiv/reconstructed/${name}`), 'utf8');

const T = Date.UTC(2026, 7, 21, 9, 30);
const statuses = ['to-read', 'reading', 'read'] as const;
function entryOf(r: CorpusRecord, i: number): ReadingListEntry {
  return { id: r.id, title: r.title.replace(/\s+/g, ' ').trim(), authors: r.authors, abstract: r.summary.replace(/\s+/g, ' ').trim(), addedAt: T + i * 1000, updatedAt: T + i * 2000,
    status: statuses[i % 3]!, tags: (r.ai_keywords ?? []).slice(0, 2), note: i % 4 === 0 ? `Note ${i}: compare with ${corpus[i + 1]!.id}, "carefully"` : '', upvotesAtSave: r.upvotes };
}
const hep = metaFromHtml(abs('abs-hep-th-9901001-2025-header.html'));
const oldStyle: ReadingListEntry = { id: 'hep-th/9901001', title: hep.title!, authors: hep.authors!, abstract: hep.abstract!, primaryClass: 'hep-th', addedAt: T, updatedAt: T, status: 'read', tags: ['strings'], note: '' };
const sample: ReadingListEntry[] = [...['2406.02543', '2406.10803', '2508.15881', '2502.12115', '2405.18386'].map((id, i) => entryOf(byId.get(id)!, i)), oldStyle];

async function clear(): Promise<void> {
  const database = await db();
  await Promise.all([database.clear('readingList'), database.delete('meta', TOMBSTONES_KEY)]);
}
const all = async () => (await listEntries()).sort((a, b) => a.id.localeCompare(b.id));
const sorted = (entries: ReadingListEntry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

beforeEach(clear);

describe('save / remove / restore', () => {
  test('saving from a page keeps its meta tags; saving again is idempotent', async () => {
    const meta = metaFromHtml(abs('abs-2101.04792v2.html'));
    const { entry, created } = await saveEntry('arXiv:2101.04792v2', meta, T);
    expect(created).toBe(true);
    expect(entry).toMatchObject({ id: '2101.04792', title: meta.title, authors: ['Vygon, Roman', 'Mikhaylovskiy, Nikolay'], primaryClass: 'eess.AS', status: 'to-read', addedAt: T });
    const again = await saveEntry('2101.04792', undefined, T + 5000);
    expect(again).toEqual({ entry, created: false });
  });

  test('page metadata is capped and stripped of control characters', async () => {
    const { entry } = await saveEntry('2606.27001', { title: `A\u0000 ${'x'.repeat(5000)}`, authors: ['  Ada   Lovelace ', 42 as unknown as string], primaryClass: '<script>' }, T);
    expect(entry.title.length).toBe(1000);
    expect(entry.title.startsWith('A x')).toBe(true);
    expect(entry.authors).toEqual(['Ada Lovelace']);
    expect(entry.primaryClass).toBeUndefined();
  });

  test('two saves at once both persist', async () => {
    await Promise.all([saveEntry('2606.27001', undefined, T), saveEntry('2606.27002', undefined, T), saveEntry('2606.27003', undefined, T)]);
    expect((await all()).map((e) => e.id)).toEqual(['2606.27001', '2606.27002', '2606.27003']);
  });

  test('remove leaves a tombstone; restore brings the entry back newer than it', async () => {
    const { entry } = await saveEntry('2606.27001', { title: 'T' }, T);
    const removed = await removeEntry('2606.27001', T + 10);
    expect(removed).toEqual(entry);
    expect(await all()).toEqual([]);
    expect(await (await db()).get('meta', TOMBSTONES_KEY)).toEqual({ '2606.27001': T + 10 });
    const restored = await restoreEntry(removed!, T + 20);
    expect(restored).toEqual({ ...entry, updatedAt: T + 20 });
    expect(await (await db()).get('meta', TOMBSTONES_KEY)).toEqual({});
  });

  test('restore checks the entry it is given (it comes back from a page): junk is refused, the store unchanged', async () => {
    const { entry } = await saveEntry('2606.27001', { title: 'T' }, T);
    await removeEntry(entry.id, T + 10);
    for (const junk of [{ ...entry, status: 'done' }, { ...entry, id: '2606.27001v2' }, { ...entry, title: 42 }, { ...entry, tags: 'a' }, null, 'x']) {
      await expect(restoreEntry(junk, T + 20)).rejects.toThrow(ImportError);
    }
    expect(await all()).toEqual([]);
    expect(await (await db()).get('meta', TOMBSTONES_KEY)).toEqual({ '2606.27001': T + 10 });
    // An entry an older release stored with a control character in its HF title comes back, cleaned.
    const restored = await restoreEntry({ ...entry, title: 'Bell\u0007 title' }, T + 30);
    expect(restored.title).toBe('Bell title');
  });

  test('update changes status, tags and note, and bumps updatedAt', async () => {
    await saveEntry('2606.27001', undefined, T);
    const next = await updateEntry('2606.27001', { status: 'reading', tags: [' rl ', 'rl', 'agents'], note: 'p. 3' }, T + 1);
    expect(next).toMatchObject({ status: 'reading', tags: ['rl', 'agents'], note: 'p. 3', updatedAt: T + 1 });
    await expect(updateEntry('2606.27001', { status: 'done' as never })).rejects.toThrow(/unknown status/);
    await expect(updateEntry('2606.29999', { note: 'x' })).rejects.toThrow(/not in the reading list/);
  });
});

describe('import', () => {
  test('JSON round trip: export → import into an empty store gives an identical list', async () => {
    const { report } = await importEntries(parseImport(toJson(sample, T)), T + 1);
    expect(report).toEqual({ added: sample.length, updated: 0, skipped: 0, reasons: [] });
    expect(await all()).toEqual(sorted(sample));
  });

  test('re-import reports unchanged entries as skipped; a changed entry as updated', async () => {
    await importEntries(parseImport(toJson(sample, T)), T + 1);
    const again = await importEntries(parseImport(toJson(sample, T)), T + 2);
    expect(describeReport(again.report)).toBe(`Added 0, updated 0, skipped ${sample.length} (${sample.length} already in the list, unchanged)`);
    const changed = sample.map((e, i) => (i === 0 ? { ...e, status: 'read' as const, note: 'done' } : e));
    const third = await importEntries(parseImport(toJson([...changed, entryOf(corpus[100]!, 100)], T)), T + 3);
    expect(describeReport(third.report)).toBe(`Added 1, updated 1, skipped ${sample.length - 1} (${sample.length - 1} already in the list, unchanged)`);
    expect((await all()).find((e) => e.id === sample[0]!.id)).toMatchObject({ status: 'read', note: 'done', updatedAt: T + 3 });
  });

  test('BibTeX round trip keeps ids, authors (diacritics back to Unicode), titles as TeX, tags; non-arXiv entries are skipped', async () => {
    const bib = `${toBibtex(sample)}\n@article{knuth1984literate,\n  title = {Literate Programming},\n  author = {Knuth, Donald E.},\n  journal = {The Computer Journal},\n  year = {1984},\n}\n`;
    const { report } = await importEntries(parseImport(bib, T), T);
    expect(describeReport(report)).toBe(`Added ${sample.length}, updated 0, skipped 1 (knuth1984literate: no arXiv eprint)`);
    const got = await all();
    expect(got.map((e) => [e.id, e.authors, e.tags, e.primaryClass])).toEqual(sorted(sample).map((e) => [e.id, e.authors, e.tags, e.id.includes('/') ? 'hep-th' : undefined]));
    expect(got.find((e) => e.id === '2406.10803')!.title).toBe(byId.get('2406.10803')!.title.replace(/\s+/g, ' ').replace(' & ', ' \\& '));
    expect(got.find((e) => e.id === '2508.15881')!.title).toBe(sample[2]!.title); // already TeX: unchanged
  });

  test('BibTeX over existing entries fills gaps and adds keywords, never resets status or note', async () => {
    const bare = { ...sample[0]!, title: '', authors: [], status: 'read' as const, note: 'mine', tags: ['kept'] };
    await importEntries(parseImport(toJson([bare, sample[1]!], T)), T);
    const { report } = await importEntries(parseImport(toBibtex([{ ...sample[0]!, tags: ['from-bib'] }, sample[1]!]), T + 1), T + 1);
    expect(report).toMatchObject({ added: 0, updated: 1, skipped: 1 });
    expect((await all()).find((e) => e.id === bare.id)).toMatchObject({ title: sample[0]!.title, authors: sample[0]!.authors, status: 'read', note: 'mine', tags: ['kept', 'from-bib'], updatedAt: T + 1 });
  });

  test('BibTeX from elsewhere: eprint forms, arXiv DOI and URL', () => {
    const parsed = parseImport(`% from a reference manager
@misc{a, title={Attention Is All You Need}, author={Vaswani, Ashish and Shazeer, Noam}, eprint={1706.03762v7}, archivePrefix={arXiv}, primaryClass={cs.CL}}
@article{b, title="String Junctions", author="Imamura, Y.", doi = {10.48550/arXiv.hep-th/9901001}}
@online{c, title = {Learning Efficient Representations}, url = {https://arxiv.org/abs/2101.04792v2}}
@book{d, title = {No arXiv here}}`, T);
    expect(parsed.entries.map((e) => [e.id, e.authors, e.primaryClass])).toEqual([
      ['1706.03762', ['Vaswani, Ashish', 'Shazeer, Noam'], 'cs.CL'], ['hep-th/9901001', ['Imamura, Y.'], undefined], ['2101.04792', [], undefined]]);
    expect(parsed.skipped).toEqual(['d: no arXiv eprint']);
  });

  test('whatever the list holds survives our own export → import, markup-like text included (kept as text)', async () => {
    const markup = ['<img src=x onerror="alert(1)">', 'javascript:alert(1)', '</style><script>alert(1)</script>', '<b>bold</b> & "quotes"'];
    const paper = { ...byId.get('2406.02543')!, title: `${markup[0]} a title\u0007 with a bell`, authors: [`${'y'.repeat(400)}`], fetchedAt: T };
    await (await import('../../src/background/db')).putPaper({ ...paper, summary: `${markup[2]}\u0000 abstract`, upvotes: 3 });
    await saveEntry(paper.id, undefined, T);
    await updateEntry(paper.id, { note: `image tokens ${markup.join(' ')}\nsecond line`, tags: [markup[0]!, markup[1]!] }, T + 1);
    const saved = await all();
    const { report } = await importEntries(parseImport(toJson(saved, T + 2)), T + 3);
    expect(report).toMatchObject({ added: 0, updated: 0, skipped: 1 });
    await clear();
    await importEntries(parseImport(toJson(saved, T + 2)), T + 3);
    expect(await all()).toEqual(saved);
    expect(saved[0]!.note).toContain(markup[0]);
    expect(saved[0]!.title).toBe(`${markup[0]} a title with a bell`);
    expect(saved[0]!.authors[0]!.length).toBe(300);
  });

  test('control characters in a file (older releases could store them from HF text) are dropped, as at save', async () => {
    const f = JSON.parse(toJson(sample.slice(0, 1), T)) as { entries: Record<string, unknown>[] };
    f.entries[0]!.title = 'A\u0007 title';
    f.entries[0]!.note = 'bell\u0000\nline';
    f.entries[0]!.tags = ['x\u001b'];
    await importEntries(parseImport(JSON.stringify(f)), T);
    expect((await all())[0]).toMatchObject({ title: 'A title', note: 'bell\nline', tags: ['x'] });
  });

  const valid = () => JSON.parse(toJson(sample, T)) as { entries: Record<string, unknown>[] };
  const hostile: [string, () => string, RegExp][] = [
    ['wrong types', () => { const f = valid(); f.entries[1]!.status = 5; f.entries[2]!.authors = 'Ada'; return JSON.stringify(f); }, /entry 2 \(status\).*entry 3 \(authors\)/],
    ['a 10 MB file', () => toJson(sample, T).padEnd(10 * 1024 * 1024, ' '), /10\.0 MB; the limit is 5 MB/],
    ['duplicate ids', () => { const f = valid(); f.entries.push({ ...f.entries[0]! }); return JSON.stringify(f); }, /same paper twice \(2406\.02543\)/],
    ['an id with a version / not an id', () => { const f = valid(); f.entries[0]!.id = '2406.02543v2'; f.entries[1]!.id = '../../etc'; return JSON.stringify(f); }, /canonical arXiv id/],
    ['malformed JSON', () => toJson(sample, T).slice(0, 500), /JSON is malformed/],
    ['another format', () => JSON.stringify({ format: 'zotero', version: 1, entries: [] }), /not a Paper Pulse reading list/],
    ['a future version', () => JSON.stringify({ ...valid(), version: 2 }), /unsupported version/],
    ['__proto__ keys', () => toJson(sample, T).replace('"id": "2406.02543"', '"__proto__": {"polluted": true}, "id": "2406.02543"').replace('"format"', '"__proto__": {"x": 1}, "format"'), /./],
    ['BibTeX with an unclosed brace', () => toBibtex(sample).slice(0, -40), /BibTeX is malformed near line \d+/],
    ['not a reading list at all', () => 'hello', /expected Paper Pulse JSON or BibTeX/],
  ];
  test.each(hostile)('%s: clear error, store unchanged', async (_name, file, message) => {
    await importEntries(parseImport(toJson(sample.slice(0, 2), T)), T);
    const before = await all();
    let error: unknown;
    try {
      await importEntries(parseImport(file(), T), T + 1);
    } catch (e) {
      error = e;
    }
    if (_name === '__proto__ keys') {
      // Unknown keys are dropped, never merged into objects: nothing polluted, and a valid file otherwise.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await all()).every((e) => !Object.hasOwn(e, '__proto__'))).toBe(true);
      return;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/Nothing was imported/);
    expect(await all()).toEqual(before);
  });
});
