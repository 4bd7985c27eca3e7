/**
 * Reading-list export (BibTeX, CSV, JSON) on entries built from the real fixtures: HF corpus papers (a bare `&`, an
 * already-escaped `\&`, a lone `$`, authors with diacritics), the real abs page of the old-style hep-th/9901001
 * (read through metaFromHtml, as the worker does), and one title with `$\alpha$` math plus `&`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { metaFromHtml } from '../../src/shared/arxiv-meta';
import { arxivYear, csvField, toBibtex, toCsv, toJson } from '../../src/shared/export';
import { texEscape, texUnescape } from '../../src/shared/tex';
import type { ReadingListEntry } from '../../src/shared/types';

interface CorpusRecord { id: string; title: string; summary: string; upvotes: number; authors: string[] }
const corpus = new Map((JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[]).map((r) => [r.id, r]));
const absHtml = (name: string) => readFileSync(path.resolve(`../shared/fixtures/arxiv/reconstructed/${name}`), 'utf8');

const T = Date.UTC(2026, 7, 21, 9, 30);
/** An entry as the worker stores it from an HF record (titles keep arXiv's TeX, hard wraps collapsed). */
function fromCorpus(id: string, extra: Partial<ReadingListEntry> = {}): ReadingListEntry {
  const r = corpus.get(id)!;
  return { id, title: r.title.replace(/\s+/g, ' ').trim(), authors: r.authors, abstract: r.summary, addedAt: T, updatedAt: T, status: 'to-read', tags: [], note: '', upvotesAtSave: r.upvotes, ...extra };
}
const hepTh = metaFromHtml(absHtml('abs-hep-th-9901001-2025-header.html'));
const oldStyle: ReadingListEntry = { id: 'hep-th/9901001', title: hepTh.title!, authors: hepTh.authors!, abstract: hepTh.abstract!, primaryClass: hepTh.primaryClass,
  addedAt: T, updatedAt: T, status: 'read', tags: ['strings'], note: '' };

describe('arXiv abs meta tags', () => {
  test('old-style page: title, "Last, First" authors, TeX abstract, primary class', () => {
    expect(hepTh).toEqual({
      title: 'String Junctions and Their Duals in Heterotic String Theory',
      authors: ['Imamura, Yosuke'],
      abstract: expect.stringContaining('compactified on $T^2$ and string junctions in type IIB theory compactified on $S^2$'),
      primaryClass: 'hep-th',
    });
  });
  test('new-style page', () => {
    const meta = metaFromHtml(absHtml('abs-2101.04792v2.html'));
    expect(meta.title).toBe('Learning Efficient Representations for Keyword Spotting with Triplet Loss');
    expect(meta.authors).toEqual(['Vygon, Roman', 'Mikhaylovskiy, Nikolay']);
    expect(meta.primaryClass).toBe('eess.AS');
  });
});

describe('texEscape', () => {
  test.each([
    // real corpus titles
    ['HiddenTables & PyQTax: A Cooperative Game', 'HiddenTables \\& PyQTax: A Cooperative Game'],
    [corpus.get('2508.15881')!.title, 'TPLA: Tensor Parallel Latent Attention for Efficient Disaggregated Prefill \\& Decode Inference'],
    [corpus.get('2502.12115')!.title, 'SWE-Lancer: Can Frontier LLMs Earn \\$1 Million from Real-World Freelance Software Engineering?'],
    [corpus.get('2603.07980')!.title, '\\$OneMillion-Bench: How Far are Language Agents from Human Experts?'],
    // math stays intact, specials around it are escaped
    ['Scaling $\\alpha$-Entmax Attention: Theory & Practice', 'Scaling $\\alpha$-Entmax Attention: Theory \\& Practice'],
    ['A Synthetic Fixture Paper on $\\ell_1$-Regularised Learning', 'A Synthetic Fixture Paper on $\\ell_1$-Regularised Learning'],
    ['50% of top_k #1 ~ x^2', '50\\% of top\\_k \\#1 \\textasciitilde{} x\\textasciicircum{}2'],
    ['Unbalanced } brace', 'Unbalanced \\} brace'],
    ['Andr\u00e1s Gy\u00f6rgy', 'Andr{\\\'a}s Gy{\\"o}rgy'],
    ['Martínez-Ramírez', 'Mart{\\\'\\i}nez-Ram{\\\'\\i}rez'],
    ['Çağlar Łukasz Søren Straße', '{\\c{C}}a{\\u{g}}lar {\\L}ukasz S{\\o}ren Stra{\\ss}e'],
  ])('%s', (input, expected) => {
    expect(texEscape(input)).toBe(expected);
  });

  test('unescape reverses the accents', () => {
    for (const name of ['András György', 'Csaba Szepesvári', 'Marco A. Martínez-Ramírez', 'Ahmet Üstün', 'Çağlar']) {
      expect(texUnescape(texEscape(name))).toBe(name);
    }
  });
});

