/**
 * One inverted index over the cached papers for BOTH the popup's search box and "related papers": the tokenisation of
 * shared/related.ts (same words, stems and stopwords), one posting per (term, paper) with the BM25 tf weight the
 * related ranking uses, and whether the term is in the paper's title or authors (those hits rank first in search).
 *
 * Why one flat, typed-array index: the worker persists it in IndexedDB's `meta` store as one value, and typed arrays
 * and string arrays are structured-cloned in a few ms, so the first answer after a worker restart doesn't re-read and
 * re-tokenise 25,000 abstracts (≈ 2 s). Papers added later are tokenised alone and merged in (`appendDocs`): the
 * BM25 statistics of the last full build stay (a few % more papers barely move idf or the mean length), and the
 * worker rebuilds fully once the index has grown by a quarter (background/search/index-store.ts).
 *
 * Sizes: per posting a doc position (Uint16 up to 65,535 papers, else Uint32) and one byte: the BM25 tf weight
 * quantised to 7 bits (weights lie in (0, k1+1); 1/127 steps reorder only near-ties, see tests/unit/text-index.test.ts)
 * plus the title-or-authors bit. ≈ 3 bytes × 2.6 million postings for 25,000 papers.
 */
import { B, DEFAULT_OPTIONS, K1, KEYWORD_WEIGHT, STOP, stem, words, type Posting, type RelatedIndex } from './related';

/** Bump when the stored shape or the tokenisation changes: a stored index of another format is rebuilt. */
export const TEXT_INDEX_FORMAT = 1;

const FIELD = { title: 1, authors: 2, keywords: 4, abstract: 8 } as const;
/** A posting byte's bit for "in the title or the authors"; the other 7 bits are the quantised weight. */
const NAMED = 128;
const WEIGHT_BITS = 127;

/** A paper as the index needs it. */
export interface IndexDoc {
  id: string;
  title: string;
  authors: readonly string[];
  summary: string;
  aiKeywords?: readonly string[];
  upvotes?: number;
  /** Any ISO date/time: the Daily Papers day or the arXiv date (the related ranking's recency prior). */
  date?: string;
}

export interface TextIndex {
  readonly format: number;
  readonly size: number;
  readonly ids: string[];
  readonly upvotes: Float32Array;
  readonly time: Float64Array;
  /** Sorted vocabulary (code-unit order): prefix search is a binary search plus a scan. */
  readonly terms: string[];
  /** Word forms for the "why" line, only where they differ from the term ("models" for `model`). */
  readonly forms: Map<string, string>;
  /** Postings of terms[t] are offsets[t] … offsets[t+1]-1. */
  readonly offsets: Uint32Array;
  readonly docs: Uint16Array | Uint32Array;
  /** Bits 0–6: quantised BM25 tf weight over title + abstract + keywords (0: the term is only in the authors);
   *  bit 7 (`NAMED`): the term is in the title or the authors. */
  readonly weights: Uint8Array;
  /** Papers with the term in title, abstract or keywords (the related ranking's df; authors don't relate papers). */
  readonly contentDf: Uint32Array;
  /** Mean content length at the last full build: merged papers are weighted with it too. */
  readonly avgLength: number;
  /** Papers at the last full build (the worker rebuilds once `size` outgrows it by a quarter). */
  readonly builtSize: number;
}

const QUANT = WEIGHT_BITS / (K1 + 1);
const docArray = (length: number, maxDoc: number) => (maxDoc < 65_536 ? new Uint16Array(length) : new Uint32Array(length));
const idfOf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

interface Tokenised {
  names: string[];
  forms: string[];
  docTerms: Int32Array[];
  docTfs: Float32Array[];
  docFields: Uint8Array[];
  lengths: Float64Array;
}

