// @vitest-environment happy-dom
/**
 * The optional sites' entry extraction (content/sites/) on the reconstructed pages of tests/fixtures/other-sites (no
 * capture of these sites exists in ../shared; the fixtures' README says what each rebuilds from other-sites.md), and
 * the id finders on link and text forms those pages use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { alphaxivEntries } from '../../src/content/sites/alphaxiv';
import { arxivIdInText, arxivIdOfUrl } from '../../src/content/sites/links';
import { openReviewEntries } from '../../src/content/sites/openreview';
import { paperswithcodeEntries } from '../../src/content/sites/paperswithcode';
import { scholarEntries } from '../../src/content/sites/scholar';
import { paperPageId, semanticScholarEntries } from '../../src/content/sites/semantic-scholar';
import type { SiteEntry } from '../../src/content/sites/follow';
import { detectPaperPage } from '../../src/shared/paper-pages';

const DIR = path.resolve('tests/fixtures/other-sites');
function load(file: string, fill: Record<string, string> = {}): Document {
  let text = readFileSync(path.join(DIR, file), 'utf8').replace(/<script\b(?![^>]*ld\+json)[\s\S]*?<\/script>/g, '');
  for (const [k, v] of Object.entries(fill)) text = text.replaceAll(`{{${k}}}`, v);
  return new DOMParser().parseFromString(text, 'text/html');
}
const summary = (entries: SiteEntry[]) => entries.map((e) => `${e.id} ${e.anchor.tagName.toLowerCase()}${e.inside ? ' (in)' : ''}`);

describe('arxivIdOfUrl', () => {
  const base = 'https://www.alphaxiv.org/';
  test.each([
    ['https://arxiv.org/abs/2608.19880', '2608.19880'],
    ['https://arxiv.org/abs/2608.19880v3', '2608.19880'],
    ['https://arxiv.org/pdf/2608.18580v2', '2608.18580'],
    ['https://arxiv.org/pdf/2608.20336.pdf', '2608.20336'],
    ['https://export.arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/html/2608.19880v1', '2608.19880'],
    ['/abs/2608.19880', '2608.19880'],
    ['/overview/2608.18580v2', '2608.18580'],
    ['/audio/2608.19880v1', '2608.19880'],
    ['/replicate/2608.19880', '2608.19880'],
    ['https://paperswithcode.co/paper/2608.14022', '2608.14022'],
    ['https://paperswithcode.co/paper/2608.14022/', '2608.14022'],
  ])('%s → %s', (href, id) => expect(arxivIdOfUrl(href, base)).toBe(id));

  test.each([
    '', '#', '#abs', 'javascript:void(0)', '/profile/2608.19880', '/abs/2608.19880.md', '/explore?sort=Likes',
    'https://paperswithcode.co/paper/123456', 'https://paperswithcode.co/paper/some-slug', 'https://paperswithcode.co/task/2608.14022',
    'https://huggingface.co/papers/2608.19880', 'https://arxiv.org/list/cs.LG/new', 'https://evil.example/abs/2608.19880',
    'https://arxiv.org.evil.example/abs/2608.19880', 'https://arxiv.org/abs/2608.99999999',
  ])('%s → nothing', (href) => expect(arxivIdOfUrl(href, base)).toBeUndefined());
});

describe('arxivIdInText', () => {
  test.each([
    ['Y Chen - arXiv preprint arXiv:2608.19880, 2026 - arxiv.org', '2608.19880'],
    ['arXiv preprint arXiv:2608.19799v2', '2608.19799'],
    ['arXiv:hep-th/9901001v2', 'hep-th/9901001'],
    ['ARXIV: 2301.00001', '2301.00001'],
  ])('%s → %s', (text, id) => expect(arxivIdInText(text)).toBe(id));
  test.each([
    'a review in volume 2608, pages 19880–19899',
    'Journal of Examples 12 (3), 45-67',
    'arXiv preprint hep-th/9901001, 1999', // no "arXiv:" prefix: not taken from free text
    'arXiv:2613.00001', // month 13
  ])('%s → nothing', (text) => expect(arxivIdInText(text)).toBeUndefined());
});

describe('Google Scholar', () => {
  test('results: title link, PDF column, venue text; the row with only numbers in its snippet is skipped', () => {
    const entries = scholarEntries(load('scholar-results.html'), new URL('https://scholar.google.com/scholar?q=x'));
    expect(summary(entries)).toEqual(['2608.19880 h3 (in)', '2608.18580 h3 (in)', '2608.20335 h3 (in)', 'hep-th/9901001 h3 (in)']);
    expect(entries[1]!.title).toBe('FACET: Preserving Source Intent and Executable State in Terminal Task Synthesis');
  });
  test('profile rows by their "arXiv preprint arXiv:ID" line only', () => {
    const entries = scholarEntries(load('scholar-profile.html'), new URL('https://scholar.google.com/citations?user=abcDEF'));
    expect(summary(entries)).toEqual(['2608.19799 a']);
  });
});

describe('Semantic Scholar', () => {
  const jsonLd = (about: string) => {
    const doc = document.implementation.createHTMLDocument('');
    const script = doc.createElement('script');
    script.className = 'schema-data';
    script.type = 'application/ld+json';
    script.textContent = JSON.stringify({ '@context': 'http://schema.org', '@graph': [{ '@type': 'Article', name: 'x', about: { url: about } }] });
    doc.head.append(script);
    doc.body.innerHTML = '<h1 data-test-id="paper-detail-title">x</h1>';
    return doc;
  };
  test('a paper page names arXiv in its JSON-LD, or in citation_pdf_url, or not at all', () => {
    expect(paperPageId(jsonLd('https://arxiv.org/abs/2608.20202'), 'https://www.semanticscholar.org/')).toBe('2608.20202');
    expect(paperPageId(jsonLd('https://doi.org/10.18653/v1/2026.acl-long.1'), 'https://www.semanticscholar.org/')).toBeUndefined();
    const meta = jsonLd('https://doi.org/10.1/x');
    meta.head.insertAdjacentHTML('beforeend', '<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2608.20202v1">');
    expect(paperPageId(meta, 'https://www.semanticscholar.org/')).toBe('2608.20202');
    expect(summary(semanticScholarEntries(jsonLd('https://arxiv.org/abs/2608.20202'), new URL('https://www.semanticscholar.org/paper/x/a1')))).toEqual(['2608.20202 h1 (in)']);
  });
});

describe('OpenReview, alphaXiv, paperswithcode.co', () => {
  test('a forum: the arXiv papers its note and replies link, after the first link of each', () => {
    expect(summary(openReviewEntries(load('openreview-forum.html'), new URL('https://openreview.net/forum?id=sK1llEv0')))).toEqual(['2608.13120 a', '2608.19880 a']);
    expect(openReviewEntries(load('openreview-forum-no-arxiv.html'), new URL('https://openreview.net/forum?id=bl1nd'))).toEqual([]);
  });
  test('an alphaXiv paper page: its own paper in the title (the tabs that link it are not entries), similar papers by their titled link', () => {
    const doc = load('alphaxiv-paper.html', { ID: '2608.19880v2', TITLE: 'EnvHarness' });
    const entries = alphaxivEntries(doc, new URL('https://www.alphaxiv.org/overview/2608.19880v2'));
    expect(summary(entries)).toEqual(['2608.19880 h1 (in)', '2608.20335 a']);
    expect(entries[1]!.anchor.className).toBe('similar-title');
  });
  test('the alphaXiv home list: one entry per card, after its title link, not its thumbnail', () => {
    const entries = alphaxivEntries(load('alphaxiv-home.html'), new URL('https://www.alphaxiv.org/'));
    expect(summary(entries)).toEqual(['2608.19880 a', '2608.18580 a', '2608.14022 a']);
    expect(entries.slice(0, 2).map((e) => e.anchor.querySelector('h3') !== null)).toEqual([true, true]);
  });
  test('paperswithcode.co: the paper page by its URL, a task table by its /paper/<arXiv id> links only', () => {
    const page = load('pwc-paper.html', { ID: '2608.20202', TITLE: 'MemTrapBench' });
    expect(summary(paperswithcodeEntries(page, new URL('https://paperswithcode.co/paper/2608.20202')))).toEqual(['2608.20202 h1 (in)']);
    expect(summary(paperswithcodeEntries(load('pwc-task.html'), new URL('https://paperswithcode.co/task/agent-learning')))).toEqual(['2608.19880 a', '2608.14022 a']);
  });
});

describe('detectPaperPage (toolbar badge and popup)', () => {
  test.each([
    ['https://paperswithcode.co/paper/2608.14022', '2608.14022'],
    ['https://paperswithcode.co/paper/2608.14022v2/', '2608.14022'],
    ['https://www.alphaxiv.org/audio/2608.19880v1', '2608.19880'],
    ['https://arxiv.org/pdf/2608.19880', '2608.19880'],
  ])('%s → %s', (url, id) => expect(detectPaperPage(url)?.paper?.id).toBe(id));
  test.each(['https://paperswithcode.co/paper/123456', 'https://paperswithcode.co/paper/some-slug', 'https://paperswithcode.co/task/x',
    'http://paperswithcode.co/paper/2608.14022', 'https://paperswithcode.co/paper/%E0%A4%A', 'https://scholar.google.com/scholar?q=2608.14022'])('%s → none', (url) => {
    expect(detectPaperPage(url)).toBeUndefined();
  });
});
