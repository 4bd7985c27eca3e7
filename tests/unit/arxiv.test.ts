import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { detectPage, findArxivIdInHref, formatArxivId, isNewStyleId, parseArxivId } from '../../src/shared/arxiv';
import type { ArxivId } from '../../src/shared/types';

const neu = (id: string, version?: number): ArxivId =>
  version === undefined ? { id, style: 'new' } : { id, version, style: 'new' };
const old = (id: string, version?: number): ArxivId =>
  version === undefined ? { id, style: 'old' } : { id, version, style: 'old' };

describe('parseArxivId', () => {
  test.each<[string, ArxivId]>([
    // 4-digit numbers span exactly 0704–1412.
    ['0704.0001', neu('0704.0001')],
    ['1412.9999', neu('1412.9999')],
    ['0912.1234', neu('0912.1234')],
    // 5-digit numbers from 1501 on.
    ['1501.00001', neu('1501.00001')],
    ['2101.04792', neu('2101.04792')],
    ['2606.27001', neu('2606.27001')],
    ['2101.04792v2', neu('2101.04792', 2)],
    ['2101.04792V2', neu('2101.04792', 2)],
    ['2101.04792v12', neu('2101.04792', 12)],
    ['0704.0001v1', neu('0704.0001', 1)],
    // Citation form and the PDF stamp.
    ['arXiv:2101.04792', neu('2101.04792')],
    ['arxiv:2101.04792v3', neu('2101.04792', 3)],
    ['ARXIV:2101.04792', neu('2101.04792')],
    ['  2101.04792\n', neu('2101.04792')],
    ['\n        arXiv:2606.27001\n      ', neu('2606.27001')],
    // File names as arXiv serves them.
    ['2101.04792.pdf', neu('2101.04792')],
    ['2101.04792v2.pdf', neu('2101.04792', 2)],
    ['2101.04792.ps', neu('2101.04792')],
    ['2101.04792.gz', neu('2101.04792')],
    ['2101.04792v1.ps.gz', neu('2101.04792', 1)],
    // Old style.
    ['hep-th/9901001', old('hep-th/9901001')],
    ['hep-th/9901001v2', old('hep-th/9901001', 2)],
    ['hep-th/9901001V3', old('hep-th/9901001', 3)],
    ['cond-mat/9706300', old('cond-mat/9706300')],
    ['cs/0112017', old('cs/0112017')],
    ['math/0309136', old('math/0309136')],
    ['math.GT/0309136', old('math/0309136')],
    ['math.GR/0512484v1', old('math/0512484', 1)],
    ['HEP-TH/9901001', old('hep-th/9901001')],
    ['arXiv:hep-th/9901001v2', old('hep-th/9901001', 2)],
    ['hep-th/9901001.pdf', old('hep-th/9901001')],
    ['hep-th/9901001v2.ps.gz', old('hep-th/9901001', 2)],
    // First and last months old-style ids were minted in.
    ['hep-th/9108001', old('hep-th/9108001')],
    ['math/0703001', old('math/0703001')],
    // The primary category as listings and references print it (JabRef's parseWithClassification).
    ['arXiv:2101.04792 [cs.LG]', neu('2101.04792')],
    ['0706.0001v1 [q-bio.CB]', neu('0706.0001', 1)],
    ['arXiv:0706.0001v1 [q-bio.CB]', neu('0706.0001', 1)],
    ['arXiv:2606.27001v2  [stat.ML]', neu('2606.27001', 2)],
    ['arXiv:hep-th/9901001 [hep-th]', old('hep-th/9901001')],
    ['math.GT/0309136 [math.GT]', old('math/0309136')],
    // JabRef's own cases that are real papers.
    ['0710.0994', neu('0710.0994')],
    ['arxiv:0710.0994', neu('0710.0994')],
    ['arXiv:math.GT/0309136', old('math/0309136')],
  ])('%j → %j', (input, expected) => {
    expect(parseArxivId(input)).toEqual(expected);
  });

  test('an unversioned id has no version key at all, so records compare equal', () => {
    expect(parseArxivId('2101.04792')).not.toHaveProperty('version');
  });

  test.each([
    // Wrong digit count for the era.
    '1412.12345',
    '2401.1234',
    '1501.0001',
    '0704.00001',
    // Impossible month, or before new style began.
    '2413.00001',
    '2400.00001',
    '0703.0001',
    '0001.0001',
    // Number zero was never minted.
    '2401.00000',
    '0704.0000',
    'hep-th/9901000',
    // Versions start at 1 and have no leading zero.
    '2101.04792v0',
    '2101.04792v01',
    '2101.04792v',
    // Old style ended 0703 and started 1991; month checked too.
    'hep-th/0704001',
    'hep-th/1001001',
    'hep-th/9913001',
    'hep-th/9900001',
    'hep-th/99010011',
    'hep-th/990100',
    // Garbage and near-misses.
    '',
    '   ',
    'abc',
    'arXiv:',
    '2101.04792x',
    '2101.04792v2extra',
    '2101.04792/',
    '2101.04792#section',
    'x2101.04792',
    '12101.04792',
    '2101-04792',
    '2101.047',
    '/abs/2101.04792',
    'hep-th/9901001/',
    'hep_th/9901001',
    '9901001',
    'arXiv:arXiv:2101.04792',
    '2101.04792.txt',
    '2101.04792.pdf.pdf',
    // A category tail only after an id, one of them, bracketed (JabRef: rejectEmbeddedEprint).
    'other stuff 0706.0001v1 end',
    '[cs.LG] 2101.04792',
    '2101.04792 [cs.LG] [stat.ML]',
    '2101.04792 cs.LG',
    '2101.04792[cs.LG]',
    '2101.04792 []',
    'arXiv: [cs.LG]',
    // JabRef's fourDigitDateIsInvalidInLegacyFormat.
    '2017/1118',
    // JabRef accepts these shapes; we deliberately don't, since no such paper exists: old-style
    // numbering ended in 2007-03, so a `YY` of 12 is not a paper arXiv ever minted.
    'math/1234567',
    'astro-ph.GT/1234567',
  ])('rejects %j', (input) => {
    expect(parseArxivId(input)).toBeUndefined();
  });
});

