/**
 * "Related papers": a hand-written BM25 over title, abstract and ai_keywords, pure and synchronous so the
 * worker can build it once per life and the eval/bench scripts can run the very same code in Node.
 *
 * Why hand-written rather than minisearch: queries here are whole papers (≈ 100 distinct terms), not a few
 * typed words. With an inverted index of precomputed BM25 term weights a query is ~40 posting-list sums
 * into one Float32Array (≈ 1 ms over 10,000 papers, see `npm run eval:related`), and the per-term
 * contributions we need for the "why" line fall out for free.
 *
 * Scoring: BM25 (k1 = 1.2, b = 0.75) with the title counted 3× and ai_keywords 2× (a cheap BM25F), plus
 * adjacent-word bigrams ("video generation") so phrases outrank their common words. The query keeps its
 * 40 heaviest terms (query tf × idf). Then a small, documented prior (see `PRIOR`).
 */

/** A paper as the ranker needs it; `date` is any ISO date/time (the Daily Papers day or arXiv date). */
export interface RelatedDoc {
  id: string;
  title: string;
  summary: string;
  aiKeywords?: string[];
  upvotes?: number;
  date?: string;
}

export interface RelatedHit {
  id: string;
  /** Final score (BM25 × prior). */
  score: number;
  /** Shared terms that drove the match, heaviest first, in readable form ("video generation"). */
  terms: string[];
}

export interface RankOptions {
  limit?: number;
  /** Multiplicative prior weights; `{ upvotes: 0, recency: 0 }` ranks by text alone. */
  prior?: { upvotes: number; recency: number };
  /** "Now" for the recency prior (ms since epoch). */
  now?: number;
  /** Ids never returned (the paper itself). */
  exclude?: Iterable<string>;
}

/**
 * The prior: score × (1 + 0.15·u + 0.10·r), u = log(1+upvotes)/log(1+200) capped at 1, r = 0.5^(age/60 days).
 * At most +25 %: enough to order near-ties by community interest and freshness, never enough to lift a weak
 * textual match over a strong one. Its cost in topical accuracy is measured by `npm run eval:related`.
 */
export const PRIOR = { upvotes: 0.15, recency: 0.1 } as const;
const UPVOTE_SATURATION = Math.log1p(200);
const RECENCY_HALF_LIFE_DAYS = 60;

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;
const KEYWORD_WEIGHT = 2;
const QUERY_TERMS = 40;

// Function words plus the boilerplate of ML abstracts (they match everything, so they explain nothing).
const STOP = new Set((
  'a an and are as at be been being but by can could do does for from had has have how however i if in into is it its '
  + 'itself may more most much no not of on or our ours over such than that the their them then there these they this '
  + 'those through thus to under up upon via was we were what when where which while who whose why will with within '
  + 'without would also both each either other another any all some same so very well just only among between across '
  + 'further furthermore moreover here paper papers propose proposed proposes present presents presented introduce '
  + 'introduces introduced show shows shown demonstrate demonstrates demonstrated approach approaches method methods '
  + 'result results work works novel new existing prior recent recently based using use used uses leverage leverages '
  + 'achieve achieves achieved significantly significant substantially extensive experiments experiment experimental '
  + 'state art sota outperform outperforms outperforming code available https http github com www project page first '
  + 'one two three key main often even many various several different given make makes making enable enables '
  + 'effective effectively efficient efficiently improve improves improved improvement improvements task tasks '
  + 'performance high large small address addresses challenge challenges problem problems framework'
).split(' '));

/** "Models" → "model", "studies" → "study"; deliberately timid (no Porter): surface forms stay readable. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ss|us|is|ics)$/.test(word)) return word;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Lowercased words, diacritics folded, split on anything not a letter or digit; pure numbers dropped. */
export function words(text: string): string[] {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !/^\d+$/.test(w));
}

