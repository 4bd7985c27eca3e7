/**
 * `npm run eval:related`: how well the related-papers ranker (src/shared/related.ts) finds topically related
 * papers, measured on the real corpus (../shared/fixtures/hf-api/real/corpus.json.gz).
 *
 * Protocol (issue 5): 200 query papers sampled with a fixed seed among those with ai_keywords; every other
 * paper is ranked using title + abstract ONLY (keywords hidden from the ranker, on both sides). Graded
 * relevance of a candidate = IDF-weighted cosine between the two papers' ai_keywords WORD sets (lowercase,
 * punctuation stripped). Metric: nDCG@10 with linear gain. Candidates without ai_keywords have no judgement,
 * so the main pool is the judged papers; the all-papers pool (unjudged = 0) is printed too.
 * Also prints index build time and per-query ranking time over the whole corpus (keywords included, as in
 * the product).
 */
import { loadCorpus, rng, type CorpusRecord } from './eval-corpus';
import { buildIndex, PRIOR, rankRelated, type IndexOptions, type RelatedDoc } from '../src/shared/related';

const QUERIES = 200;
const SEED = 20260821;
const K = 10;

const corpus = loadCorpus();

// ---- relevance proxy ----
const keywordWords = (r: CorpusRecord): Set<string> =>
  new Set((r.ai_keywords ?? []).flatMap((k) => k.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, ' ').split(/\s+/)).filter(Boolean));
const judged = corpus.filter((r) => r.ai_keywords?.length);
const kw = new Map(judged.map((r) => [r.id, keywordWords(r)]));
const df = new Map<string, number>();
for (const set of kw.values()) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
const idf = (w: string) => Math.log(judged.length / (df.get(w) ?? 1));
const norm = new Map([...kw].map(([id, set]) => [id, Math.sqrt([...set].reduce((s, w) => s + idf(w) ** 2, 0))]));
function relevance(q: string, d: string): number {
  const a = kw.get(q);
  const b = kw.get(d);
  if (!a || !b) return 0;
  let dot = 0;
  for (const w of a) if (b.has(w)) dot += idf(w) ** 2;
  return dot / (norm.get(q)! * norm.get(d)! || 1);
}

// ---- sampling ----
const random = rng(SEED);
const shuffled = [...judged];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
}
const queries = shuffled.slice(0, QUERIES);

const toDoc = (r: CorpusRecord, withKeywords: boolean, titleOnly = false): RelatedDoc => ({
  id: r.id,
  title: r.title,
  summary: titleOnly ? '' : r.summary,
  ...(withKeywords && r.ai_keywords ? { aiKeywords: r.ai_keywords } : {}),
  upvotes: r.upvotes,
  date: r.dailyDate,
});

const idealCache = new Map<string, number>();
function ndcg(q: CorpusRecord, ranked: string[], pool: CorpusRecord[]): number {
  const key = `${pool.length}:${q.id}`;
  let ideal = idealCache.get(key);
  if (ideal === undefined) {
    const gains = pool.filter((r) => r.id !== q.id).map((r) => relevance(q.id, r.id)).sort((a, b) => b - a).slice(0, K);
    ideal = gains.reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
    idealCache.set(key, ideal);
  }
  const dcg = ranked.slice(0, K).reduce((s, id, i) => s + relevance(q.id, id) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

type Ranker = (q: CorpusRecord) => string[];
function evaluate(pool: CorpusRecord[], ranker: Ranker): number {
  let total = 0;
  for (const q of queries) total += ndcg(q, ranker(q), pool);
  return total / queries.length;
}

function textRanker(pool: CorpusRecord[], variant: Partial<IndexOptions>, opts: { titleOnly?: boolean; prior?: boolean }): Ranker {
  const index = buildIndex(pool.map((r) => toDoc(r, false, opts.titleOnly)), variant);
  return (q) => rankRelated(index, toDoc(q, false, opts.titleOnly), {
    limit: K,
    exclude: [q.id],
    prior: opts.prior ? PRIOR : { upvotes: 0, recency: 0 },
    // Recency relative to the query paper's own day: "trending around then".
    now: Date.parse(q.dailyDate),
  }).map((h) => h.id);
}

function randomRanker(pool: CorpusRecord[]): Ranker {
  const r = rng(SEED + 1);
  return (q) => {
    const out: string[] = [];
    while (out.length < K) {
      const pick = pool[Math.floor(r() * pool.length)]!;
      if (pick.id !== q.id && !out.includes(pick.id)) out.push(pick.id);
    }
    return out;
  };
}

/** Variants measured to choose the shipped defaults (src/shared/related.ts), then the shipped ranker itself. */
const rows: [string, (pool: CorpusRecord[]) => Ranker][] = [
  ['random', randomRanker],
  ['title-only BM25 (baseline)', (pool) => textRanker(pool, {}, { titleOnly: true })],
  ['variant: unigrams, title 3×, 40 query terms', (pool) => textRanker(pool, { bigrams: false, titleWeight: 3, queryTerms: 40 }, {})],
  ['variant: + bigrams, title 3×, 40 query terms', (pool) => textRanker(pool, { bigrams: true, titleWeight: 3, queryTerms: 40 }, {})],
  ['variant: + bigrams, title 1×, 80 query terms', (pool) => textRanker(pool, { bigrams: true }, {})],
  ['variant: unigrams, title 1×, all query terms', (pool) => textRanker(pool, { queryTerms: 10_000 }, {})],
  ['ranker: BM25 unigrams, title 1×, 80 terms, no prior', (pool) => textRanker(pool, {}, {})],
  ['ranker + prior (shipped)', (pool) => textRanker(pool, {}, { prior: true })],
];

const pools: [string, CorpusRecord[]][] = [['judged pool', judged], ['all papers', corpus]];
console.log(`related-papers eval: ${queries.length} queries (seed ${SEED}), nDCG@${K}, graded relevance = IDF-weighted cosine of ai_keywords words`);
console.log(`pools: judged = ${judged.length - 1} candidates with ai_keywords; all = ${corpus.length - 1} (unjudged count as 0)\n`);
const header = `| ranker | ${pools.map(([name]) => `nDCG@10 ${name}`).join(' | ')} |`;
console.log(header);
console.log(`|${header.split('|').slice(1, -1).map(() => '---').join('|')}|`);
for (const [name, make] of rows) {
  const values = pools.map(([, pool]) => evaluate(pool, make(pool)).toFixed(3));
  console.log(`| ${name} | ${values.join(' | ')} |`);
}

// ---- timing: the product's setting (whole corpus, keywords indexed, prior on) ----
const docs = corpus.map((r) => toDoc(r, true));
let t = performance.now();
const index = buildIndex(docs);
const buildMs = performance.now() - t;
const times: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const q of queries) {
    t = performance.now();
    rankRelated(index, toDoc(q, true), { limit: 10, exclude: [q.id] });
    times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
console.log(`\ntiming over ${index.size} papers (Node ${process.version}): build ${buildMs.toFixed(0)} ms; per query median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms (budget 10 ms)`);
