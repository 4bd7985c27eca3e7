// @vitest-environment happy-dom
/**
 * Entry extraction and the reversible sort/filter on the real arXiv fixtures. Expected counts come from the fixture
 * files themselves (their `(showing N of M entries)` headings and a plain regex over the abs links), never typed in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { arrange } from '../../src/content/arrangement';
import { idFromAbsHref, listingEntries, searchEntries, type PageEntry } from '../../src/content/entries';

const DIR = path.resolve('../shared/fixtures/arxiv/reconstructed');
const html = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
/** Parsed once per file (the 2.5 MB page takes seconds in happy-dom); tests that change the DOM parse their own. */
const parsed = new Map<string, Document>();
function load(file: string, fresh = false): Document {
  const cached = fresh ? undefined : parsed.get(file);
  if (cached) return cached;
  // Stylesheet links and scripts are arXiv's assets (not in the fixtures): happy-dom would only log failed loads.
  const doc = new DOMParser().parseFromString(html(file).replace(/<link\b[^>]*>|<script\b[\s\S]*?<\/script>/g, ''), 'text/html');
  if (!fresh) parsed.set(file, doc);
  return doc;
}

/** The abs-link ids of a fixture, by regex over the raw file (independent of the DOM code under test). */
function regexIds(file: string): string[] {
  const re = /<a href\s*=\s*"(?:https:\/\/arxiv\.org)?\/abs\/([^"]+)"\s+title="Abstract"|<p class="list-title[^"]*"><a href="https:\/\/arxiv\.org\/abs\/([^"]+)"/g;
  return [...html(file).matchAll(re)].map((m) => (m[1] ?? m[2]!).replace(/v\d+$/, ''));
}
/** "(showing 500 of 500 entries )", "(showing first 100 of 445 entries )" → 500, 100. */
const shownPerSection = (file: string) => [...html(file).matchAll(/\(showing (?:first |last )?(\d+) of \d+ entries ?\)/g)].map((m) => Number(m[1]));

function sectionSizes(entries: PageEntry[]): number[] {
  const sizes = new Map<Element, number>();
  for (const e of entries) sizes.set(e.section, (sizes.get(e.section) ?? 0) + 1);
  return [...sizes.values()];
}

describe('listingEntries', () => {
  test.each([
    'list-new-cs.LG.html',
    'list-pastweek-cs.LG-show2000.html',
    'list-month-cs.AI-2024-03.html',
    'list-new-classic-pre2024.html',
  ])('%s: every abs link once, in page order, each with its dt and dd', (file) => {
    const entries = listingEntries(load(file));
    expect(entries.map((e) => e.id)).toEqual(regexIds(file));
    for (const e of entries) {
      expect(e.nodes.map((n) => n.tagName)).toEqual(['DT', 'DD']);
      expect(e.anchor.closest('.mathjax')).toBeNull();
      expect(e.section.tagName).toBe('DL');
    }
  }, 30_000); // happy-dom takes seconds to parse the 2.5 MB page

  test('new: three dl#articles sections sized as their headings say, cross-lists and replacements included', () => {
    const file = 'list-new-cs.LG.html';
    const entries = listingEntries(load(file));
    expect(sectionSizes(entries)).toEqual(shownPerSection(file));
    expect(new Set(entries.map((e) => e.section.id))).toEqual(new Set(['articles']));
    // The old-style entry is found (its id attribute has a slash) but is not looked up.
    expect(entries.filter((e) => !e.isNew).map((e) => e.id)).toEqual(['cs/0112017']);
    // The in-abstract link to another paper is not an entry.
    expect(entries.some((e) => e.id === '2301.00001')).toBe(false);
  });

  test('pastweek: 2,000 entries in the five day sections', () => {
    const file = 'list-pastweek-cs.LG-show2000.html';
    const entries = listingEntries(load(file));
    expect(entries).toHaveLength(shownPerSection(file).reduce((a, b) => a + b, 0));
    expect(sectionSizes(entries)).toEqual(shownPerSection(file));
  }, 30_000);

  test('month: one dl without heading', () => {
    const entries = listingEntries(load('list-month-cs.AI-2024-03.html'));
    expect(sectionSizes(entries)).toEqual([regexIds('list-month-cs.AI-2024-03.html').length]);
  });

  test('classic: anchors inside span.list-identifier, one dl per heading', () => {
    const doc = load('list-new-classic-pre2024.html');
    const entries = listingEntries(doc);
    expect(entries.every((e) => e.anchor.parentElement?.matches('span.list-identifier'))).toBe(true);
    expect(sectionSizes(entries)).toHaveLength(doc.querySelectorAll('h3').length);
  });

  test('a page without entries (search fixture) yields none', () => {
    expect(listingEntries(load('search-results.html'))).toEqual([]);
  });
});

describe('searchEntries', () => {
  test('one entry per li.arxiv-result, versions dropped, the old-style result marked', () => {
    const doc = load('search-results.html');
    const entries = searchEntries(doc);
    expect(entries.map((e) => e.id)).toEqual(regexIds('search-results.html'));
    expect(entries).toHaveLength(doc.querySelectorAll('li.arxiv-result').length);
    expect(entries.map((e) => e.isNew)).toEqual(entries.map((e) => !e.id.includes('/')));
    for (const e of entries) expect(e.nodes.map((n) => n.tagName)).toEqual(['LI']);
  });
});