/** Index terms of one text: stemmed unigrams without stopwords, plus bigrams of adjacent content words. */
export function terms(text: string, surface?: Map<string, string>): string[] {
  const out: string[] = [];
  let previous: string | undefined;
  let previousWord = '';
  for (const word of words(text)) {
    if (STOP.has(word)) {
      previous = undefined;
      continue;
    }
    const term = stem(word);
    out.push(term);
    if (surface && !surface.has(term)) surface.set(term, word);
    if (previous !== undefined) {
      const bigram = `${previous} ${term}`;
      out.push(bigram);
      if (surface && !surface.has(bigram)) surface.set(bigram, `${previousWord} ${word}`);
    }
    previous = term;
    previousWord = word;
  }
  return out;
}

/** Weighted term frequencies of one paper (title 3×, keywords 2×, abstract 1×). */
function termCounts(doc: Pick<RelatedDoc, 'title' | 'summary' | 'aiKeywords'>, surface?: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const term of terms(text, surface)) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  add(doc.title, TITLE_WEIGHT);
  add(doc.summary, 1);
  // Each keyword phrase separately: no bigram spans two keywords.
  for (const keyword of doc.aiKeywords ?? []) add(keyword, KEYWORD_WEIGHT);
  return counts;
}

export interface RelatedIndex {
  readonly size: number;
  readonly ids: string[];
  /** Per-paper prior inputs. */
  readonly upvotes: Float32Array;
  readonly time: Float64Array;
  /** term → posting list: paper positions (ascending) and their BM25 tf weights (length-normalised). */
  readonly postings: Map<string, { docs: Int32Array; weights: Float32Array; idf: number }>;
  /** term → the first word form seen, for the "why" line. */
  readonly surface: Map<string, string>;
}

export function buildIndex(docs: readonly RelatedDoc[]): RelatedIndex {
  const surface = new Map<string, string>();
  const perDoc = docs.map((doc) => termCounts(doc, surface));
  const lengths = perDoc.map((counts) => {
    let length = 0;
    for (const n of counts.values()) length += n;
    return length;
  });
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length);
  const df = new Map<string, number>();
  for (const counts of perDoc) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);

  const postings: RelatedIndex['postings'] = new Map();
  const fill = new Map<string, number>();
  for (const [term, n] of df) {
    // Terms in one paper only can't relate two papers: skip them (about half the vocabulary).
    if (n < 2) continue;
    const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
    postings.set(term, { docs: new Int32Array(n), weights: new Float32Array(n), idf });
    fill.set(term, 0);
  }
  perDoc.forEach((counts, doc) => {
    const norm = K1 * (1 - B + B * (lengths[doc]! / avgLength));
    for (const [term, tf] of counts) {
      const list = postings.get(term);
      if (!list) continue;
      const at = fill.get(term)!;
      list.docs[at] = doc;
      list.weights[at] = (tf * (K1 + 1)) / (tf + norm);
      fill.set(term, at + 1);
    }
  });
  for (const term of [...surface.keys()]) if (!postings.has(term)) surface.delete(term);
  return {
    size: docs.length,
    ids: docs.map((d) => d.id),
    upvotes: Float32Array.from(docs, (d) => d.upvotes ?? 0),
    time: Float64Array.from(docs, (d) => (d.date ? Date.parse(d.date) : Number.NaN)),
    postings,
    surface,
  };
}