function tokenise(docs: readonly IndexDoc[]): Tokenised {
  const ids = new Map<string, number>();
  /** word → term id, -1 for a stopword: stemming and the stopword test run once per distinct word, not per word. */
  const wordIds = new Map<string, number>();
  const names: string[] = [];
  const forms: string[] = [];
  const tf: number[] = [];
  const field: number[] = [];
  const out: Tokenised = { names, forms, docTerms: [], docTfs: [], docFields: [], lengths: new Float64Array(docs.length) };
  docs.forEach((doc, d) => {
    const touched: number[] = [];
    const termId = (word: string) => {
      const term = stem(word);
      let id = ids.get(term);
      if (id === undefined) {
        ids.set(term, (id = names.length));
        names.push(term);
        forms.push(word);
        tf.push(0);
        field.push(0);
      }
      return id;
    };
    const count = (id: number, weight: number, bit: number) => {
      if (field[id] === 0) touched.push(id);
      tf[id]! += weight;
      field[id]! |= bit;
    };
    const add = (text: string, weight: number, bit: number) => {
      for (const word of words(text)) {
        let id = wordIds.get(word);
        if (id === undefined) wordIds.set(word, (id = STOP.has(word) ? -1 : termId(word)));
        if (id >= 0) count(id, weight, bit);
      }
    };
    add(doc.title, DEFAULT_OPTIONS.titleWeight, FIELD.title);
    add(doc.summary, 1, FIELD.abstract);
    for (const keyword of doc.aiKeywords ?? []) add(keyword, KEYWORD_WEIGHT, FIELD.keywords);
    // Names count for search only: no tf, so they never weigh in the related ranking; "May", "Will" are names here.
    for (const author of doc.authors) for (const word of words(author)) count(termId(word), 0, FIELD.authors);
    const tfs = new Float32Array(touched.length);
    const bits = new Uint8Array(touched.length);
    touched.forEach((id, i) => {
      tfs[i] = tf[id]!;
      bits[i] = field[id]!;
      out.lengths[d]! += tf[id]!;
      tf[id] = 0;
      field[id] = 0;
    });
    out.docTerms.push(Int32Array.from(touched));
    out.docTfs.push(tfs);
    out.docFields.push(bits);
  });
  return out;
}

/** A full build; `stats` (a merge) keeps another index's mean length so old and new weights compare. */
export function buildTextIndex(docs: readonly IndexDoc[], stats?: { avgLength: number }): TextIndex {
  const t = tokenise(docs);
  const avgLength = stats?.avgLength ?? (t.lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length) || 1);
  const order = t.names.map((_, i) => i).sort((a, b) => (t.names[a]! < t.names[b]! ? -1 : 1));
  const rank = new Int32Array(order.length);
  order.forEach((id, r) => void (rank[id] = r));
  const counts = new Uint32Array(order.length + 1);
  const contentDf = new Uint32Array(order.length);
  t.docTerms.forEach((ids, d) => ids.forEach((id, i) => {
    counts[rank[id]! + 1]! += 1;
    if (t.docTfs[d]![i]! > 0) contentDf[rank[id]!]! += 1;
  }));
  const offsets = new Uint32Array(order.length + 1);
  for (let r = 0; r < order.length; r++) offsets[r + 1] = offsets[r]! + counts[r + 1]!;
  const total = offsets[order.length]!;
  const postingDocs = docArray(total, docs.length - 1);
  const weights = new Uint8Array(total);
  const fill = offsets.slice(0, order.length);
  t.docTerms.forEach((ids, d) => {
    const norm = K1 * (1 - B + B * (t.lengths[d]! / avgLength));
    const tfs = t.docTfs[d]!;
    ids.forEach((id, i) => {
      const at = fill[rank[id]!]!++;
      const tf = tfs[i]!;
      postingDocs[at] = d;
      const weight = tf > 0 ? Math.max(1, Math.round(((tf * (K1 + 1)) / (tf + norm)) * QUANT)) : 0;
      weights[at] = weight | (t.docFields[d]![i]! & (FIELD.title | FIELD.authors) ? NAMED : 0);
    });
  });
  const forms = new Map<string, string>();
  order.forEach((id) => {
    if (t.forms[id] !== t.names[id]) forms.set(t.names[id]!, t.forms[id]!);
  });
  return {
    format: TEXT_INDEX_FORMAT,
    size: docs.length,
    ids: docs.map((d) => d.id),
    upvotes: Float32Array.from(docs, (d) => d.upvotes ?? 0),
    time: Float64Array.from(docs, (d) => (d.date ? Date.parse(d.date) : Number.NaN)),
    terms: order.map((id) => t.names[id]!),
    forms,
    offsets,
    docs: postingDocs,
    weights,
    contentDf,
    avgLength,
    builtSize: docs.length,
  };
}

