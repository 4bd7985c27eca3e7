/**
 * The "For you" digest's ranking (pure; the worker and `npm run eval:for-you` run the same code): recent Daily Papers
 * ranked by their closeness to the reading list with the related engine's BM25 (shared/related.ts), then picked
 * with diversity and mixed with the top of the week's Daily Papers so the list never collapses into one topic.
 *
 * - Closeness of a candidate c to a saved paper s: BM25 of c for s's heaviest terms (the related engine's query),
 *   divided by s's score against itself (so 1 ≈ "as close as a copy"; comparable across saved papers).
 * - Reading-list weights: recent saves weigh more (half-life SAVE_HALF_LIFE_DAYS, floor 0.25), papers marked read
 *   count half; removed papers are not in the list, so they count nothing.
 * - A candidate's relevance: the sum of its three largest weighted closenesses (one strong match or several good).
 * - Picks (maximal marginal relevance): relevance − DIVERSITY × its closeness to a paper already picked, with a
 *   small upvote prior; every third pick is the candidates' (the week's) most upvoted paper not yet picked.
 * - "why": "Close to 2 papers you saved: “A” and 1 more · shared: video generation, diffusion" (the closest named).
 */
import { termCounts, type RelatedIndex } from './related';

export interface ForYouCandidate {
  id: string;
  title: string;
  summary: string;
  aiKeywords?: string[];
  upvotes: number;
}

export interface SavedPaper {
  id: string;
  title: string;
  summary: string;
  aiKeywords?: string[];
  addedAt: number;
  read: boolean;
}

export interface ForYouPick {
  id: string;
  /** 'for-you': close to the reading list; 'top': the most upvoted of the candidates, mixed in. */
  kind: 'for-you' | 'top';
  relevance: number;
  why: string;
  /** The saved papers it is closest to, closest first. */
  closeTo: string[];
}

export const SAVE_HALF_LIFE_DAYS = 60;
export const DIVERSITY = 0.7;
export const TOP_EVERY = 3;
/** Below this relevance a candidate is not "for you": its slot goes to the most upvoted candidate. */
export const MIN_RELEVANCE = 0.04;
const QUERY_TERMS = 60;

type Weighted = { term: string; weight: number }[];

/** The query side as the related engine builds it: weighted term frequencies, top terms by tf × idf. */
function queryTerms(index: RelatedIndex, doc: Pick<SavedPaper, 'title' | 'summary' | 'aiKeywords'>): Weighted {
  const counts = termCounts(doc, index.options);
  return [...counts].flatMap(([term, tf]) => {
    const list = index.postings.get(term);
    return list ? [{ term, weight: (1 + Math.log(tf)) * list.idf }] : [];
  }).sort((a, b) => b.weight - a.weight).slice(0, QUERY_TERMS);
}

/** A document's own term frequencies (title / summary / keywords weighted as in the index), BM25-saturated. */
function docVector(index: RelatedIndex, doc: Pick<SavedPaper, 'title' | 'summary' | 'aiKeywords'>): Map<string, number> {
  const counts = termCounts(doc, index.options);
  // BM25's tf saturation (k1 = 1.2) without the length norm: papers are abstracts of similar length.
  return new Map([...counts].map(([t, tf]) => [t, (tf * 2.2) / (tf + 1.2)]));
}

/** Closeness of `doc` for the query `q`: Σ query weight × saturated tf, over q's self-score. */
function closeness(q: Weighted, self: number, doc: Map<string, number>): number {
  if (self <= 0) return 0;
  let sum = 0;
  for (const { term, weight } of q) sum += weight * (doc.get(term) ?? 0);
  return sum / self;
}

export function saveWeight(paper: Pick<SavedPaper, 'addedAt' | 'read'>, now: number): number {
  const ageDays = Math.max(0, now - paper.addedAt) / 86_400_000;
  return Math.max(0.25, 0.5 ** (ageDays / SAVE_HALF_LIFE_DAYS)) * (paper.read ? 0.5 : 1);
}

