/**
 * The Zotero item we send (background/zotero/item.ts) for a real corpus paper and for an old-style id from a real
 * arXiv API answer, field for field against what Zotero's arXiv translator makes (../shared/docs/zotero.md §4);
 * and the local API matching that decides the "In Zotero ✓" marks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { paperDate, type CitablePaper } from '../../src/shared/citation';
import { buildZoteroItem, noteHtml } from '../../src/background/zotero/item';
import { arxivIdsOf } from '../../src/background/zotero/marks';
import { versionAtLeast } from '../../src/background/zotero/connector';

interface CorpusRecord { id: string; title: string; summary: string; authors: string[]; publishedAt?: string }
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];
const fromCorpus = (r: CorpusRecord, extra: Partial<CitablePaper> = {}): CitablePaper => ({
  id: r.id, title: r.title, authors: r.authors, abstract: r.summary, date: paperDate(r.id, r.publishedAt), tags: [], note: '', ...extra,
});

describe('buildZoteroItem', () => {
  test('a real corpus paper (2405.14906): a preprint exactly as the translator builds it', () => {
    const record = corpus.find((r) => r.id === '2405.14906')!;
    expect(buildZoteroItem(fromCorpus(record, { primaryClass: 'cs.SE' }), 'k1')).toEqual({
      id: 'k1',
      itemType: 'preprint',
      // arXiv's hard line wrap ("with\n  AIEV") collapsed, as the translator does.
      title: 'AutoCoder: Enhancing Code Large Language Model with AIEV-Instruct',
      creators: [
        { creatorType: 'author', firstName: 'Bin', lastName: 'Lei' },
        { creatorType: 'author', firstName: 'Yuchen', lastName: 'Li' },
        { creatorType: 'author', firstName: 'Qiuwu', lastName: 'Chen' },
      ],
      abstractNote: record.summary.replace(/\s+/g, ' ').trim(),
      date: '2024-05-23',
      url: 'http://arxiv.org/abs/2405.14906',
      DOI: '10.48550/arXiv.2405.14906',
      archiveID: 'arXiv:2405.14906',
      repository: 'arXiv',
      extra: 'arXiv:2405.14906 [cs.SE]',
      libraryCatalog: 'arXiv.org',
    });
  });

  test('every 10th corpus paper builds a valid item: new-style id, arXiv DOI, no empty creators', () => {
    // A tenth of the 9,877: the unit files run in parallel on 2 cores, and the whole corpus here slowed the others.
    const bad = corpus.filter((_, i) => i % 10 === 0).filter((record) => {
      const item = buildZoteroItem(fromCorpus(record), 'k');
      return item.DOI !== `10.48550/arXiv.${record.id}` || /\s{2}|\n/.test(item.title) || item.extra !== `arXiv:${record.id}`
        || item.creators.length !== record.authors.length || item.creators.some((c) => !c.lastName);
    }).map((r) => r.id);
    expect(corpus.length).toBeGreaterThan(1000);
    expect(bad).toEqual([]);
  });

  test('an old-style id from a real arXiv API answer (astro-ph/0601001): no [category] in Extra, the archive in the id', () => {
    const atom = readFileSync(path.resolve('../shared/fixtures/arxiv-api/real/id_list-astro-ph_0601001.xml'), 'utf8');
    const entry = atom.slice(atom.indexOf('<entry>'));
    const tag = (name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(entry)![1]!;
    const authors = [...entry.matchAll(/<author>\s*<name>([^<]+)<\/name>/g)].map((m) => m[1]!);
    const paper: CitablePaper = { id: 'astro-ph/0601001', title: tag('title'), authors, abstract: tag('summary'), date: tag('updated').slice(0, 10), tags: [], note: '' };
    const item = buildZoteroItem(paper, 'k2');
    expect(item).toMatchObject({
      itemType: 'preprint',
      title: 'Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina',
      date: '2006-01-02',
      url: 'http://arxiv.org/abs/astro-ph/0601001',
      DOI: '10.48550/arXiv.astro-ph/0601001',
      archiveID: 'arXiv:astro-ph/0601001',
      extra: 'arXiv:astro-ph/0601001',
    });
    expect(item.creators[0]).toEqual({ creatorType: 'author', firstName: authors[0]!.split(' ').slice(0, -1).join(' '), lastName: authors[0]!.split(' ').at(-1) });
    expect(item.abstractNote!.startsWith('We derive the frequencies of hot Jupiters')).toBe(true);
  });

  test('versioned or odd input is canonicalised; "Last, First" names split at the comma; one-word names are last names', () => {
    const item = buildZoteroItem({ id: '2405.14906v3', title: '', authors: ['Vygon, Roman', 'Plato'], abstract: '', tags: [], note: '' }, 'k');
    expect(item.archiveID).toBe('arXiv:2405.14906');
    expect(item.title).toBe('arXiv:2405.14906');
    expect(item.creators).toEqual([{ creatorType: 'author', firstName: 'Roman', lastName: 'Vygon' }, { creatorType: 'author', lastName: 'Plato' }]);
    expect(item).not.toHaveProperty('abstractNote');
    expect(() => buildZoteroItem({ id: 'not-an-id', title: '', authors: [], abstract: '', tags: [], note: '' }, 'k')).toThrow(/not an arXiv id/);
  });

  test('Zotero ≤ 7.0.15 gets the PDF as an attachment URL it downloads itself', () => {
    expect(buildZoteroItem(fromCorpus(corpus[0]!), 'k', { legacyAttachment: true }).attachments)
      .toEqual([{ title: 'Preprint PDF', url: `https://arxiv.org/pdf/${corpus[0]!.id}`, mimeType: 'application/pdf' }]);
  });

  test('the note becomes escaped HTML (text only), line breaks kept', () => {
    expect(noteHtml('a < b & "c"\n<script>x</script>')).toBe('<p>a &lt; b &amp; &quot;c&quot;<br>&lt;script&gt;x&lt;/script&gt;</p>');
  });
});

describe('local API matching (marks)', () => {
  test('archive id, arXiv DOI, abs/pdf URL with a version, or an arXiv: token in Extra', () => {
    expect(arxivIdsOf({ archiveID: 'arXiv:2405.14906' })).toEqual(['2405.14906']);
    expect(arxivIdsOf({ DOI: '10.48550/ARXIV.2405.14906' })).toEqual(['2405.14906']);
    expect(arxivIdsOf({ url: 'https://arxiv.org/pdf/2405.14906v2.pdf' })).toEqual(['2405.14906']);
    expect(arxivIdsOf({ url: 'http://arxiv.org/abs/hep-th/9901001v1' })).toEqual(['hep-th/9901001']);
    expect(arxivIdsOf({ extra: 'arXiv:2405.14906 [cs.SE]\nversion: 2' })).toEqual(['2405.14906']);
    // One item, several fields naming the same paper: one id.
    expect(arxivIdsOf({ archiveID: 'arXiv:2405.14906', DOI: '10.48550/arXiv.2405.14906', url: 'http://arxiv.org/abs/2405.14906' })).toEqual(['2405.14906']);
  });

  test('substring search hits are not matches: 2201.0073 is not 2201.00738; journal DOIs and other sites are ignored', () => {
    expect(arxivIdsOf({ archiveID: 'arXiv:2201.00738' })).not.toContain('2201.0073');
    expect(arxivIdsOf({ DOI: '10.1007/978-3-030-87802-3_69', url: 'https://example.org/arxiv.org/abs/x', title: 'arXiv:2405.14906' })).toEqual([]);
  });
});

test('versionAtLeast compares numerically', () => {
  expect(versionAtLeast('7.0.16', [7, 0, 16])).toBe(true);
  expect(versionAtLeast('7.0.9', [7, 0, 16])).toBe(false);
  expect(versionAtLeast('10.0.0', [7])).toBe(true);
  expect(versionAtLeast('6.0.36', [7])).toBe(false);
  expect(versionAtLeast('7.1.0-beta.3+abc', [7, 0, 16])).toBe(true);
});