/** `index` plus `added` papers (none of them already in it): only the new papers are tokenised. */
export function appendDocs(index: TextIndex, added: readonly IndexDoc[]): TextIndex {
  if (!added.length) return index;
  const extra = buildTextIndex(added, index);
  const size = index.size + added.length;
  const terms: string[] = [];
  const offsets: number[] = [0];
  const contentDf: number[] = [];
  const docs = docArray(index.docs.length + extra.docs.length, size - 1);
  const weights = new Uint8Array(docs.length);
  let at = 0;
  const copy = (from: TextIndex, t: number, shift: number) => {
    for (let p = from.offsets[t]!; p < from.offsets[t + 1]!; p++, at++) {
      docs[at] = from.docs[p]! + shift;
      weights[at] = from.weights[p]!;
    }
    return from.contentDf[t]!;
  };
  // Merge two sorted vocabularies; a term's old postings come first, so positions stay ascending.
  for (let a = 0, b = 0; a < index.terms.length || b < extra.terms.length;) {
    const ta = index.terms[a];
    const tb = extra.terms[b];
    const term = tb === undefined || (ta !== undefined && ta <= tb) ? ta! : tb;
    let df = 0;
    if (ta === term) df += copy(index, a++, 0);
    if (tb === term) df += copy(extra, b++, index.size);
    terms.push(term);
    contentDf.push(df);
    offsets.push(at);
  }
  const join = <T extends Float32Array | Float64Array>(make: new (n: number) => T, x: T, y: T): T => {
    const out = new make(size);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    ...index,
    size,
    ids: [...index.ids, ...extra.ids],
    upvotes: join(Float32Array, index.upvotes, extra.upvotes),
    time: join(Float64Array, index.time, extra.time),
    terms,
    forms: new Map([...extra.forms, ...index.forms]),
    offsets: Uint32Array.from(offsets),
    docs,
    weights,
    contentDf: Uint32Array.from(contentDf),
  };
}

/** The index as stored in `meta`: ids and vocabulary each as one string, which IndexedDB clones far faster than arrays
 *  of 80,000 short strings. */
export type PackedTextIndex = Omit<TextIndex, 'ids' | 'terms'> & { ids: string; terms: string };

export const packIndex = (index: TextIndex): PackedTextIndex => ({ ...index, ids: index.ids.join('\n'), terms: index.terms.join('\n') });

export function unpackIndex(packed: PackedTextIndex): TextIndex {
  const split = (s: string) => (s ? s.split('\n') : []);
  return { ...packed, ids: split(packed.ids), terms: split(packed.terms) };
}

/**
 * The index for the cache's papers `docs`, from `base` (an index of an earlier state of the cache, or none): unchanged
 * papers keep their postings (their upvotes are updated in place: the ranking's prior), new papers are merged in; a
 * full build when papers left the cache (cleared) or the index would outgrow its last full build by a quarter.
 */
export function reconcileIndex(base: TextIndex | undefined, docs: readonly IndexDoc[]): { index: TextIndex; how: 'built' | 'merged' | 'unchanged' } {
  if (!base) return { index: buildTextIndex(docs), how: 'built' };
  const position = new Map(base.ids.map((id, i) => [id, i]));
  const added: IndexDoc[] = [];
  let kept = 0;
  for (const doc of docs) {
    const at = position.get(doc.id);
    if (at === undefined) added.push(doc);
    else {
      kept++;
      base.upvotes[at] = doc.upvotes ?? 0;
    }
  }
  if (kept < base.size || base.size + added.length > base.builtSize * 1.25) return { index: buildTextIndex(docs), how: 'built' };
  return added.length ? { index: appendDocs(base, added), how: 'merged' } : { index: base, how: 'unchanged' };
}