describe('the entry id fast path agrees with the general parser', () => {
  test.each(['list-new-cs.LG.html', 'list-pastweek-cs.LG-show2000.html', 'list-month-cs.AI-2024-03.html', 'list-new-classic-pre2024.html'])('%s', (file) => {
    for (const e of listingEntries(load(file))) expect({ id: e.id, isNew: e.isNew }).toEqual(idFromAbsHref(e.anchor.getAttribute('href')));
  }, 30_000);

  test('odd hrefs (month 13, four digits after 2015, five before) are not taken at face value', () => {
    const doc = new DOMParser().parseFromString(`<dl>${['2613.12345', '2406.1234', '1412.12345', '1412.1234', '2606.27001v3']
      .map((id) => `<dt><a href="/abs/${id}" title="Abstract">${id}</a></dt><dd></dd>`).join('')}</dl>`, 'text/html');
    expect(listingEntries(doc).map((e) => [e.id, e.isNew])).toEqual([['1412.1234', true], ['2606.27001', true]]);
  });
});

describe('idFromAbsHref', () => {
  test.each([
    ['/abs/2606.27001', '2606.27001', true],
    ['https://arxiv.org/abs/2101.04792v2', '2101.04792', true],
    ['/abs/cs/0112017', 'cs/0112017', false],
    ['/abs/hep-th%2F9901001v3', 'hep-th/9901001', false],
    ['/abs/2606.27001/', '2606.27001', true],
    ['/abs/2606.27001?context=cs', '2606.27001', true],
  ])('%s → %s', (href, id, isNew) => {
    expect(idFromAbsHref(href)).toEqual({ id, isNew });
  });

  test.each([null, '', '/pdf/2606.27001', '/abs/', '/abs/not-an-id', '/abs/%E0%A4%A'])('%s → undefined', (href) => {
    expect(idFromAbsHref(href)).toBeUndefined();
  });
});

describe('arrange', () => {
  let doc: Document;
  let entries: PageEntry[];
  let upvotes: Map<PageEntry, number>;
  beforeAll(() => {
    doc = load('list-new-cs.LG.html', true);
    entries = listingEntries(doc);
    // Every other entry "known", with upvotes growing down the page so sorting must reverse them.
    upvotes = new Map(entries.filter((_, i) => i % 2 === 0).map((e, i) => [e, i * 10]));
  });
  const markup = () => [...doc.querySelectorAll('dl')].map((dl) => dl.innerHTML);
  const order = () => [...doc.querySelectorAll('dl')].map((dl) => [...dl.querySelectorAll('dt > a[title="Abstract"]')].map((a) => a.id));

  test('sorts within each section only, known by upvotes then unknown in page order, and restores exactly', () => {
    const before = markup();
    const original = order();
    const a = arrange(entries, upvotes);
    a.sortByUpvotes(true);
    const sorted = order();
    const expected = original.map((ids) => {
      const inSection = entries.filter((e) => ids.includes(e.id));
      const known = inSection.filter((e) => upvotes.has(e)).sort((x, y) => upvotes.get(y)! - upvotes.get(x)!);
      return [...known, ...inSection.filter((e) => !upvotes.has(e))].map((e) => e.anchor.id);
    });
    expect(sorted).toEqual(expected);
    expect(sorted).not.toEqual(original);
    // Headings stay first in their dl.
    for (const dl of doc.querySelectorAll('dl')) expect(dl.firstElementChild?.tagName).toBe('H3');
    a.sortByUpvotes(false);
    expect(markup()).toEqual(before);
  });

  test('only-known hides the other entries (dt and dd) and un-hides them without a trace', () => {
    const before = markup();
    const a = arrange(entries, upvotes);
    a.onlyKnown(true);
    for (const e of entries) {
      for (const node of e.nodes) expect(node.style.getPropertyValue('display')).toBe(upvotes.has(e) ? '' : 'none');
    }
    a.sortByUpvotes(true);
    a.restore();
    expect(markup()).toEqual(before);
  });

  test('only-new combines with only-known (both must hold) and each comes off on its own', () => {
    const before = markup();
    const fresh = new Set(entries.filter((_, i) => i % 3 === 0));
    const shown = () => entries.filter((e) => e.nodes.every((node) => node.style.getPropertyValue('display') === ''));
    const a = arrange(entries, upvotes);
    a.onlyNew(fresh);
    expect(shown()).toEqual([...fresh]);
    a.onlyKnown(true);
    expect(shown()).toEqual([...fresh].filter((e) => upvotes.has(e)));
    expect(shown().length).toBeGreaterThan(0);
    a.onlyNew(undefined);
    expect(shown()).toEqual(entries.filter((e) => upvotes.has(e)));
    a.onlyKnown(false);
    expect(markup()).toEqual(before);
    a.onlyNew(fresh);
    a.restore();
    expect(markup()).toEqual(before);
  });
});
