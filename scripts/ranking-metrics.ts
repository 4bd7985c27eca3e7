/**
 * The pure parts of the ranking evaluations (scripts/eval-for-you.ts): graded nDCG@k and intra-list similarity.
 * Kept apart so tests/unit/for-you.test.ts can check them on hand-computed cases.
 */

/** nDCG@k with linear gain: `ranked` are the picks' gains in pick order, `pool` every candidate's gain. */
export function ndcgAt(ranked: readonly number[], pool: readonly number[], k: number): number {
  const dcg = (gains: readonly number[]) => gains.slice(0, k).reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const ideal = dcg([...pool].sort((a, b) => b - a));
  return ideal > 0 ? dcg(ranked) / ideal : 0;
}

/** Mean pairwise similarity of a list (0 = all different, 1 = all the same); < 2 items → 0. */
export function intraListSimilarity<T>(items: readonly T[], similarity: (a: T, b: T) => number): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      sum += similarity(items[i]!, items[j]!);
      pairs++;
    }
  }
  return pairs ? sum / pairs : 0;
}

/** IDF-weighted cosine of two word sets (the relevance proxy of both evaluations: ai_keywords words). */
export function weightedCosine(a: ReadonlySet<string>, b: ReadonlySet<string>, idf: (w: string) => number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const w of a) {
    const x = idf(w) ** 2;
    na += x;
    if (b.has(w)) dot += x;
  }
  for (const w of b) nb += idf(w) ** 2;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