/** Ranks the indexed papers against one paper (or any text in its shape). */
export function rankRelated(index: RelatedIndex, query: Pick<RelatedDoc, 'title' | 'summary' | 'aiKeywords'>, options: RankOptions = {}): RelatedHit[] {
  const { limit = 10, prior = PRIOR, now = Date.now() } = options;
  const weighted = [...termCounts(query)]
    .flatMap(([term, qtf]) => {
      const list = index.postings.get(term);
      return list ? [{ term, list, weight: (1 + Math.log(qtf)) * list.idf }] : [];
    })
    .sort((a, b) => b.weight - a.weight)
    .slice(0, QUERY_TERMS);

  const scores = new Float32Array(index.size);
  for (const { list, weight } of weighted) {
    const { docs, weights } = list;
    for (let i = 0; i < docs.length; i++) scores[docs[i]!]! += weight * weights[i]!;
  }
  const excluded = new Set(options.exclude ?? []);
  const usePrior = prior.upvotes > 0 || prior.recency > 0;
  // Keep the top `limit` in a small sorted array: cheaper than sorting 10,000 scores.
  const top: { doc: number; score: number }[] = [];
  for (let doc = 0; doc < index.size; doc++) {
    let score = scores[doc]!;
    if (score <= 0) continue;
    if (usePrior) score *= priorFactor(index, doc, prior, now);
    if (top.length === limit && score <= top[top.length - 1]!.score) continue;
    if (excluded.has(index.ids[doc]!)) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.score < score) at--;
    top.splice(at, 0, { doc, score });
    if (top.length > limit) top.pop();
  }
  return top.map(({ doc, score }) => ({ id: index.ids[doc]!, score, terms: whyTerms(index, weighted, doc) }));
}

function priorFactor(index: RelatedIndex, doc: number, prior: { upvotes: number; recency: number }, now: number): number {
  const up = Math.min(1, Math.log1p(index.upvotes[doc]!) / UPVOTE_SATURATION);
  const time = index.time[doc]!;
  const ageDays = Number.isNaN(time) ? Infinity : Math.max(0, now - time) / 86_400_000;
  return 1 + prior.upvotes * up + prior.recency * 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS);
}

/** The query terms that contributed most to one paper's score; a bigram hides the words it contains. */
function whyTerms(index: RelatedIndex, weighted: { term: string; list: { docs: Int32Array; weights: Float32Array }; weight: number }[], doc: number): string[] {
  const contributions: { term: string; value: number }[] = [];
  for (const { term, list, weight } of weighted) {
    const at = binarySearch(list.docs, doc);
    if (at >= 0) contributions.push({ term, value: weight * list.weights[at]! });
  }
  contributions.sort((a, b) => b.value - a.value);
  const chosen: string[] = [];
  for (const { term } of contributions) {
    if (chosen.length === 3) break;
    const covered = chosen.some((c) => c.split(' ').includes(term) || term.split(' ').includes(c));
    if (covered) {
      // Prefer the phrase over a word it contains.
      const index_ = chosen.findIndex((c) => term.includes(' ') && term.split(' ').includes(c));
      if (index_ >= 0 && !chosen.includes(term)) chosen[index_] = term;
      continue;
    }
    chosen.push(term);
  }
  return [...new Set(chosen)].map((term) => index.surface.get(term) ?? term);
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid]!;
    if (x === value) return mid;
    if (x < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The one-line "why" shown under a related paper. */
export const whyLine = (shared: readonly string[]): string => (shared.length ? `Shared: ${shared.join(', ')}` : 'Similar wording');

/** Shared terms between two texts, heaviest (rarest in `index`) first: explains an HF search result. */
export function sharedTerms(index: RelatedIndex | undefined, a: Pick<RelatedDoc, 'title' | 'summary' | 'aiKeywords'>, b: Pick<RelatedDoc, 'title' | 'summary' | 'aiKeywords'>, max = 3): string[] {
  const surface = new Map<string, string>();
  const left = termCounts(a);
  const right = termCounts(b, surface);
  const idf = (term: string) => index?.postings.get(term)?.idf ?? (term.includes(' ') ? 8 : 4);
  const shared = [...left.keys()].filter((t) => right.has(t)).sort((x, y) => idf(y) * Math.min(left.get(y)!, right.get(y)!) - idf(x) * Math.min(left.get(x)!, right.get(x)!));
  const chosen: string[] = [];
  for (const term of shared) {
    if (chosen.length === max) break;
    if (chosen.some((c) => c.split(' ').includes(term) || term.split(' ').includes(c))) continue;
    chosen.push(term);
  }
  return chosen.map((t) => surface.get(t) ?? t);
}