describe('formatArxivId / isNewStyleId', () => {
  test.each<[ArxivId, string]>([
    [neu('2101.04792'), '2101.04792'],
    [neu('2101.04792', 2), '2101.04792v2'],
    [old('hep-th/9901001', 3), 'hep-th/9901001v3'],
  ])('%j → %s', (a, s) => {
    expect(formatArxivId(a)).toBe(s);
  });

  test('formatting then parsing round-trips', () => {
    for (const s of ['2101.04792v2', 'hep-th/9901001', '0704.0001v1']) {
      expect(formatArxivId(parseArxivId(s)!)).toBe(s);
    }
  });

  test.each<[string, boolean]>([
    ['2101.04792', true],
    ['2101.04792v2', true],
    ['hep-th/9901001', false],
    ['1412.12345', false],
    ['abc', false],
  ])('isNewStyleId(%j) = %s', (id, expected) => {
    expect(isNewStyleId(id)).toBe(expected);
  });
});

describe('detectPage', () => {
  test.each<[string, string, ArxivId]>([
    ['https://arxiv.org/abs/2101.04792', 'abs', neu('2101.04792')],
    ['https://arxiv.org/abs/2101.04792v2', 'abs', neu('2101.04792', 2)],
    ['https://arxiv.org/abs/2101.04792/', 'abs', neu('2101.04792')],
    ['https://arxiv.org/abs/2101.04792?context=cs', 'abs', neu('2101.04792')],
    ['https://arxiv.org/abs/2101.04792?fmt=txt', 'abs', neu('2101.04792')],
    ['https://arxiv.org/abs/2101.04792v2#comments', 'abs', neu('2101.04792', 2)],
    ['https://arxiv.org/abs/hep-th/9901001', 'abs', old('hep-th/9901001')],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'abs', old('hep-th/9901001', 2)],
    ['https://arxiv.org/abs/math.GT/0309136', 'abs', old('math/0309136')],
    ['https://arxiv.org/abs/math.GR/0512484', 'abs', old('math/0512484')],
    ['https://arxiv.org/abs/hep-th%2F9901001', 'abs', old('hep-th/9901001')],
    // Legacy query forms still answered by arxiv-browse.
    ['https://arxiv.org/abs?id=2101.04792', 'abs', neu('2101.04792')],
    ['https://arxiv.org/abs?id=hep-th/9901001v2', 'abs', old('hep-th/9901001', 2)],
    ['https://arxiv.org/abs?archive=hep-th&papernum=9901001', 'abs', old('hep-th/9901001')],
    ['https://arxiv.org/abs?hep-th/9901001', 'abs', old('hep-th/9901001')],
    // Every *.arxiv.org mirror, either scheme.
    ['https://www.arxiv.org/abs/2101.04792', 'abs', neu('2101.04792')],
    ['http://arxiv.org/abs/2101.04792', 'abs', neu('2101.04792')],
    ['http://export.arxiv.org/abs/2101.04792', 'abs', neu('2101.04792')],
    ['https://lanl.arxiv.org/abs/hep-th/9901001', 'abs', old('hep-th/9901001')],
    ['http://in.arxiv.org/abs/2101.04792', 'abs', neu('2101.04792')],
    ['https://ARXIV.ORG/abs/2101.04792', 'abs', neu('2101.04792')],
    ['https://arxiv.org/pdf/2101.04792', 'pdf', neu('2101.04792')],
    ['https://arxiv.org/pdf/2101.04792v2', 'pdf', neu('2101.04792', 2)],
    ['https://arxiv.org/pdf/2101.04792.pdf', 'pdf', neu('2101.04792')],
    ['https://arxiv.org/pdf/2101.04792v2.pdf', 'pdf', neu('2101.04792', 2)],
    ['https://arxiv.org/pdf/hep-th/9901001', 'pdf', old('hep-th/9901001')],
    ['https://arxiv.org/pdf/hep-th/9901001v2.pdf', 'pdf', old('hep-th/9901001', 2)],
    ['https://arxiv.org/html/2609.01222', 'html', neu('2609.01222')],
    ['https://arxiv.org/html/2609.01222v2', 'html', neu('2609.01222', 2)],
    ['https://arxiv.org/html/2609.01222v2/', 'html', neu('2609.01222', 2)],
    ['https://arxiv.org/html/2609.01222v2/x1.png', 'html', neu('2609.01222', 2)],
    ['https://arxiv.org/html/2609.01222v2#S1', 'html', neu('2609.01222', 2)],
    ['https://arxiv.org/html/hep-th/9901001v2/index.html', 'html', old('hep-th/9901001', 2)],
    ['https://arxiv.org/format/2101.04792', 'format', neu('2101.04792')],
    ['https://arxiv.org/format/hep-th/9901001', 'format', old('hep-th/9901001')],
    ['https://huggingface.co/papers/2101.04792', 'hf-paper', neu('2101.04792')],
    ['https://huggingface.co/papers/2101.04792v2', 'hf-paper', neu('2101.04792', 2)],
    ['https://huggingface.co/papers/2101.04792#community', 'hf-paper', neu('2101.04792')],
    ['https://alphaxiv.org/abs/2101.04792', 'alphaxiv', neu('2101.04792')],
    ['https://www.alphaxiv.org/abs/2101.04792v3', 'alphaxiv', neu('2101.04792', 3)],
    // alphaXiv's newer paper routes (other-sites.md §5), with and without a version.
    ['https://www.alphaxiv.org/overview/2512.21120', 'alphaxiv', neu('2512.21120')],
    ['https://www.alphaxiv.org/overview/2512.21120v1', 'alphaxiv', neu('2512.21120', 1)],
    ['https://www.alphaxiv.org/audio/2512.21120v1', 'alphaxiv', neu('2512.21120', 1)],
    ['https://www.alphaxiv.org/replicate/1706.03762', 'alphaxiv', neu('1706.03762')],
    ['https://www.alphaxiv.org/abs/1706.03762?tab=comments', 'alphaxiv', neu('1706.03762')],
    // arxiv-utils navigation cases: trailing single and double slashes, query and fragment together.
    ['https://arxiv.org/abs/2003.13678//', 'abs', neu('2003.13678')],
    ['https://arxiv.org/pdf/2003.13678/', 'pdf', neu('2003.13678')],
    ['https://arxiv.org/pdf/2003.13678//', 'pdf', neu('2003.13678')],
    ['https://arxiv.org/abs/cs/9605103/', 'abs', old('cs/9605103')],
    ['https://arxiv.org/pdf/cs/9605103//', 'pdf', old('cs/9605103')],
    ['https://arxiv.org/abs/1512.03385?query#anchor', 'abs', neu('1512.03385')],
    ['https://arxiv.org/pdf/1512.03385?query#anchor', 'pdf', neu('1512.03385')],
    ['https://export.arxiv.org/pdf/2003.13678', 'pdf', neu('2003.13678')],
    ['https://ar5iv.labs.arxiv.org/html/1512.03385', 'html', neu('1512.03385')],
    ['https://huggingface.co/papers/2408.00714/', 'hf-paper', neu('2408.00714')],
    // The old file-tree PDF path ("special ftp format" in arxiv-utils), new- and old-style.
    ['https://arxiv.org/ftp/arxiv/papers/1110/1110.2832.pdf', 'pdf', neu('1110.2832')],
    ['https://arxiv.org/ftp/arxiv/papers/1110/1110.2832v1.pdf', 'pdf', neu('1110.2832', 1)],
    ['https://arxiv.org/ftp/cond-mat/papers/0408/0408502.pdf', 'pdf', old('cond-mat/0408502')],
    ['http://export.arxiv.org/ftp/hep-th/papers/9901/9901001.pdf', 'pdf', old('hep-th/9901001')],
  ])('%s → %s', (url, kind, paper) => {
    expect(detectPage(url)).toEqual({ kind, paper });
  });

  test.each<[string, string]>([
    ['https://arxiv.org/list/cs.LG/new', 'listing'],
    ['https://arxiv.org/list/cs.LG/pastweek?show=2000', 'listing'],
    ['https://arxiv.org/list/cs.AI/2024-03', 'listing'],
    ['http://export.arxiv.org/list/cs.IR/new', 'listing'],
    ['https://arxiv.org/catchup/cs.LG/2026-06-29?abs=True', 'catchup'],
    ['https://arxiv.org/a/turing_a_1', 'author'],
    ['https://arxiv.org/a/turing_a_1.atom2', 'author'],
    ['https://arxiv.org/search/?query=keyword+spotting&searchtype=all', 'search'],
    ['https://arxiv.org/search?query=x', 'search'],
    ['https://arxiv.org/search/cs?searchtype=author&query=Vygon,+R', 'search'],
    ['https://arxiv.org/search/advanced?advanced=1&terms-0-term=x', 'search'],
  ])('%s → %s (no single paper)', (url, kind) => {
    expect(detectPage(url)).toEqual({ kind });
  });

  test('accepts a URL object as well as a string', () => {
    expect(detectPage(new URL('https://arxiv.org/abs/2101.04792'))?.paper).toEqual(neu('2101.04792'));
  });

  test.each([
    // Single-paper routes whose id is missing or invalid.
    'https://arxiv.org/abs/',
    'https://arxiv.org/abs',
    'https://arxiv.org/abs/1412.12345',
    'https://arxiv.org/abs/2101.04792v0',
    'https://arxiv.org/abs/2101.04792/extra',
    'https://arxiv.org/abs/hep-th',
    'https://arxiv.org/abs?id=abc',
    'https://arxiv.org/pdf/',
    'https://arxiv.org/pdf/2101.04792.txt',
    'https://arxiv.org/html/',
    'https://arxiv.org/html/abc/def',
    'https://arxiv.org/format/',
    // Forms and pages listing no papers.
    'https://arxiv.org/catchup',
    'https://arxiv.org/catchup/',
    'https://arxiv.org/search',
    'https://arxiv.org/search/',
    'https://arxiv.org/list',
    'https://arxiv.org/a/',
    'https://arxiv.org/',
    'https://arxiv.org',
    'https://arxiv.org/submit',
    'https://arxiv.org/prevnext?id=2101.04792&function=next&context=cs',
    'https://arxiv.org/src/2101.04792v1/anc/data.csv',
    'https://arxiv.org/toString/2101.04792',
    'https://info.arxiv.org/help/arxiv_identifier.html',
    // Look-alike hosts.
    'https://notarxiv.org/abs/2101.04792',
    'https://arxiv.org.evil.com/abs/2101.04792',
    'https://example.com/abs/2101.04792',
    'https://doi.org/10.48550/arXiv.2101.04792',
    'https://ui.adsabs.harvard.edu/abs/arXiv:2101.04792',
    'https://www.semanticscholar.org/arxiv/2101.04792',
    // Hugging Face pages that are not one paper.
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers/date/2026-06-29',
    'https://huggingface.co/papers/month/2026-06',
    'https://huggingface.co/papers/week/2026-W26',
    'https://huggingface.co/papers/2101.04792/extra',
    'https://huggingface.co/2101.04792',
    'https://huggingface.co/models?other=arxiv:2101.04792',
    'https://hf.co/papers/2101.04792',
    'https://alphaxiv.org/',
    'https://alphaxiv.org/abs/',
    'https://evil.alphaxiv.org.example/abs/2101.04792',
    'https://www.alphaxiv.org/overview/',
    'https://www.alphaxiv.org/explore?sort=Likes',
    'https://www.alphaxiv.org/profile/2101.04792',
    'https://www.alphaxiv.org/overview/2101.04792/extra',
    // Markdown twins are text for agents, not pages of ours (see ALPHAXIV_ROUTES).
    'https://www.alphaxiv.org/overview/2101.04792.md',
    'https://www.alphaxiv.org/abs/2101.04792.md',
    // Empty segments inside a path are not trailing slashes.
    'https://arxiv.org/abs//2101.04792',
    'https://arxiv.org/abs/hep-th//9901001',
    // ftp paths that are not one paper's PDF.
    'https://arxiv.org/ftp/arxiv/papers/1110/1110.2832',
    'https://arxiv.org/ftp/arxiv/papers/1110/1110.2832.ps.gz',
    'https://arxiv.org/ftp/arxiv/papers/1111/1110.2832.pdf',
    'https://arxiv.org/ftp/cond-mat/papers/0409/0408502.pdf',
    'https://arxiv.org/ftp/arxiv/papers/1110.2832.pdf',
    'https://arxiv.org/ftp/arxiv/papers/1110/',
    'https://arxiv.org/ftp/arxiv/papers/1110/1110.2832.pdf/extra',
    'https://arxiv.org/ftp/arxiv/listings/1110/1110.2832.pdf',
    'https://arxiv.org/ftp/hep-th/papers/9901/1110.2832.pdf',
    'https://arxiv.org/ftp/arxiv/papers/9901/9901001.pdf',
    'https://arxiv.org/ftp/',
    // Non-web schemes and broken input must not throw.
    'ftp://arxiv.org/abs/2101.04792',
    'file:///abs/2101.04792',
    'javascript:alert(1)',
    'not a url',
    '',
    '/abs/2101.04792',
    'https://arxiv.org/abs/%E0%A4%A',
  ])('rejects %s', (url) => {
    expect(detectPage(url)).toBeUndefined();
  });
});