describe('BibTeX', () => {
  test('old-style id, and diacritics in authors (expected text)', () => {
    const diacritics = fromCorpus('2406.02543');
    expect(toBibtex([oldStyle, diacritics])).toBe(`@misc{imamura1999string,
  title = {String Junctions and Their Duals in Heterotic String Theory},
  author = {Imamura, Yosuke},
  year = {1999},
  eprint = {hep-th/9901001},
  archivePrefix = {arXiv},
  primaryClass = {hep-th},
  doi = {10.48550/arXiv.hep-th/9901001},
  url = {https://arxiv.org/abs/hep-th/9901001},
  keywords = {strings},
}

@misc{yadkori2024believe,
  title = {To Believe or Not to Believe Your LLM},
  author = {Yasin Abbasi Yadkori and Ilja Kuzborskij and Andr{\\'a}s Gy{\\"o}rgy and Csaba Szepesv{\\'a}ri},
  year = {2024},
  eprint = {2406.02543},
  archivePrefix = {arXiv},
  doi = {10.48550/arXiv.2406.02543},
  url = {https://arxiv.org/abs/2406.02543},
}
`);
  });

  test('math title with &, primaryClass when known, same key twice', () => {
    const first = fromCorpus('2406.10803', { primaryClass: 'cs.LG' });
    const math = { ...fromCorpus('2406.10803'), id: '2606.27001', title: 'Scaling $\\alpha$-Entmax Attention: Theory & Practice', authors: ['William Watson'] };
    const out = toBibtex([first, math]);
    expect(out).toContain(`@misc{watson2024hiddentables,
  title = {HiddenTables \\& PyQTax: A Cooperative Game and Dataset For TableQA to Ensure Scale and Data Privacy Across a Myriad of Taxonomies},
  author = {William Watson and Nicole Cho and Tucker Balch and Manuela Veloso},
  year = {2024},
  eprint = {2406.10803},
  archivePrefix = {arXiv},
  primaryClass = {cs.LG},`);
    expect(out).toContain(`@misc{watson2026scaling,
  title = {Scaling $\\alpha$-Entmax Attention: Theory \\& Practice},`);
    // No primaryClass invented for a new-style id that doesn't say it.
    expect(out.split('\n\n')[1]).not.toContain('primaryClass');
    const dupes = toBibtex([first, { ...first, id: '2406.10804' }]);
    expect(dupes).toMatch(/@misc\{watson2024hiddentables,[\s\S]*@misc\{watson2024hiddentablesb,/);
  });

  test('years of ids', () => {
    expect([arxivYear('2606.27001'), arxivYear('0704.0001'), arxivYear('hep-th/9901001'), arxivYear('math/0309136')]).toEqual([2026, 2007, 1999, 2003]);
  });
});

describe('CSV (RFC 4180)', () => {
  test('header, CRLF, quoting of commas/quotes/newlines, formula guard', () => {
    const entry = fromCorpus('2406.02543', { note: 'Read §3, then "the bound"\nagain', tags: ['uncertainty', 'llm'] });
    const csv = toCsv([entry, oldStyle]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,title,authors,status,tags,note,added_at,updated_at,upvotes_at_save,last_seen_upvotes,url');
    // The note's own line break stays inside its quoted field (LF), records end in CRLF.
    expect(lines[1]).toBe('2406.02543,To Believe or Not to Believe Your LLM,Yasin Abbasi Yadkori; Ilja Kuzborskij; András György; Csaba Szepesvári,to-read,uncertainty; llm,'
      + `"Read §3, then ""the bound""\nagain",2026-08-21T09:30:00.000Z,2026-08-21T09:30:00.000Z,${corpus.get('2406.02543')!.upvotes},,https://arxiv.org/abs/2406.02543`);
    expect(lines[2]).toBe('hep-th/9901001,String Junctions and Their Duals in Heterotic String Theory,"Imamura, Yosuke",read,strings,,2026-08-21T09:30:00.000Z,2026-08-21T09:30:00.000Z,,,https://arxiv.org/abs/hep-th/9901001');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
  });
});

describe('JSON', () => {
  test('versioned and lossless', () => {
    const entries = [fromCorpus('2406.02543', { note: 'n', tags: ['a'], lastSeenUpvotes: 12 }), oldStyle];
    const parsed = JSON.parse(toJson(entries, T));
    expect(parsed).toEqual({ format: 'paper-pulse-reading-list', version: 1, exportedAt: '2026-08-21T09:30:00.000Z', entries });
  });
});
