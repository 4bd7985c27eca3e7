/**
 * The shared text index (src/shared/text-index.ts) on the real corpus (corpus.json.gz, 9,877 HF Daily Papers): the
 * popup's search (a paper found by a word of its abstract, title/author hits first, the word being typed as a prefix,
 * every word required), the related view ranking like shared/related.ts's own index, and incremental merging giving
 * what a full build gives. Timings live in `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { buildIndex, rankRelated, stem, STOP, words } from '../../src/shared/related';
import { appendDocs, buildTextIndex, reconcileIndex, relatedView, searchText, type IndexDoc } from '../../src/shared/text-index';

interface CorpusRecord { id: string; title: string; summary: string; upvotes: number; authors: string[]; dailyDate: string }
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];
const doc = (r: CorpusRecord): IndexDoc => ({ id: r.id, title: r.title, authors: r.authors, summary: r.summary, upvotes: r.upvotes, date: r.dailyDate });
const docs = corpus.map(doc);
const byId = new Map(corpus.map((r) => [r.id, r]));
const index = buildTextIndex(docs);
const stemMemo = new Map<string, Set<string>>();
const stems = (text: string) => {
  let set = stemMemo.get(text);
  if (!set) stemMemo.set(text, (set = new Set(words(text).map(stem))));
  return set;
};
const inTitleOrAuthors = (r: CorpusRecord, term: string) => stems(r.title).has(term) || stems(r.authors.join(' ')).has(term);

/** How many papers contain each stemmed abstract word (to pick words rare enough to name one paper). */
const df = new Map<string, number>();
for (const r of corpus) for (const t of stems(`${r.title} ${r.summary} ${r.authors.join(' ')}`)) df.set(t, (df.get(t) ?? 0) + 1);

