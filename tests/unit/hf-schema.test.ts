import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { HfDataError, parseDailyPapers, parsePaperDetail, parseRateLimit, parseSearchResults } from '../../src/shared/hf-schema';

const REAL = path.resolve('../shared/fixtures/hf-api/real');
const readJson = (name: string): any => JSON.parse(readFileSync(path.join(REAL, name), 'utf8'));
const daily = (date: string): any[] => readJson(`daily_papers.date-${date}.json`);

interface CorpusRecord {
  id: string;
  title: string;
  summary: string;
  upvotes: number;
  publishedAt: string;
  authors: string[];
  ai_keywords?: string[];
  ai_summary?: string;
  githubRepo?: string;
  dailyDate: string;
}
const corpus: CorpusRecord[] = JSON.parse(gunzipSync(readFileSync(path.join(REAL, 'corpus.json.gz'))).toString('utf8'));
/** Corpus records back into the wire `Paper` shape. */
const asPaper = ({ dailyDate: _d, authors, ...rest }: CorpusRecord, i = 0) => ({
  ...rest,
  authors: authors.map((name, j) => ({ _id: `${i.toString(16).padStart(12, '0')}${j.toString(16).padStart(12, '0')}`, name, hidden: false })),
});

const T = 1_750_000_000_000;
const clone = <X>(x: X): X => structuredClone(x);
const noWrap = (s: string) => !/\n|\s{2}|^\s|\s$/.test(s);

