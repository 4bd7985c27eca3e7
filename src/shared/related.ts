/**
 * "Related papers": a hand-written BM25 over title, abstract and ai_keywords, pure and synchronous so the
 * worker can build it once per life and the eval/bench scripts can run the very same code in Node.
 *
 * Why hand-written rather than a library (e.g. minisearch): queries here are whole papers (≈ 100 distinct
 * terms), not a few typed words. With an inverted index of precomputed BM25 term weights a query is ≤ 80
 * posting-list sums into one Float32Array (a few ms over 10,000 papers, see `npm run eval:related`), the
 * per-term contributions the "why" line needs fall out for free, and it adds no dependency.
 *
 * Scoring: BM25 (k1 = 1.2, b = 0.75) over stemmed words of title + abstract, ai_keywords counted 2× (a cheap
 * BM25F). The query keeps its 80 heaviest terms (query tf × idf). Then a small, documented prior (see `PRIOR`).
 * These choices were measured against the variants in scripts/eval-related.ts: title 3× and a 40-term query
 * scored lower; indexing bigrams too scored about the same (±0.01 nDCG@10) but doubled the index build, so
 * phrases are used only to explain a match (`sharedTerms`: "video generation" rather than "video, generation").
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

export const K1 = 1.2;
export const B = 0.75;
const TITLE_WEIGHT = 1;
export const KEYWORD_WEIGHT = 2;
const QUERY_TERMS = 80;

// Function words plus the boilerplate of ML abstracts (they match everything, so they explain nothing).
export const STOP: ReadonlySet<string> = new Set((
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
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ss|us|is|ics)$/.test(word)) return word;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Lowercased words, diacritics folded, split on anything not a letter or digit; pure numbers dropped. */
export function words(text: string): string[] {
  // Most abstracts are plain ASCII: folding diacritics and the Unicode split cost 3× more, so only when needed.
  const lower = /[^\x00-\x7f]/.test(text)
    ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u)
    : text.toLowerCase().split(/[^a-z0-9]+/);
  return lower
    .filter((w) => w.length > 1 && !/^\d+$/.test(w));
}

/** Index terms of one text with the word form they came from: stemmed unigrams without stopwords, and
 *  (optionally) bigrams of adjacent content words. */
export function termsWithForms(text: string, bigrams = true): [term: string, form: string][] {
  const out: [string, string][] = [];
  let previous: string | undefined;
  let previousWord = '';
  for (const word of words(text)) {
    if (STOP.has(word)) {
      previous = undefined;
      continue;
    }
    const term = stem(word);
    out.push([term, word]);
    if (bigrams && previous !== undefined) out.push([`${previous} ${term}`, `${previousWord} ${word}`]);
    previous = term;
    previousWord = word;
  }
  return out;
}

/** Weighted term frequencies of one paper (title 3×, keywords 2×, abstract 1×). */
export function termCounts(doc: Pick<RelatedDoc, 'title' | 'summary' | 'aiKeywords'>, options: IndexOptions, surface?: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const [term, form] of termsWithForms(text, options.bigrams)) {
      counts.set(term, (counts.get(term) ?? 0) + weight);
      if (surface && !surface.has(term)) surface.set(term, form);
    }
  };
  add(doc.title, options.titleWeight);
  add(doc.summary, 1);
  // Each keyword phrase separately: no bigram spans two keywords.
  for (const keyword of doc.aiKeywords ?? []) add(keyword, KEYWORD_WEIGHT);
  return counts;
}

/** Variants exist for `npm run eval:related` (measure and choose); the product uses the defaults. */
export interface IndexOptions {
  bigrams: boolean;
  titleWeight: number;
  /** How many of the query paper's heaviest terms are looked up. */
  queryTerms: number;
}
export const DEFAULT_OPTIONS: IndexOptions = { bigrams: false, titleWeight: TITLE_WEIGHT, queryTerms: QUERY_TERMS };

/** One term's posting list: paper positions (ascending) and their BM25 tf weights (length-normalised). */
export interface Posting {
  docs: ArrayLike<number>;
  weights: ArrayLike<number>;
  idf: number;
}