describe('findArxivIdInHref', () => {
  test.each<[string, string | undefined, ArxivId]>([
    ['/abs/2606.27001', undefined, neu('2606.27001')],
    ['/abs/cs/0112017', undefined, old('cs/0112017')],
    ['/pdf/2606.27001', undefined, neu('2606.27001')],
    ['https://arxiv.org/html/2506.01234v3', undefined, neu('2506.01234', 3)],
    ['https://arxiv.org/abs/2101.04792v2', undefined, neu('2101.04792', 2)],
    ['  /abs/2606.27001  ', undefined, neu('2606.27001')],
    // Relative to the page it appears on, including mirrors.
    ['/abs/2606.27001', 'http://export.arxiv.org/list/cs.IR/new', neu('2606.27001')],
    ['2101.04792v3', 'https://arxiv.org/abs/2101.04792v2', neu('2101.04792', 3)],
    ['?context=cs', 'https://arxiv.org/abs/2101.04792', neu('2101.04792')],
    ['x1.png', 'https://arxiv.org/html/2609.01222v2/', neu('2609.01222', 2)],
    ['/ftp/arxiv/papers/1110/1110.2832.pdf', undefined, neu('1110.2832')],
    ['https://arxiv.org/abs/2003.13678//', undefined, neu('2003.13678')],
  ])('%s (base %s) → %j', (href, base, expected) => {
    expect(findArxivIdInHref(href, base)).toEqual(expected);
  });

  test.each<[string, string | undefined]>([
    // Links that name a paper but are not abs/pdf/html, or are off arXiv.
    ['/format/2606.27001', undefined],
    ['https://arxiv.org/prevnext?id=2101.04792&function=next&context=cs', undefined],
    ['https://huggingface.co/papers/2101.04792', undefined],
    ['https://alphaxiv.org/abs/2101.04792', undefined],
    ['https://doi.org/10.48550/arXiv.2101.04792', undefined],
    ['/list/cs.LG/recent', undefined],
    ['/search/?searchtype=author&query=Vygon%2C+R', undefined],
    // Fragment-only and empty hrefs resolve to the page itself, which is not a link to a paper.
    ['#', 'https://arxiv.org/abs/2101.04792'],
    ['#toggle', 'https://arxiv.org/abs/2101.04792'],
    ['', 'https://arxiv.org/abs/2101.04792'],
    ['javascript:void(0)', 'https://arxiv.org/abs/2101.04792'],
    ['/abs/1412.12345', undefined],
    ['/abs/2101.04792', 'not a base'],
  ])('rejects %j (base %s)', (href, base) => {
    expect(findArxivIdInHref(href, base)).toBeUndefined();
  });
});