/** First position in the sorted vocabulary whose term is ≥ `term`. */
function lowerBound(terms: readonly string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function termPosition(index: TextIndex, term: string): number {
  const at = lowerBound(index.terms, term);
  return index.terms[at] === term ? at : -1;
}

/**
 * The related ranking's view (shared/related.ts `RelatedIndex`) of the shared index: content postings only, of terms
 * in two papers or more, as `buildIndex` would have them (tests/unit/text-index.test.ts compares the two).
 */
export function relatedView(index: TextIndex): RelatedIndex {
  const memo = new Map<string, Posting | undefined>();
  const posting = (term: string): Posting | undefined => {
    const t = termPosition(index, term);
    const df = t >= 0 ? index.contentDf[t]! : 0;
    if (df < 2) return undefined;
    // Decoded on first use: a ranking asks the idf of every term of its paper but reads the lists of its 80 heaviest.
    let lists: { docs: Int32Array; weights: Float32Array } | undefined;
    const decode = () => {
      if (lists) return lists;
      lists = { docs: new Int32Array(df), weights: new Float32Array(df) };
      for (let p = index.offsets[t]!, i = 0; p < index.offsets[t + 1]!; p++) {
        const weight = index.weights[p]! & WEIGHT_BITS;
        if (weight === 0) continue;
        lists.docs[i] = index.docs[p]!;
        lists.weights[i++] = weight / QUANT;
      }
      return lists;
    };
    return { idf: idfOf(index.size, df), get docs() { return decode().docs; }, get weights() { return decode().weights; } };
  };
  return {
    options: DEFAULT_OPTIONS,
    size: index.size,
    ids: index.ids,
    upvotes: index.upvotes,
    time: index.time,
    postings: {
      get(term) {
        if (!memo.has(term)) memo.set(term, posting(term));
        return memo.get(term);
      },
    },
    surface: { get: (term) => (termPosition(index, term) >= 0 ? index.forms.get(term) ?? term : undefined) },
  };
}

// ── search ──

export interface SearchHit {
  id: string;
  score: number;
  /** Query words found in the title or the authors (hits with more of them rank first). */
  titleOrAuthor: number;
}

export interface TextSearch {
  hits: SearchHit[];
  /** All papers matching every query word. */
  total: number;
  /** The query had no searchable word (empty, one letter, only stopwords). */
  blank: boolean;
}

/** A hit in the title or the authors outweighs any abstract hit of the same word (weights are < k1+1 = 2.2). */
const NAMED_BOOST = 3;
/** A prefix can match thousands of terms ("co" → 1,900): its most frequent ones are enough to rank by, and short
 *  prefixes are what keeps a keystroke slow. */
const maxExpansions = (prefix: string) => (prefix.length <= 2 ? 60 : prefix.length === 3 ? 150 : 400);
/** Upvotes break ties among equally good text matches (as in related: at most +15 %). */
const UPVOTE_PRIOR = 0.15;
const UPVOTE_SATURATION = Math.log1p(200);

/** Per-paper scratch arrays, reused across keystrokes (all zeros between searches): allocating five arrays of 25,000
 *  per keystroke fed the garbage collector, whose pauses were the slowest keystrokes in the bench. */
let scratch: { n: number; score: Float32Array; matched: Uint8Array; tier: Uint8Array; best: Float32Array; bestTier: Uint8Array } | undefined;
function scratchFor(n: number) {
  if (scratch?.n !== n) {
    scratch = { n, score: new Float32Array(n), matched: new Uint8Array(n), tier: new Uint8Array(n), best: new Float32Array(n), bestTier: new Uint8Array(n) };
  }
  return scratch;
}

/** The query's words, each a set of term positions: complete words by their stem, the word being typed as a prefix. */
function queryGroups(index: TextIndex, query: string): number[][] {
  const typed = words(query);
  // The word being typed: the query's last word when nothing (a space, a dropped one-letter word) follows it.
  const tail = /[\p{L}\p{N}]+$/u.exec(query)?.[0];
  const typing = tail !== undefined && words(tail)[0] === typed[typed.length - 1];
  return typed.flatMap((word, i) => {
    if (typing && i === typed.length - 1) {
      const positions = new Set<number>();
      for (const prefix of new Set([word, stem(word)])) {
        for (let t = lowerBound(index.terms, prefix); t < index.terms.length && index.terms[t]!.startsWith(prefix); t++) positions.add(t);
      }
      const list = [...positions];
      const max = maxExpansions(word);
      if (list.length > max) {
        const size = (t: number) => index.offsets[t + 1]! - index.offsets[t]!;
        list.sort((a, b) => size(b) - size(a)).length = max;
      }
      return [list];
    }
    // A complete stopword ("the ", "for ") is skipped; any other word must match.
    if (STOP.has(word)) return [];
    const t = termPosition(index, stem(word));
    return [t >= 0 ? [t] : []];
  });
}

/**
 * Papers matching EVERY query word (title, authors, abstract or ai_keywords), the last word as a prefix while it is
 * being typed. Order: papers with more query words in their title or authors first, then BM25 (per word its best
 * matching term: idf × tf weight, + a boost where the term is in the title / authors) with a small upvote prior.
 */
export function searchText(index: TextIndex, query: string, limit = 20): TextSearch {
  const postings = (terms: number[]) => terms.reduce((sum, t) => sum + index.offsets[t + 1]! - index.offsets[t]!, 0);
  // The most selective word first: later words only look at papers still in.
  const groups = queryGroups(index, query).map((terms) => ({ terms, size: postings(terms) })).sort((a, b) => a.size - b.size).map((g) => g.terms);
  if (!groups.length) return { hits: [], total: 0, blank: true };
  const n = index.size;
  const { score, matched, tier, best, bestTier } = scratchFor(n);
  let candidates: number[] | undefined;
  let firstTouched: number[] = [];
  groups.forEach((terms, g) => {
    const touched: number[] = [];
    for (const t of terms) {
      const idf = idfOf(n, index.offsets[t + 1]! - index.offsets[t]!);
      for (let p = index.offsets[t]!; p < index.offsets[t + 1]!; p++) {
        const d = index.docs[p]!;
        if (matched[d] !== g) continue; // missed an earlier word: out already
        const w = index.weights[p]!;
        const named = (w & NAMED) !== 0;
        const value = idf * ((w & WEIGHT_BITS) / QUANT + (named ? NAMED_BOOST : 0));
        if (best[d] === 0) touched.push(d);
        if (value > best[d]!) best[d] = value;
        if (named) bestTier[d] = 1;
      }
    }
    for (const d of touched) {
      matched[d] = g + 1;
      score[d]! += best[d]!;
      tier[d]! += bestTier[d]!;
      best[d] = 0;
      bestTier[d] = 0;
    }
    candidates = touched;
    if (g === 0) firstTouched = touched;
  });
  // The last word's papers all matched every word. Keep the best `limit` in a small sorted array: thousands of papers
  // can match a two-letter prefix, and sorting them all would cost more than the scoring.
  const top: { d: number; key: number }[] = [];
  const found = candidates ?? [];
  for (const d of found) {
    const up = Math.min(1, Math.log1p(index.upvotes[d]!) / UPVOTE_SATURATION);
    score[d]! *= 1 + UPVOTE_PRIOR * up;
    // Tier first: a text score never reaches 1e6.
    const key = tier[d]! * 1e6 + score[d]!;
    if (top.length === limit && key <= top[top.length - 1]!.key) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.key < key) at--;
    top.splice(at, 0, { d, key });
    if (top.length > limit) top.pop();
  }
  const hits = top.map(({ d }) => ({ id: index.ids[d]!, score: score[d]!, titleOrAuthor: tier[d]! }));
  // Every paper any word touched was touched by the first: clearing those leaves the scratch all zeros again.
  for (const d of firstTouched) {
    score[d] = 0;
    matched[d] = 0;
    tier[d] = 0;
  }
  return { hits, total: found.length, blank: false };
}