/** What ranking needs; `buildIndex` makes one, and so does shared/text-index.ts's view of the search index. */
export interface RelatedIndex {
  readonly options: IndexOptions;
  readonly size: number;
  readonly ids: readonly string[];
  /** Per-paper prior inputs. */
  readonly upvotes: ArrayLike<number>;
  readonly time: ArrayLike<number>;
  /** term → posting list; only terms in two papers or more (a term of one paper can't relate two). */
  readonly postings: { get(term: string): Posting | undefined };
  /** term → the first word form seen, for the "why" line. */
  readonly surface: { get(term: string): string | undefined };
}

export function buildIndex(docs: readonly RelatedDoc[], variant: Partial<IndexOptions> = {}): RelatedIndex {
  const options = { ...DEFAULT_OPTIONS, ...variant };
  // Terms become small integers once, so the per-paper work is array arithmetic, not string-keyed maps
  // (this halves the build time of 10,000 papers).
  const unigrams = new Map<string, number>();
  const wordIds = new Map<string, number>();
  /** Bigram (left id, right id) → id, keyed by a number: most bigrams occur once, and building a string for
   *  each of them was most of the build time. */
  const bigrams = new Map<number, number>();
  const names: string[] = [];
  const forms: string[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const df: number[] = [];
  const scratch: number[] = [];
  const docTerms: Int32Array[] = [];
  const docTfs: Float32Array[] = [];
  const lengths = new Float64Array(docs.length);
  const newTerm = (name: string, form: string, a: number, b: number) => {
    names.push(name);
    forms.push(form);
    left.push(a);
    right.push(b);
    df.push(0);
    scratch.push(0);
    return names.length - 1;
  };
  docs.forEach((doc, d) => {
    const touched: number[] = [];
    const bump = (id: number, weight: number) => {
      if (scratch[id] === 0) touched.push(id);
      scratch[id]! += weight;
    };
    const add = (text: string, weight: number) => {
      let previous = -1;
      for (const word of words(text)) {
        // One lookup per word seen before (stopword → -1): stemming and stopword tests run once per distinct word.
        let id = wordIds.get(word);
        if (id === undefined) {
          const term = stem(word);
          id = STOP.has(word) ? -1 : unigrams.get(term) ?? newTerm(term, word, -1, -1);
          if (id >= 0) unigrams.set(term, id);
          wordIds.set(word, id);
        }
        if (id < 0) {
          previous = -1;
          continue;
        }
        bump(id, weight);
        if (options.bigrams && previous >= 0) {
          const key = previous * 2 ** 26 + id;
          let pair = bigrams.get(key);
          if (pair === undefined) bigrams.set(key, (pair = newTerm('', '', previous, id)));
          bump(pair, weight);
        }
        previous = id;
      }
    };
    add(doc.title, options.titleWeight);
    add(doc.summary, 1);
    for (const keyword of doc.aiKeywords ?? []) add(keyword, KEYWORD_WEIGHT);
    const tfs = new Float32Array(touched.length);
    touched.forEach((id, i) => {
      tfs[i] = scratch[id]!;
      lengths[d]! += scratch[id]!;
      df[id]! += 1;
      scratch[id] = 0;
    });
    docTerms.push(Int32Array.from(touched));
    docTfs.push(tfs);
  });
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length);

  const postings = new Map<string, { docs: Int32Array; weights: Float32Array; idf: number }>();
  const surface = new Map<string, string>();
  const lists: ({ docs: Int32Array; weights: Float32Array; idf: number } | undefined)[] = [];
  const fill = new Int32Array(names.length);
  names.forEach((name, id) => {
    const n = df[id]!;
    // Terms in one paper only can't relate two papers: skip them (most of the bigrams).
    if (n < 2) return;
    const pair = left[id]! >= 0;
    const term = pair ? `${names[left[id]!]} ${names[right[id]!]}` : name;
    const form = pair ? `${forms[left[id]!]} ${forms[right[id]!]}` : forms[id]!;
    const list = { docs: new Int32Array(n), weights: new Float32Array(n), idf: Math.log(1 + (docs.length - n + 0.5) / (n + 0.5)) };
    lists[id] = list;
    postings.set(term, list);
    surface.set(term, form);
  });
  for (let d = 0; d < docs.length; d++) {
    const norm = K1 * (1 - B + B * (lengths[d]! / avgLength));
    const ids = docTerms[d]!;
    const tfs = docTfs[d]!;
    for (let i = 0; i < ids.length; i++) {
      const list = lists[ids[i]!];
      if (!list) continue;
      const at = fill[ids[i]!]!++;
      list.docs[at] = d;
      list.weights[at] = (tfs[i]! * (K1 + 1)) / (tfs[i]! + norm);
    }
  }
  return {
    options,
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
  const weighted = [...termCounts(query, index.options)]
    .flatMap(([term, qtf]) => {
      const list = index.postings.get(term);
      return list ? [{ term, list, weight: (1 + Math.log(qtf)) * list.idf }] : [];
    })
    .sort((a, b) => b.weight - a.weight)
    .slice(0, index.options.queryTerms);

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
function whyTerms(index: RelatedIndex, weighted: { term: string; list: Posting; weight: number }[], doc: number): string[] {
  const contributions: { term: string; value: number }[] = [];
  for (const { term, list, weight } of weighted) {
    const at = binarySearch(list.docs, doc);
    if (at >= 0) contributions.push({ term, value: weight * list.weights[at]! });
  }
  contributions.sort((a, b) => b.value - a.value);
  return pickReadable(contributions.map((c) => c.term), 3).map((term) => index.surface.get(term) ?? term);
}

/** Top terms, a phrase replacing the words it contains ("video generation" rather than "video", "generation"). */
function pickReadable(ordered: readonly string[], max: number): string[] {
  const chosen: string[] = [];
  for (const term of ordered) {
    const parts = term.split(' ');
    if (chosen.some((c) => c.split(' ').includes(term))) continue; // a word of a phrase already shown
    const inside = chosen.findIndex((c) => parts.includes(c));
    if (inside >= 0) {
      chosen[inside] = term;
      for (let i = chosen.length - 1; i > inside; i--) if (parts.includes(chosen[i]!)) chosen.splice(i, 1);
      continue;
    }
    if (chosen.length < max) chosen.push(term);
  }
  return chosen;
}

function binarySearch(sorted: ArrayLike<number>, value: number): number {
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

/**
 * Shared terms between two papers, rarest first (idf from `index`; a phrase weighs the sum of its words), phrases
 * replacing the words they contain: the readable "why" of a local hit or of an HF search result.
 */
const queryCounts = new WeakMap<object, Map<string, number>>();

export function sharedTerms(index: RelatedIndex | undefined, a: Pick<RelatedDoc, 'title' | 'summary' | 'aiKeywords'>, b: Pick<RelatedDoc, 'title' | 'summary' | 'aiKeywords'>, max = 3): string[] {
  const surface = new Map<string, string>();
  const withPhrases = { ...DEFAULT_OPTIONS, bigrams: true };
  // The same paper is `a` for every hit of one ranking: count its terms once.
  let left = queryCounts.get(a);
  if (!left) queryCounts.set(a, (left = termCounts(a, withPhrases)));
  const right = termCounts(b, withPhrases, surface);
  const wordIdf = (word: string) => index?.postings.get(word)?.idf ?? 4;
  const idf = (term: string) => index?.postings.get(term)?.idf ?? term.split(' ').reduce((sum, w) => sum + wordIdf(w), 0);
  const shared = [...left.keys()].filter((t) => right.has(t)).sort((x, y) => idf(y) * Math.min(left!.get(y)!, right.get(y)!) - idf(x) * Math.min(left!.get(x)!, right.get(x)!));
  const chosen = pickReadable(shared, max);
  return chosen.map((t) => surface.get(t) ?? t);
}
