/**
 * What the local digest picks (src/shared/digest-select.ts), on the real recorded Daily Papers days:
 * top N by upvotes interleaved with HF Trending, topics (keywords / authors), and no repeats across days.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { selectDigest, topicMatches, type DigestOptions } from '../../src/shared/digest-select';
import { parseDailyPapers } from '../../src/shared/hf-schema';
import type { PaperRecord } from '../../src/shared/types';

const day = (date: string): PaperRecord[] =>
  parseDailyPapers(JSON.parse(readFileSync(path.resolve(`../shared/fixtures/hf-api/real/daily_papers.date-${date}.json`), 'utf8')), 0, date);
const latest = day('2026-08-21');
// Stand-in for HF Trending: another real day, in its own order (trending is not sorted by upvotes).
const trending = day('2025-06-02').reverse();
const byUpvotes = [...latest].sort((a, b) => b.upvotes - a.upvotes);

const base: DigestOptions = { count: 5, keywords: [], authors: [], includeTrending: true, alreadySent: new Set() };

describe('selectDigest', () => {
  test('no topics: two daily picks by upvotes, then one trending, N in all, each with its why', () => {
    const picks = selectDigest(latest, trending, base);
    expect(picks.map((p) => p.source)).toEqual(['daily', 'daily', 'trending', 'daily', 'daily']);
    expect(picks.filter((p) => p.source === 'daily').map((p) => p.id)).toEqual(byUpvotes.slice(0, 4).map((p) => p.id));
    expect(picks[2]!.id).toBe(trending[0]!.id);
    expect(picks[0]!.why).toBe(`#1 on Daily Papers 2026-08-21, ▲ ${byUpvotes[0]!.upvotes}`);
    expect(picks[2]!.why).toBe(`#1 on HF Trending (GitHub activity), ▲ ${trending[0]!.upvotes}`);
  });

  test('N is respected, trending can be left out, and a short list gives what it has', () => {
    expect(selectDigest(latest, trending, { ...base, count: 3 })).toHaveLength(3);
    const dailyOnly = selectDigest(latest, trending, { ...base, count: 8, includeTrending: false });
    expect(dailyOnly.map((p) => p.id)).toEqual(byUpvotes.slice(0, 8).map((p) => p.id));
    expect(selectDigest(latest, [], { ...base, count: 50 })).toHaveLength(latest.length);
  });

  test('keyword topics: only matching papers, and the why names the topic', () => {
    const keyword = 'agents';
    const matching = [...latest, ...trending].filter((p) => [p.title, p.summary, ...(p.aiKeywords ?? [])].join(' ').toLowerCase().match(/\bagents?\b/));
    expect(matching.length).toBeGreaterThan(3); // the fixture days do have agent papers
    const picks = selectDigest(latest, trending, { ...base, count: 20, keywords: [keyword] });
    expect(picks.length).toBe(Math.min(20, new Set(matching.map((p) => p.id)).size));
    for (const pick of picks) expect(pick.why).toMatch(/^Matches “agents” · #\d+ on /);
    // Word boundaries: "agent" matches "agents"/"agent" but a nonsense stem matches nothing.
    expect(selectDigest(latest, trending, { ...base, keywords: ['agen'] })).toEqual([]);
  });

  test('author topics match author names case-insensitively', () => {
    const author = byUpvotes[3]!.authors[0]!;
    const picks = selectDigest(latest, trending, { ...base, authors: [author.toUpperCase()] });
    expect(picks.map((p) => p.id)).toContain(byUpvotes[3]!.id);
    const pick = picks.find((p) => p.id === byUpvotes[3]!.id)!;
    expect(pick.why).toContain(`author ${author}`);
    for (const p of picks) expect([...latest, ...trending].find((x) => x.id === p.id)!.authors.some((a) => a.toLowerCase().includes(author.toLowerCase()))).toBe(true);
  });

  test('dedupe across days: the second day skips what the first sent; a paper in both lists appears once', () => {
    const first = selectDigest(latest, trending, base);
    const second = selectDigest(latest, trending, { ...base, alreadySent: new Set(first.map((p) => p.id)) });
    expect(second).toHaveLength(5);
    expect(second.some((p) => first.some((f) => f.id === p.id))).toBe(false);
    // Same papers in both lists (trending = today): each id once.
    const both = selectDigest(latest, byUpvotes, { ...base, count: 10 });
    expect(new Set(both.map((p) => p.id)).size).toBe(both.length);
  });

  test('topicMatches reports keyword and author hits in the user’s words', () => {
    const paper = byUpvotes[0]!;
    const word = paper.title.split(/\W+/).find((w) => w.length > 5)!.toLowerCase();
    expect(topicMatches(paper, [word, 'zzzz-nothing'], [paper.authors[1]!.slice(0, 6)])).toEqual([`“${word}”`, `author ${paper.authors[1]}`]);
  });
});