/** The words two papers share that weigh most for `q` (readable forms), for the "why" line. */
function sharedWords(q: Weighted, doc: Map<string, number>, index: RelatedIndex, max = 3): string[] {
  return q.filter(({ term }) => doc.has(term)).slice(0, max).map(({ term }) => index.surface.get(term) ?? term);
}

const quote = (title: string) => {
  const clean = title.replace(/\s+/g, ' ').trim();
  return `“${clean.length > 50 ? `${clean.slice(0, 48)}…` : clean}”`;
};

export function rankForYou(
  index: RelatedIndex,
  candidates: readonly ForYouCandidate[],
  saved: readonly SavedPaper[],
  options: { count: number; now: number; diversity?: number; topEvery?: number },
): ForYouPick[] {
  const diversity = options.diversity ?? DIVERSITY;
  const topEvery = options.topEvery ?? TOP_EVERY;
  const savedIds = new Set(saved.map((s) => s.id));
  const pool = candidates.filter((c) => !savedIds.has(c.id));
  const queries = saved.map((s) => {
    const q = queryTerms(index, s);
    const own = docVector(index, s);
    return { s, q, self: closeness(q, 1, own), weight: saveWeight(s, options.now) };
  });
  const vectors = pool.map((c) => docVector(index, c));
  const rel = pool.map((_, i) => {
    const scored = queries.map((x) => ({ x, value: x.weight * closeness(x.q, x.self, vectors[i]!) })).sort((a, b) => b.value - a.value);
    return { relevance: scored.slice(0, 3).reduce((sum, y) => sum + y.value, 0), close: scored.filter((y) => y.value >= MIN_RELEVANCE / 2).slice(0, 3).map((y) => y.x) };
  });
  // Candidate-to-candidate closeness, for diversity: symmetric enough as the mean of both directions.
  const candQueries = pool.map((c) => {
    const q = queryTerms(index, c);
    return { q, self: closeness(q, 1, docVector(index, c)) };
  });
  const between = (a: number, b: number) => (closeness(candQueries[a]!.q, candQueries[a]!.self, vectors[b]!) + closeness(candQueries[b]!.q, candQueries[b]!.self, vectors[a]!)) / 2;
  const maxUp = Math.log1p(Math.max(1, ...pool.map((c) => c.upvotes)));
  const byUpvotes = pool.map((_, i) => i).sort((a, b) => pool[b]!.upvotes - pool[a]!.upvotes);

  const picked: number[] = [];
  const out: ForYouPick[] = [];
  const redundancy = (i: number) => Math.max(0, ...picked.map((j) => between(i, j)));
  while (out.length < Math.min(options.count, pool.length)) {
    const slot = out.length + 1;
    let choice = -1;
    let best = -Infinity;
    if (slot % topEvery !== 0) {
      for (let i = 0; i < pool.length; i++) {
        if (picked.includes(i) || rel[i]!.relevance < MIN_RELEVANCE) continue;
        const value = rel[i]!.relevance + 0.02 * (Math.log1p(pool[i]!.upvotes) / maxUp) - diversity * redundancy(i) * rel[i]!.relevance;
        if (value > best) [best, choice] = [value, i];
      }
    }
    const kind: ForYouPick['kind'] = choice >= 0 ? 'for-you' : 'top';
    if (choice < 0) choice = byUpvotes.find((i) => !picked.includes(i))!;
    picked.push(choice);
    const c = pool[choice]!;
    const close = rel[choice]!.close;
    let why: string;
    if (kind === 'for-you' && close.length) {
      const shared = sharedWords(close[0]!.q, vectors[choice]!, index);
      const more = close.length > 1 ? ` and ${close.length - 1} more` : '';
      why = `Close to ${close.length} paper${close.length === 1 ? '' : 's'} you saved: ${quote(close[0]!.s.title)}${more}${shared.length ? ` · shared: ${shared.join(', ')}` : ''}`;
    } else {
      why = `Top of the week on Daily Papers: #${byUpvotes.indexOf(choice) + 1} by upvotes, ▲ ${c.upvotes}`;
    }
    out.push({ id: c.id, kind, relevance: rel[choice]!.relevance, why, closeTo: close.map((x) => x.s.id) });
  }
  return out;
}