describe('real hrefs in the arXiv fixtures', () => {
  const fixture = (name: string) =>
    readFileSync(path.resolve('../shared/fixtures/arxiv/reconstructed', name), 'utf8');
  // Listings write `href ="…"` (space before `=`), so the attribute regex must allow it.
  const hrefs = (html: string) =>
    [...html.matchAll(/href\s*=\s*"([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  const absHrefs = (html: string) => hrefs(html).filter((h) => /^(?:https:\/\/arxiv\.org)?\/abs\//.test(h));
  const ids = (hs: string[]) => hs.map((h) => {
    const a = findArxivIdInHref(h);
    return a && formatArxivId(a);
  });

  test.each<[string, string, string[]]>([
    [
      // Includes the in-abstract urlize link (2301.00001) and the old-style cs/0112017 entry.
      'list-new-cs.LG.html', 'https://arxiv.org/list/cs.LG/new',
      ['2606.27001', '2301.00001', '2606.27002', '2606.27003', '2606.26954', '2606.25011', '2506.01234', '2604.11111', 'cs/0112017'],
    ],
    [
      // A hit on a non-current version keeps its version; "Latest version" links the newest.
      'search-results.html', 'https://arxiv.org/search/?query=keyword+spotting&searchtype=all',
      ['2606.27001', '2101.04792v2', '2101.04792v4', 'hep-th/9901001'],
    ],
    [
      'list-new-classic-pre2024.html', 'http://export.arxiv.org/list/cs.IR/new',
      ['2407.14741', '2407.14743', '2407.14001', '2310.00002'],
    ],
  ])('%s: abs links parse to canonical ids', (name, pageUrl, expected) => {
    const found = absHrefs(fixture(name));
    expect(ids(found)).toEqual(expected);
    // Same answer when resolved against the page the fixture stands for.
    expect(found.map((h) => formatArxivId(findArxivIdInHref(h, pageUrl)!))).toEqual(expected);
  });

  test.each([
    'list-new-cs.LG.html',
    'list-new-classic-pre2024.html',
  ])('%s: every dt > a[title=Abstract] parses to its own id attribute or link text', (name) => {
    const html = fixture(name);
    const entries = [...html.matchAll(/<a href\s*=\s*"(\/abs\/[^"]+)" title="Abstract"(?: id="([^"]+)")?>\s*arXiv:([^<\s]+)/g)];
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const [, href, idAttr, text] of entries) {
      const a = findArxivIdInHref(href!);
      expect(a).toBeDefined();
      // The docs: a listing's abs-link id attribute equals the id without version.
      if (idAttr !== undefined) expect(a!.id).toBe(idAttr);
      expect(parseArxivId(text!)).toEqual(a);
    }
  });

  test('search-results.html: the versioned hit is a new-style id at v2', () => {
    expect(parseArxivId('arXiv:2101.04792v2')).toEqual(neu('2101.04792', 2));
    expect(absHrefs(fixture('search-results.html'))).toContain('https://arxiv.org/abs/2101.04792v2');
  });

  test.each<[string, string, string[]]>([
    [
      'list-new-cs.LG.html', 'https://arxiv.org/list/cs.LG/new',
      [
        '2606.27001', '2301.00001', '2606.27002', '2606.27003', '2606.26954', '2606.25011', '2506.01234',
        '2506.01234v3', '2604.11111', 'cs/0112017', '2606.25011v1', '2606.26954v1', '2606.27001v1', '2606.27003v1',
      ],
    ],
    [
      'search-results.html', 'https://arxiv.org/search/?query=keyword+spotting&searchtype=all',
      ['2606.27001', '2101.04792v2', '2101.04792v4', 'hep-th/9901001'],
    ],
    [
      'list-new-classic-pre2024.html', 'http://export.arxiv.org/list/cs.IR/new',
      ['2407.14741', '2407.14743', '2407.14001', '2310.00002'],
    ],
  ])('%s: of all hrefs, only abs/pdf/html links to papers are found', (name, pageUrl, expected) => {
    // Format, search, list, static, fragment and off-site hrefs must all come back undefined.
    const found = new Set<string>();
    for (const h of hrefs(fixture(name))) {
      const a = findArxivIdInHref(h, pageUrl);
      if (a) found.add(formatArxivId(a));
    }
    expect([...found].sort()).toEqual([...expected].sort());
  });
});