describe('search', () => {
  test('a paper is found by a word of its abstract alone (one not in its title or authors)', () => {
    let checked = 0;
    for (const r of corpus.filter((_, i) => i % 97 === 0)) {
      const word = words(r.summary).find((w) => w.length > 6 && !STOP.has(w) && df.get(stem(w)) === 1 && !inTitleOrAuthors(r, stem(w)));
      if (!word) continue;
      const found = searchText(index, `${word} `);
      expect(found.hits.map((h) => h.id), word).toEqual([r.id]);
      expect(found.total).toBe(1);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  test('papers with the word in their title or authors rank above papers with it only in the abstract', () => {
    for (const word of ['mamba', 'tokenizer', 'quantization', 'agent', 'reasoning']) {
      const found = searchText(index, `${word} `, 10_000);
      expect(found.hits.length, word).toBe(found.total);
      const titled = found.hits.map((h) => inTitleOrAuthors(byId.get(h.id)!, stem(word)));
      expect(titled.some(Boolean) && titled.some((x) => !x), `${word} has both kinds of hits`).toBe(true);
      // Once an abstract-only hit appears, no title/author hit follows.
      expect(titled.indexOf(false) === -1 || !titled.slice(titled.indexOf(false)).includes(true), word).toBe(true);
      // And each hit really has the word somewhere.
      for (const h of found.hits) expect(stems(`${byId.get(h.id)!.title} ${byId.get(h.id)!.summary} ${byId.get(h.id)!.authors.join(' ')}`).has(stem(word))).toBe(true);
    }
  });

  test('an author is found by name, their papers first', () => {
    const author = corpus.find((r) => r.authors.length > 2 && /^[A-Z][a-z]+ [A-Z][a-z]{5,}$/.test(r.authors[1]!))!.authors[1]!;
    const surname = author.split(' ')[1]!.toLowerCase();
    const found = searchText(index, author);
    const theirs = corpus.filter((r) => r.authors.includes(author)).map((r) => r.id);
    expect(found.hits.slice(0, theirs.length).map((h) => h.id).sort()).toEqual(expect.arrayContaining(theirs.sort()));
    expect(found.hits.every((h) => stems(byId.get(h.id)!.authors.join(' ')).has(stem(surname)) || stems(byId.get(h.id)!.title).has(stem(surname))
      || stems(byId.get(h.id)!.summary).has(stem(surname)))).toBe(true);
  });

  test('as you type: each prefix of a title word keeps the paper; a longer prefix narrows the matches', () => {
    const target = corpus.find((r) => r.title.startsWith('MeshAnything'))!;
    let previous = Infinity;
    for (let i = 2; i <= 'meshanything'.length; i++) {
      const prefix = 'meshanything'.slice(0, i);
      const found = searchText(index, prefix, 10_000);
      expect(found.hits.map((h) => h.id), prefix).toContain(target.id);
      expect(found.total, prefix).toBeLessThanOrEqual(previous);
      previous = found.total;
      // Title hits come first, so the paper is near the top once the prefix is specific.
      if (i >= 6) expect(found.hits.slice(0, 5).map((h) => h.id), prefix).toContain(target.id);
    }
    // A finished word (space typed) matches that word only, not longer ones: "mesh " doesn't find "meshanything".
    const whole = searchText(index, 'mesh ', 10_000).hits.map((h) => h.id);
    const asPrefix = searchText(index, 'mesh', 10_000).hits.map((h) => h.id);
    expect(asPrefix).toContain(target.id);
    expect(stems(target.summary).has('mesh') || stems(target.title).has('mesh') || !whole.includes(target.id)).toBe(true);
    expect(asPrefix.length).toBeGreaterThan(whole.length);
  });

  test('every word is required; the last word, still being typed, as a prefix', () => {
    const found = searchText(index, 'video diffusion distil', 500);
    expect(found.total).toBeGreaterThan(0);
    for (const h of found.hits) {
      const all = `${byId.get(h.id)!.title} ${byId.get(h.id)!.summary} ${byId.get(h.id)!.authors.join(' ')}`;
      const s = stems(all);
      expect(s.has('video') && s.has('diffusion') && [...s].some((t) => t.startsWith('distil')), h.id).toBe(true);
    }
    expect(searchText(index, 'video diffusion distil').total).toBeLessThan(searchText(index, 'video diffusion').total);
  });

  test('nothing searchable is "blank", not "no results"; an unknown word is no results', () => {
    for (const q of ['', '  ', 'a', 'the ', 'of the ']) expect(searchText(index, q), JSON.stringify(q)).toMatchObject({ blank: true, total: 0 });
    expect(searchText(index, 'qwxzvbnmplk ')).toMatchObject({ blank: false, total: 0, hits: [] });
  });
});

const slice = corpus.slice(0, 3000);
const sliceIndex = buildTextIndex(slice.map(doc));

describe('related view of the shared index', () => {
  test("ranks like shared/related.ts's own index (byte-quantised weights reorder nothing that matters)", () => {
    // A 3,000-paper slice keeps the suite light (the full corpus gives the same agreement).
    const reference = buildIndex(slice.map((r) => ({ ...r, date: r.dailyDate })));
    const view = relatedView(sliceIndex);
    let sameTop = 0;
    let overlap = 0;
    const queries = slice.filter((_, i) => i % 20 === 0);
    for (const q of queries) {
      const a = rankRelated(reference, q, { exclude: [q.id], now: 0 }).map((h) => h.id);
      const b = rankRelated(view, q, { exclude: [q.id], now: 0 }).map((h) => h.id);
      if (a[0] === b[0]) sameTop++;
      overlap += b.filter((id) => a.includes(id)).length / a.length;
    }
    expect(sameTop / queries.length).toBeGreaterThan(0.95);
    expect(overlap / queries.length).toBeGreaterThan(0.9);
    expect(view.size).toBe(reference.size);
  }, 60_000);
});

describe('incremental upkeep', () => {
  const added = docs.slice(2500, 3000);
  const merged = appendDocs(buildTextIndex(docs.slice(0, 2500)), added);

  test('merging new papers finds what a full build finds', () => {
    expect(merged.size).toBe(slice.length);
    expect(merged.terms).toEqual(sliceIndex.terms);
    expect([...merged.contentDf]).toEqual([...sliceIndex.contentDf]);
    for (const q of ['diffusion ', 'mesh', 'video generation', 'zhang ', 'speculative decod']) {
      const a = searchText(sliceIndex, q, 10_000);
      const b = searchText(merged, q, 10_000);
      expect(b.total, q).toBe(a.total);
      expect(new Set(b.hits.map((h) => h.id)), q).toEqual(new Set(a.hits.map((h) => h.id)));
    }
    // A paper only in the merged part is found by its title.
    const late = added[5]!;
    expect(searchText(merged, late.title).hits[0]!.id).toBe(late.id);
  }, 60_000);

  test('reconcileIndex: unchanged, merged when a few papers arrive, rebuilt when papers leave or many arrive', () => {
    const some = docs.slice(0, 2000);
    const base = buildTextIndex(some);
    expect(reconcileIndex(undefined, some).how).toBe('built');
    const same = reconcileIndex(base, some.map((d, i) => (i === 0 ? { ...d, upvotes: 12_345 } : d)));
    expect(same.how).toBe('unchanged');
    expect(same.index.upvotes[0]).toBe(12_345);
    const grown = reconcileIndex(base, docs.slice(0, 2400));
    expect(grown.how).toBe('merged');
    expect(grown.index.size).toBe(2400);
    expect(reconcileIndex(base, some.slice(1)).how).toBe('built');
    expect(reconcileIndex(base, docs.slice(0, 2600)).how).toBe('built');
  }, 60_000);
});
