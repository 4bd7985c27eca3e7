/**
 * RIS and CSL-JSON (src/shared/citation.ts) checked by other people's parsers on real corpus papers: RIS read back
 * by citation.js's RIS plugin gives the same fields; CSL-JSON is read by citation.js's CSL input and renders through
 * citeproc-js with APA (the worker's "Copy citation") and validates against the CSL data schema (tests/fixtures/csl);
 * BibTeX for one paper is the reading-list export's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import Ajv from 'ajv';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { paperDate, splitName, toCslItem, toCslJson, toRis, type CitablePaper } from '../../src/shared/citation';
import { exportReadingList } from '../../src/shared/export';
import { citation, plainCitation } from '../../src/background/zotero/cite';
import type { ReadingListEntry } from '../../src/shared/types';

interface CorpusRecord { id: string; title: string; summary: string; authors: string[]; publishedAt?: string }
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];
// A spread over the corpus: long author lists, TeX in titles, unicode names.
const sample: CitablePaper[] = corpus.filter((_, i) => i % 97 === 0).map((r, i) => ({
  id: r.id, title: r.title, authors: r.authors, abstract: r.summary, date: paperDate(r.id, r.publishedAt),
  tags: i % 3 === 0 ? ['to-cite', 'llm agents'] : [], note: i % 4 === 0 ? 'Read §3\nthen the appendix' : '',
}));
const oldStyle: CitablePaper = { id: 'hep-th/9901001', title: 'Heterotic strings', authors: ['Sen, Ashoke'], abstract: '', date: paperDate('hep-th/9901001'), tags: [], note: '' };
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('RIS', () => {
  test('parses back with an RIS parser (citation.js plugin-ris) to the same fields', () => {
    const papers = [...sample, oldStyle];
    const parsed = new Cite(toRis(papers)).data as Record<string, unknown>[];
    expect(parsed).toHaveLength(papers.length);
    papers.forEach((p, i) => {
      const back = parsed[i]!;
      const parts = p.date!.split('-').map(Number);
      expect({
        title: back.title, author: back.author, DOI: back.DOI, URL: back.URL, publisher: back.publisher, issued: back.issued,
        abstract: back.abstract, keyword: back.keyword, note: back.note,
      }).toEqual({
        title: oneLine(p.title), author: p.authors.map(splitName), DOI: `10.48550/arXiv.${p.id}`, URL: `https://arxiv.org/abs/${p.id}`,
        publisher: 'arXiv', issued: { 'date-parts': [parts] }, abstract: p.abstract ? oneLine(p.abstract) : undefined,
        keyword: p.tags.length ? p.tags.join(',') : undefined, note: p.note ? oneLine(p.note) : undefined,
      });
    });
    expect(sample.length).toBeGreaterThan(50);
  });

  test('one record per paper, CRLF lines, TY first and ER last', () => {
    const ris = toRis([sample[0]!]);
    expect(ris.startsWith('TY  - UNPB\r\n')).toBe(true);
    expect(ris.endsWith('ER  - \r\n')).toBe(true);
    expect(ris.split('\r\n').filter(Boolean).every((line) => /^[A-Z][A-Z0-9] {2}- /.test(line))).toBe(true);
  });
});

describe('CSL-JSON', () => {
  const schema = JSON.parse(readFileSync(path.resolve('tests/fixtures/csl/csl-data.json'), 'utf8')) as object;
  // The schema is draft-07 and names its `$id` by URL; nothing is fetched (ajv compiles it as given).
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  test('validates against the CSL data schema (csl-data.json), new- and old-style ids; the check can fail', () => {
    const items = JSON.parse(toCslJson([...sample, oldStyle])) as unknown[];
    expect(validate(items), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(items).toHaveLength(sample.length + 1);
    expect(validate([{ ...(items[0] as object), type: 'preprint-ish', issued: 'May 2024' }])).toBe(false);
  });

  test('is read as CSL by citation.js unchanged, and renders through citeproc-js with APA', () => {
    const json = toCslJson(sample);
    const items = JSON.parse(json) as Record<string, unknown>[];
    const read = (new Cite(items).data as Record<string, unknown>[]).map(({ _graph, ...rest }) => rest);
    expect(read).toEqual(items);
    for (const p of sample.slice(0, 8)) {
      const text = plainCitation(p);
      expect(text).toContain(`https://doi.org/10.48550/arXiv.${p.id}`);
      expect(text).toContain(`(${p.date!.slice(0, 4)}`);
      expect(text).toContain(splitName(p.authors[0]!).family);
      expect(text).not.toMatch(/<\/?\w+>/);
    }
    // The first citation compiles the APA style (seconds on a busy 2-core machine): a generous limit, not a timing check.
  }, 120_000);

  test('an APA citation of a real paper, exactly', () => {
    const record = corpus.find((r) => r.id === '2405.14906')!;
    const p: CitablePaper = { id: record.id, title: record.title, authors: record.authors, abstract: '', date: paperDate(record.id, record.publishedAt), tags: [], note: '' };
    expect(plainCitation(p)).toBe('Lei, B., Li, Y., & Chen, Q. (2024). AutoCoder: Enhancing Code Large Language Model with AIEV-Instruct (arXiv:2405.14906). arXiv. https://doi.org/10.48550/arXiv.2405.14906');
  }, 120_000);

  test('an old-style id: type article, issued from the id\'s month', () => {
    expect(toCslItem(oldStyle)).toEqual({
      id: 'arXiv:hep-th/9901001', type: 'article', title: 'Heterotic strings', author: [{ family: 'Sen', given: 'Ashoke' }],
      issued: { 'date-parts': [[1999, 1]] }, DOI: '10.48550/arXiv.hep-th/9901001', URL: 'https://arxiv.org/abs/hep-th/9901001',
      publisher: 'arXiv', number: 'arXiv:hep-th/9901001', source: 'arXiv.org',
    });
  });
});

test('reading-list exports: RIS and CSL-JSON of entries; Copy BibTeX is the BibTeX export of that one paper', () => {
  const entry: ReadingListEntry = { id: '2405.14906', title: 'AutoCoder', authors: ['Bin Lei'], abstract: '', addedAt: 0, updatedAt: 0, status: 'to-read', tags: ['x'], note: '' };
  expect(exportReadingList('ris', [entry])).toContain('DA  - 2024/05//');
  expect(JSON.parse(exportReadingList('csljson', [entry]))[0]).toMatchObject({ id: 'arXiv:2405.14906', keyword: 'x' });
  expect(citation({ ...entry, date: '2024-05-23' }, 'bibtex')).toBe(exportReadingList('bibtex', [entry]));
});