describe('parseDailyPapers on real responses', () => {
  test('2026-08-21 (current shape): values, ranks, links, AI fields', () => {
    const raw = daily('2026-08-21');
    const recs = parseDailyPapers(raw, T, '2026-08-21');
    expect(recs).toHaveLength(17);
    const [first] = recs;
    expect(first).toMatchObject({
      id: '2608.19880',
      title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
      upvotes: 163,
      numComments: 1,
      publishedAt: '2026-08-20T00:00:00.000Z',
      githubRepo: 'https://github.com/google-research/envharness',
      githubStars: 8,
      projectPage: 'https://envharness.com/',
      dailyDate: '2026-08-21',
      dailyRank: 1,
      fetchedAt: T,
    });
    expect(first!.authors).toHaveLength(17);
    expect(first!.authors[0]).toBe('Chengsong Huang');
    expect(first!.aiSummary).toMatch(/^EnvHarness and EnvRigger dynamically reshape/);
    expect(first!.aiKeywords).toHaveLength(8);
    expect(first!.aiKeywords![0]).toBe('LLM agents');

    expect(recs.map((r) => r.dailyRank)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(recs.map((r) => r.upvotes)).toEqual([163, 54, 38, 32, 30, 24, 12, 6, 5, 4, 3, 3, 2, 2, 2, 1, 1]);
    expect(recs.map((r) => r.id)).toEqual(raw.map((i) => i.paper.id));

    // The freshest paper has no AI summary yet; its projectPage is HF's own page.
    const fresh = recs.find((r) => r.id === '2608.19861')!;
    expect(fresh.aiSummary).toBeUndefined();
    expect(fresh.aiKeywords).toBeUndefined();
    expect(fresh.projectPage).toBe('https://huggingface.co/papers/2608.19861');

    expect(recs.filter((r) => r.githubRepo)).toHaveLength(12);
    for (const r of recs) if (r.githubRepo) expect(r.githubRepo).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+/);
    expect(recs.filter((r) => r.githubStars !== undefined).length).toBeGreaterThan(0);
  });

  test('2025-06-02 (mid-2025 shape): item title still wrapped, ties stay in HF order', () => {
    const raw = daily('2025-06-02');
    expect(raw[0].title).toContain('\n'); // the outer "cleaned" title is not clean in this era
    const recs = parseDailyPapers(raw, T, '2025-06-02');
    expect(recs).toHaveLength(20);
    expect(recs[0]).toMatchObject({
      id: '2505.24864',
      upvotes: 35,
      title: 'ProRL: Prolonged Reinforcement Learning Expands Reasoning Boundaries in Large Language Models',
      dailyRank: 1,
    });
    expect(recs.map((r) => r.upvotes)).toEqual([35, 28, 18, 16, 13, 13, 10, 8, 8, 8, 6, 5, 5, 3, 2, 2, 2, 2, 2, 2]);
    expect(recs.slice(4, 6).map((r) => [r.id, r.dailyRank])).toEqual([['2505.24867', 5], ['2505.18842', 6]]);
    expect(recs.find((r) => r.id === '2505.24862')!.aiSummary).toBeUndefined();
    expect(recs.filter((r) => r.aiSummary)).toHaveLength(19);
    expect(recs.map((r) => r.githubRepo).filter(Boolean)).toEqual([
      'https://github.com/ASTRAL-Group/AlphaOne',
      'https://github.com/YihongT/LLMSynthor',
      'https://github.com/TimeBlindness/time-blindness',
      'https://github.com/jun297/v1',
      'https://github.com/MetaAgentX/OpenCaptchaWorld',
      'https://github.com/SunYangtian/UniGeo',
      'https://github.com/anvo25/vlms-are-biased',
      'https://github.com/Tim-Siu/reinforcement-distillation',
      'https://github.com/vistorybench/vistorybench',
      'https://github.com/LiYinqi/un2CLIP',
      'https://github.com/jamesgolden1/llms-are-llms/',
      'https://github.com/ZLKong/LLM_Integration/tree/main',
    ]);
    expect(recs.every((r) => r.githubStars === undefined)).toBe(true);
    for (const r of recs) expect(noWrap(r.title) && noWrap(r.summary)).toBe(true);
  });

  test('2024-05-27 (legacy shape): wraps collapsed, date from top-level publishedAt, no AI fields', () => {
    const raw = daily('2024-05-27');
    const recs = parseDailyPapers(raw, T); // no explicit date: derived, and no ranks
    expect(recs).toHaveLength(13);
    expect(recs[0]).toMatchObject({
      id: '2405.15738',
      upvotes: 32,
      title: 'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models',
      numComments: 3,
      dailyDate: '2024-05-27',
    });
    expect(raw[0].paper.summary).toContain('\n');
    expect(recs[0]!.summary).toMatch(/^High-resolution Large Multimodal Models \(LMMs\) encounter the challenges of excessive/);
    for (const r of recs) {
      expect(noWrap(r.title) && noWrap(r.summary)).toBe(true);
      expect(r.dailyDate).toBe('2024-05-27');
      expect(r.dailyRank).toBeUndefined();
      expect(r.aiSummary).toBeUndefined();
      expect(r.githubRepo).toBeUndefined();
    }
    // The item title is preferred even when it keeps LaTeX that paper.title had stripped.
    expect(recs.find((r) => r.id === '2405.14906')!.title).toBe('AutoCoder: Enhancing Code Large Language Model with \\textsc{AIEV-Instruct}');
  });

  test('ranks come from upvotes, not from response order', () => {
    const raw = daily('2026-08-21').reverse();
    const recs = parseDailyPapers(raw, T, '2026-08-21');
    expect(recs[0]).toMatchObject({ id: '2608.19880', dailyRank: 1 });
    expect(recs.at(-1)!.dailyRank).toBe(17);
    for (let i = 1; i < recs.length; i++) expect(recs[i]!.upvotes).toBeLessThanOrEqual(recs[i - 1]!.upvotes);
  });

  test('derived dailyDate uses submittedOnDailyAt, not the shifted top-level publishedAt', () => {
    const raw = daily('2025-06-02');
    expect(raw[2].publishedAt.slice(0, 10)).toBe('2025-05-29');
    const recs = parseDailyPapers(raw, T);
    expect(recs.every((r) => r.dailyDate === '2025-06-02' && r.dailyRank === undefined)).toBe(true);
  });
});

