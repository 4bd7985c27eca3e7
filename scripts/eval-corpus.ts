/** What the two ranking evaluations (eval-related.ts, eval-for-you.ts) share: the real corpus and a seeded sampler. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface CorpusRecord { id: string; title: string; summary: string; upvotes: number; publishedAt: string; ai_keywords?: string[]; dailyDate: string }

export const loadCorpus = (): CorpusRecord[] =>
  JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[];

/** mulberry32: small, seedable, good enough for sampling. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
