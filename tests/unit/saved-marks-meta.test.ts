// @vitest-environment happy-dom
/**
 * What a listing or search entry says about its paper, saved with it (title, authors, abstract, primary class), read
 * from the real arXiv fixtures. Expected values are taken from the fixture text by regex, independent of the DOM code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { listingEntries, searchEntries } from '../../src/content/entries';
import { entryMeta } from '../../src/content/features/saved-marks';
import { metaFromDocument, metaFromHtml } from '../../src/shared/arxiv-meta';

const DIR = path.resolve('../shared/fixtures/arxiv/reconstructed');
const html = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const load = (file: string) => new DOMParser().parseFromString(html(file).replace(/<link\b[^>]*>|<script\b[\s\S]*?<\/script>/g, ''), 'text/html');
const squash = (s: string) => s.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

describe('listing entries', () => {
  const file = 'list-new-cs.LG.html';
  const doc = load(file);
  const entries = listingEntries(doc);
  // Each entry's dd, by regex over the raw file.
  const raw = [...html(file).matchAll(/<dd>([\s\S]*?)<\/dd>/g)].map((m) => m[1]!);

  test('title, authors, abstract and primary class of every entry', () => {
    expect(entries.length).toBe(raw.length);
    entries.forEach((entry, i) => {
      const dd = raw[i]!;
      const meta = entryMeta(entry);
      expect(meta.title).toBe(squash(/class='list-title[^']*'>([\s\S]*?)<\/div>/.exec(dd)![1]!).replace(/^Title:\s*/, ''));
      expect(meta.authors).toEqual([...(/class='list-authors'>([\s\S]*?)<\/div>/.exec(dd)![1]!).matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]!.trim()));
      expect(meta.primaryClass).toBe(/class="primary-subject">[^<]*\(([^)]+)\)/.exec(dd)![1]);
      const abstract = /<p class='mathjax'>([\s\S]*?)<\/p>/.exec(dd)?.[1];
      expect(meta.abstract).toBe(abstract ? squash(abstract) : undefined);
    });
    // The TeX source of a math title is kept (MathJax hasn't run in the fixture, and its output is skipped when it has).
    expect(entries.map(entryMeta).some((m) => m.title?.includes('$\\ell_1$'))).toBe(true);
  });
});

describe('search results', () => {
  test('title with highlights flattened, authors, full abstract without the More/Less toggle, first category', () => {
    const doc = load('search-results.html');
    const [first] = searchEntries(doc);
    const meta = entryMeta(first!);
    expect(first!.id).toBe('2606.27001');
    expect(meta.title).toBe('A Synthetic Fixture Paper on Keyword Spotting with $\\ell_1$ Regularisation');
    expect(meta.abstract).toBe('We study keyword spotting in a synthetic fixture; this is the full abstract, which mentions arXiv:2301.00001 as plain text.');
    expect(meta.primaryClass).toBe('cs.LG');
    expect(meta.authors!.length).toBeGreaterThan(0);
  });
});

describe('abs page', () => {
  test('the DOM reader and the HTML-text reader agree on both abs fixtures', () => {
    for (const file of ['abs-2101.04792v2.html', 'abs-hep-th-9901001-2025-header.html']) {
      expect(metaFromDocument(load(file))).toEqual(metaFromHtml(html(file)));
    }
  });
});