describe('parseDailyPapers against drift and hostile data', () => {
  const base = () => clone(daily('2026-08-21'));

  test('non-array responses are HfDataError', () => {
    for (const bad of [{ error: 'Paper not found' }, null, 'oops', 42, undefined]) {
      let err: unknown;
      try {
        parseDailyPapers(bad, T);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(HfDataError);
      expect((err as HfDataError).name).toBe('HfDataError');
      expect((err as HfDataError).issues).toMatch(/expected an array/);
    }
    expect(parseDailyPapers([], T, '2026-08-21')).toEqual([]);
  });

  test('individually invalid items are skipped', () => {
    const raw = base();
    delete raw[0].paper.id;
    raw[1].paper.upvotes = '54';
    raw[2].paper.authors = 'someone';
    raw[3].paper.id = 'hep-th/9901001';
    raw[4].numComments = -1;
    raw[5].paper.githubStars = 'many';
    const recs = parseDailyPapers(raw, T, '2026-08-21');
    expect(recs).toHaveLength(11);
    expect(recs[0]).toMatchObject({ id: raw[6].paper.id, dailyRank: 1 });
  });

  test('more than half invalid is schema drift; exactly half is not', () => {
    const raw = base().slice(0, 10);
    for (const item of raw.slice(0, 5)) item.paper.upvotes = String(item.paper.upvotes);
    expect(parseDailyPapers(raw, T)).toHaveLength(5);
    raw[5].paper.upvotes = null;
    expect(() => parseDailyPapers(raw, T)).toThrow(HfDataError);
    try {
      parseDailyPapers(raw, T);
    } catch (e) {
      expect((e as HfDataError).issues).toMatch(/6\/10 items invalid.*paper\.upvotes/);
    }
  });

  test('extra fields and nulls in optional fields are tolerated', () => {
    const raw = base().slice(0, 2);
    raw[0].brandNew = { nested: true };
    raw[0].paper.alsoNew = [1, 2, 3];
    raw[0].paper.authors[0].orcid = '0000-0000';
    raw[1].paper.githubRepo = null;
    raw[1].paper.ai_summary = null;
    raw[1].numComments = null;
    const recs = parseDailyPapers(raw, T);
    expect(recs).toHaveLength(2);
    expect(recs[0]).not.toHaveProperty('brandNew');
    expect(recs[0]).not.toHaveProperty('alsoNew');
    expect(recs[1]!.githubRepo).toBeUndefined();
    expect(recs[1]).not.toHaveProperty('numComments');
  });

  test('missing optional fields are fine; missing titles are not', () => {
    const raw = base().slice(0, 3);
    for (const k of ['ai_summary', 'ai_keywords', 'githubRepo', 'githubStars', 'projectPage', 'submittedOnDailyAt', 'summary', 'publishedAt']) {
      delete raw[0].paper[k];
    }
    delete raw[0].summary;
    delete raw[0].numComments;
    delete raw[1].title; // falls back to paper.title
    delete raw[2].title;
    delete raw[2].paper.title;
    const recs = parseDailyPapers(raw, T);
    expect(recs.map((r) => r.id)).toEqual([raw[0].paper.id, raw[1].paper.id]);
    expect(recs[0]).toMatchObject({ summary: '', dailyDate: '2026-08-19' }); // from top-level publishedAt
    expect(recs[1]!.title).toBe(raw[1].paper.title);
  });

  test('only http(s) links survive', () => {
    const raw = base().slice(0, 6);
    raw[0].paper.githubRepo = 'javascript:alert(1)';
    raw[1].paper.githubRepo = 'data:text/html,<script>alert(1)</script>';
    raw[2].paper.projectPage = 'github.com/owner/repo';
    raw[3].paper.projectPage = ' http://example.org/x ';
    raw[4].paper.githubRepo = `https://github.com/${'a'.repeat(5000)}`;
    raw[5].paper.projectPage = 'ftp://example.org/';
    const recs = parseDailyPapers(raw, T);
    expect(recs).toHaveLength(6);
    expect(recs[0]!.githubRepo).toBeUndefined();
    expect(recs[1]!.githubRepo).toBeUndefined();
    expect(recs[2]!.projectPage).toBeUndefined();
    expect(recs[3]!.projectPage).toBe('http://example.org/x');
    expect(recs[4]!.githubRepo).toBeUndefined();
    expect(recs[5]!.projectPage).toBeUndefined();
  });

  test('hidden authors are dropped', () => {
    const raw = base().slice(0, 1);
    raw[0].paper.authors[1].hidden = true;
    const [rec] = parseDailyPapers(raw, T);
    expect(rec!.authors).toHaveLength(16);
    expect(rec!.authors).not.toContain(raw[0].paper.authors[1].name);
  });

  test('string and list sizes are capped', () => {
    const raw = base().slice(0, 1);
    const p = raw[0].paper;
    raw[0].title = 'T'.repeat(5_000);
    raw[0].summary = 'S '.repeat(20_000);
    p.ai_summary = 'A'.repeat(5_000);
    p.ai_keywords = Array.from({ length: 500 }, (_, i) => `kw${i}`);
    p.authors = Array.from({ length: 1_000 }, (_, i) => ({ _id: String(i), name: `Author ${i}`, hidden: false }));
    const [rec] = parseDailyPapers(raw, T);
    expect(rec!.title).toHaveLength(1_000);
    expect(rec!.summary).toHaveLength(10_000);
    expect(rec!.aiSummary).toHaveLength(2_000);
    expect(rec!.aiKeywords).toHaveLength(50);
    expect(rec!.authors).toHaveLength(200);
  });

  test('duplicate ids keep the first occurrence', () => {
    const raw = base().slice(0, 3);
    raw.push(clone(raw[0]));
    expect(parseDailyPapers(raw, T, '2026-08-21').map((r) => r.id)).toEqual(raw.slice(0, 3).map((i: any) => i.paper.id));
  });
});

describe('parsePaperDetail', () => {
  const paper = () => clone(daily('2026-08-21')[0].paper);

  test('bare paper with linked repos and totals', () => {
    const rec = parsePaperDetail(
      {
        ...paper(),
        numComments: 4,
        linkedModels: [{ id: 'a/b' }, { id: 'c/d' }],
        numTotalModels: 7,
        linkedDatasets: [{ id: 'e/f' }],
        linkedSpaces: [],
      },
      T,
    );
    expect(rec).toMatchObject({
      id: '2608.19880',
      title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
      upvotes: 163,
      numComments: 4,
      numModels: 7,
      numDatasets: 1,
      numSpaces: 0,
      dailyDate: '2026-08-21',
      fetchedAt: T,
    });
    expect(rec.dailyRank).toBeUndefined();
  });

  test('no linked data: counts stay unknown', () => {
    const rec = parsePaperDetail(paper(), T);
    expect(rec).not.toHaveProperty('numModels');
    expect(rec).not.toHaveProperty('numComments');
  });

  test('invalid detail throws HfDataError', () => {
    expect(() => parsePaperDetail({ error: 'Paper not found' }, T)).toThrow(HfDataError);
    expect(() => parsePaperDetail({ paper: paper() }, T)).toThrow(HfDataError); // wrapped is not the detail shape
    expect(() => parsePaperDetail({ ...paper(), upvotes: '1' }, T)).toThrow(/upvotes/);
    expect(() => parsePaperDetail({ ...paper(), linkedModels: 'x' }, T)).toThrow(HfDataError);
    const { title: _t, ...untitled } = paper();
    expect(() => parsePaperDetail(untitled, T)).toThrow(/title/);
  });

  test(`every one of the ${corpus.length} corpus papers parses`, () => {
    expect(corpus).toHaveLength(9_877);
    let aiSummaries = 0;
    let aiKeywords = 0;
    let repos = 0;
    corpus.forEach((c, i) => {
      const rec = parsePaperDetail(asPaper(c, i), T);
      expect(rec.id).toBe(c.id);
      expect(rec.upvotes).toBe(c.upvotes);
      if (!noWrap(rec.title)) throw new Error(`wrapped title in ${c.id}`);
      if (rec.aiSummary) aiSummaries++;
      if (rec.aiKeywords) aiKeywords++;
      if (rec.githubRepo) repos++;
      expect(rec.authors.length).toBe(Math.min(c.authors.length, 200));
    });
    // 6,325 records carry ai_keywords, but 15 of them are [""]: blank keywords are dropped, and so is the empty list.
    expect(corpus.filter((c) => c.ai_keywords?.length === 1 && c.ai_keywords[0] === '')).toHaveLength(15);
    expect([aiSummaries, aiKeywords, repos]).toEqual([5_711, 6_325 - 15, 3_691]);
    const huge = corpus.find((c) => c.id === '2501.14249')!;
    expect(huge.authors).toHaveLength(664);
  });
});

describe('parseSearchResults', () => {
  test('daily-item shaped and bare Paper hits, from the corpus', () => {
    const hits = corpus.slice(0, 120).map((c, i) => (i % 2 ? asPaper(c, i) : { paper: asPaper(c, i), numComments: i }));
    const recs = parseSearchResults(hits, T);
    expect(recs).toHaveLength(120);
    expect(recs[0]).toMatchObject({ id: corpus[0]!.id, numComments: 0, title: 'AutoCoder: Enhancing Code Large Language Model with AIEV-Instruct' });
    expect(recs.every((r) => r.dailyRank === undefined && r.dailyDate === undefined)).toBe(true);
  });

  test('real daily items work as search hits and keep submittedOnDailyAt as their day', () => {
    const recs = parseSearchResults(daily('2025-06-02'), T);
    expect(recs).toHaveLength(20);
    expect(recs[0]).toMatchObject({ id: '2505.24864', dailyDate: '2025-06-02' });
    // Legacy items carry no submittedOnDailyAt; their top-level publishedAt is not trusted outside daily_papers.
    expect(parseSearchResults(daily('2024-05-27'), T)[0]!.dailyDate).toBeUndefined();
  });

  test('drift rules apply', () => {
    expect(() => parseSearchResults({ results: [] }, T)).toThrow(HfDataError);
    expect(() => parseSearchResults([{ id: 'x' }, { paper: {} }, asPaper(corpus[0]!)], T)).toThrow(/2\/3 items invalid/);
  });
});

describe('parseRateLimit', () => {
  test('Retry-After in seconds and as an HTTP date', () => {
    expect(parseRateLimit(new Headers({ 'Retry-After': '30' }), T)).toEqual({ retryAt: T + 30_000 });
    const at = new Date(T + 90_000).toUTCString();
    expect(parseRateLimit(new Headers({ 'Retry-After': at }), T).retryAt).toBe(Math.floor((T + 90_000) / 1000) * 1000);
    expect(parseRateLimit(new Headers({ 'Retry-After': new Date(T - 5_000).toUTCString() }), T).retryAt).toBe(T);
    expect(parseRateLimit(new Headers({ 'Retry-After': 'soon' }), T)).toEqual({});
  });

  test('IETF RateLimit header', () => {
    expect(parseRateLimit(new Headers({ RateLimit: '"api";r=499;t=287' }), T)).toEqual({ remaining: 499 });
    expect(parseRateLimit(new Headers({ RateLimit: '"api";r=0;t=120' }), T)).toEqual({ remaining: 0, retryAt: T + 120_000 });
    expect(parseRateLimit(new Headers({ RateLimit: '"pages";r=0;t=9, "api";r=3;t=9' }), T)).toEqual({ remaining: 3 });
    expect(parseRateLimit(new Headers({ RateLimit: '"api";r=0;t=10', 'Retry-After': '60' }), T)).toEqual({ remaining: 0, retryAt: T + 60_000 });
    expect(parseRateLimit(new Headers({ RateLimit: 'garbage' }), T)).toEqual({});
    expect(parseRateLimit(new Headers(), T)).toEqual({});
  });
});
