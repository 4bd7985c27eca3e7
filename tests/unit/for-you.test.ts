/**
 * "For you" (src/shared/for-you.ts) on the real corpus: a reading list of papers on one topic gets the week's papers
 * on that topic above unrelated ones, each with its "why"; near-duplicates don't fill the list; every third pick is
 * the most upvoted of the week; saved papers are never picked; recent and unread saves weigh more. Plus the evaluation's pure
 * metrics (scripts/ranking-metrics.ts) on hand-computed cases.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { rankForYou, saveWeight, type ForYouCandidate, type SavedPaper } from '../../src/shared/for-you';
import { buildIndex } from '../../src/shared/related';
import { intraListSimilarity, ndcgAt, weightedCosine } from '../../scripts/ranking-metrics';

interface CorpusRecord { id: string; title: string; summary: string; upvotes: number; ai_keywords?: string[]; dailyDate: string }
const corpus = JSON.parse(gunzipSync(readFileSync('../shared/fixtures/hf-api/real/corpus.json.gz')).toString('utf8')) as CorpusRecord[];
const index = buildIndex(corpus.map((r) => ({ id: r.id, title: r.title, summary: r.summary, aiKeywords: r.ai_keywords, upvotes: r.upvotes, date: r.dailyDate })));
const NOW = Date.UTC(2026, 7, 22);
const asCandidate = (r: CorpusRecord): ForYouCandidate => ({ id: r.id, title: r.title, summary: r.summary, aiKeywords: r.ai_keywords, upvotes: r.upvotes });
const asSaved = (r: CorpusRecord, daysAgo = 3, read = false): SavedPaper => ({ id: r.id, title: r.title, summary: r.summary, aiKeywords: r.ai_keywords, addedAt: NOW - daysAgo * 86_400_000, read });
const about = (word: RegExp) => corpus.filter((r) => word.test(r.title));

describe('metrics (pure)', () => {
  test('nDCG@k: perfect order 1, reversed lower, no gain 0; ILS; weighted cosine', () => {
    expect(ndcgAt([3, 2, 1], [1, 2, 3], 3)).toBe(1);
    const reversed = (1 / 1 + 2 / Math.log2(3) + 3 / 2) / (3 + 2 / Math.log2(3) + 1 / 2);
    expect(ndcgAt([1, 2, 3], [3, 2, 1], 3)).toBeCloseTo(reversed, 10);
    expect(ndcgAt([0, 0], [0, 0, 0], 2)).toBe(0);
    // Only the top k count, of the picks and of the ideal.
    expect(ndcgAt([1, 0, 5], [5, 1, 0], 1)).toBeCloseTo(1 / 5, 10);
    expect(intraListSimilarity([1, 1, 2], (a, b) => (a === b ? 1 : 0))).toBeCloseTo(1 / 3, 10);
    expect(intraListSimilarity(['x'], () => 1)).toBe(0);
    const idf = (w: string) => (w === 'rare' ? 2 : 1);
    expect(weightedCosine(new Set(['rare', 'a']), new Set(['rare', 'b']), idf)).toBeCloseTo(4 / 5, 10);
    expect(weightedCosine(new Set(['a']), new Set(['b']), idf)).toBe(0);
  });
});

describe('rankForYou on the corpus', () => {
  // A reader of speech papers; the candidates: other speech papers among 40 of one real week's unrelated ones.
  const speech = about(/\b(speech|text-to-speech|tts|asr)\b/i);
  const saved = speech.slice(0, 6).map((r) => asSaved(r));
  const related = speech.slice(6, 12);
  const week = corpus.filter((r) => r.dailyDate >= '2026-08-10' && r.dailyDate <= '2026-08-16' && !/speech|audio|voice|tts|asr/i.test(`${r.title} ${r.summary}`)).slice(0, 40);

  test('papers on the saved topic rank above unrelated ones, each with its why; saved papers are never picked', () => {
    expect(speech.length).toBeGreaterThan(15);
    const candidates = [...week, ...related, ...speech.slice(0, 2)].map(asCandidate);
    const picks = rankForYou(index, candidates, saved, { count: 5, now: NOW });
    expect(picks).toHaveLength(5);
    const relatedIds = new Set(related.map((r) => r.id));
    const forYou = picks.filter((p) => p.kind === 'for-you');
    expect(forYou.length).toBeGreaterThanOrEqual(3);
    expect(forYou.every((p) => relatedIds.has(p.id))).toBe(true);
    expect(picks.some((p) => saved.some((s) => s.id === p.id))).toBe(false);
    for (const p of forYou) {
      expect(p.why).toMatch(/^Close to \d paper(s)? you saved: “.+”/);
      expect(saved.map((s) => s.id)).toContain(p.closeTo[0]);
    }
    // Every third pick is the top of the week, with its own why.
    expect(picks[2]).toMatchObject({ kind: 'top' });
    expect(picks[2]!.why).toMatch(/^Top of the week on Daily Papers: #1 by upvotes, ▲ \d+$/);
  });

  test('diversity: three copies of the closest paper do not fill the list (they do without it)', () => {
    const best = rankForYou(index, [...week, ...related].map(asCandidate), saved, { count: 1, now: NOW })[0]!;
    const original = related.find((r) => r.id === best.id)!;
    const copies = [1, 2].map((n) => ({ ...asCandidate(original), id: `${original.id}-copy${n}` }));
    const candidates = [...week, ...related].map(asCandidate).concat(copies);
    const dupes = (ids: string[]) => ids.filter((id) => id.startsWith(original.id)).length;
    const plain = rankForYou(index, candidates, saved, { count: 4, now: NOW, diversity: 0, topEvery: Infinity }).map((p) => p.id);
    const shipped = rankForYou(index, candidates, saved, { count: 4, now: NOW }).map((p) => p.id);
    expect(dupes(plain)).toBe(3);
    expect(dupes(shipped)).toBe(1);
  });

  test('an empty or unrelated reading list gives the most upvoted; recent, unread saves weigh more', () => {
    const picks = rankForYou(index, week.map(asCandidate), [], { count: 3, now: NOW });
    const top = [...week].sort((a, b) => b.upvotes - a.upvotes).slice(0, 3).map((r) => r.id);
    expect(picks.map((p) => p.id)).toEqual(top);
    expect(picks.every((p) => p.kind === 'top')).toBe(true);
    expect(saveWeight({ addedAt: NOW, read: false }, NOW)).toBe(1);
    expect(saveWeight({ addedAt: NOW - 60 * 86_400_000, read: false }, NOW)).toBeCloseTo(0.5, 5);
    expect(saveWeight({ addedAt: NOW, read: true }, NOW)).toBe(0.5);
    expect(saveWeight({ addedAt: 0, read: false }, NOW)).toBe(0.25);
  });
});
