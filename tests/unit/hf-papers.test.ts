// @vitest-environment happy-dom
/**
 * The paper cards and props of huggingface.co's Papers pages, read from the real captured pages
 * (../shared/fixtures/huggingface/real). Expected ids and titles come from the pages' own hydration JSON, parsed here
 * by regex and JSON.parse, independent of the DOM code under test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hfCards, hfPaperId, hfPropsMeta } from '../../src/content/features/hf-papers';

const DIR = path.resolve('../shared/fixtures/huggingface/real');
const raw = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const load = (file: string) => new DOMParser().parseFromString(raw(file).replace(/<link\b[^>]*>|<script\b[\s\S]*?<\/script>/g, ''), 'text/html');
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** The `data-props` of the island `target`, whichever attribute order the capture has. */
const props = (file: string, target: string) => {
  const tag = [...raw(file).matchAll(/<div\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`data-target="${target}"`))!;
  const quoted = /data-props=(?:"([^"]*)"|'([^']*)')/.exec(tag)!;
  return JSON.parse(unescape(quoted[1] ?? quoted[2]!)) as Record<string, unknown>;
};

describe('hfPaperId', () => {
  test.each<[string | null, string | undefined]>([
    ['/papers/2407.21783', '2407.21783'],
    ['/papers/2407.21783v2', '2407.21783'],
    ['https://huggingface.co/papers/2509.24002#community', '2509.24002'],
    ['/papers/2509.24002/', '2509.24002'],
    ['/login?next=%2Fpapers%2F2407.21783', undefined],
    ['/papers?q=MCPMark', undefined],
    ['/papers/date/2024-08-01', undefined],
    ['/papers/trending', undefined],
    ['/collections/shankars/ai-paper-68a5e980f8bce789562cafa4', undefined],
    ['https://arxiv.org/abs/2509.24002', undefined],
    ['#', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (href, id) => {
    expect(hfPaperId(href)).toBe(id);
  });
});

describe('daily list (hf-papers-daily-2024-08-01.html)', () => {
  const file = 'hf-papers-daily-2024-08-01.html';
  const doc = load(file);
  const daily = props(file, 'DailyPapers')['dailyPapers'] as { paper: { id: string; title: string; authors: { name: string }[]; summary: string } }[];

  test('one card per Daily Papers item, in page order, keyed by the item\'s paper id', () => {
    expect(daily.length).toBe(13);
    expect(hfCards(doc).map((c) => c.id)).toEqual(daily.map((d) => d.paper.id));
  });

  test('each mark is placed after the card\'s title heading, whose text is the paper title', () => {
    for (const [i, card] of hfCards(doc).entries()) {
      expect(card.anchor.tagName).toBe('H3');
      expect(card.anchor.textContent!.replace(/\s+/g, ' ').trim()).toBe(daily[i]!.paper.title.replace(/\s+/g, ' ').trim());
    }
  });

  test('saved metadata comes from the page\'s props: title, every author, abstract', () => {
    for (const { paper } of daily) {
      const meta = hfPropsMeta(doc, paper.id)!;
      expect(meta.title).toBe(paper.title.replace(/\s+/g, ' ').trim());
      expect(meta.authors).toEqual(paper.authors.map((a) => a.name.trim()));
      expect(meta.abstract).toBe(paper.summary.replace(/\s+/g, ' ').trim());
    }
    expect(hfPropsMeta(doc, '2509.24002')).toBeUndefined();
  });
});

describe('paper page (hf-paper-2509.24002-prettified-2025.html)', () => {
  const file = 'hf-paper-2509.24002-prettified-2025.html';
  const doc = load(file);

  test('its collection articles and concept links are not paper cards', () => {
    expect(doc.querySelectorAll('article').length).toBe(3);
    expect(hfCards(doc)).toEqual([]);
  });

  test('PaperContent props give the paper\'s title and authors', () => {
    const paper = props(file, 'PaperContent')['paper'] as { id: string; title: string; authors: { name: string }[] };
    expect(paper.id).toBe('2509.24002');
    const meta = hfPropsMeta(doc, '2509.24002')!;
    expect(meta.title).toBe(paper.title.replace(/\s+/g, ' ').trim());
    expect(meta.authors).toEqual(paper.authors.map((a) => a.name.trim()));
    expect(meta.authors!.length).toBeGreaterThan(0);
  });
});
