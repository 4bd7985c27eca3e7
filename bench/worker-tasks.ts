/**
 * Bench-only extension page (bench.html + bench.js, written into the bench's own dist copy, never shipped): runs the
 * worker's real cache code on the extension's real IndexedDB. An MV3 module worker can't import a bench script, and an
 * extension page shares its origin (same database, same engine), so caching is timed here; the batched lookup goes
 * through the real message protocol to the worker.
 */
import { db, getAllPapers, putLists } from '../src/background/db';
import { relatedDoc } from '../src/background/related/related';
import { buildIndex, rankRelated } from '../src/shared/related';
import type { PaperRecord } from '../src/shared/types';

interface CorpusRecord {
  id: string; title: string; summary: string; upvotes: number; publishedAt: string; authors: string[];
  ai_keywords?: string[]; ai_summary?: string; githubRepo?: string; dailyDate: string;
}

async function papers(n: number): Promise<PaperRecord[]> {
  const records = (await (await fetch('bench-corpus.json')).json()) as CorpusRecord[];
  const fetchedAt = Date.now();
  const out: PaperRecord[] = [];
  for (let i = 0; out.length < n; i++) {
    const r = records[i % records.length]!;
    // The corpus has 9,877 distinct papers; beyond that, copies re-keyed to earlier years (2210.01234 for 2410.01234),
    // so there are n distinct ids in shards as full as real ones.
    const copy = Math.floor(i / records.length);
    const id = copy === 0 ? r.id : `${24 - 2 * copy}${r.id.slice(2)}`;
    out.push({ id, title: r.title, authors: r.authors, summary: r.summary, publishedAt: r.publishedAt, upvotes: r.upvotes,
      aiSummary: r.ai_summary, aiKeywords: r.ai_keywords, githubRepo: r.githubRepo, dailyDate: r.dailyDate, fetchedAt });
  }
  return out;
}

/** ms to cache `n` papers (and one list snapshot of them) with putLists: from empty stores, or over the same papers (a refresh). */
async function cachePapers(n: number, fromEmpty = true): Promise<{ ms: number; ids: string[] }> {
  const list = await papers(n);
  const database = await db();
  if (fromEmpty) await Promise.all([database.clear('paperShards'), database.clear('lists'), database.clear('misses')]);
  const t0 = performance.now();
  await putLists([{ key: 'bench', label: 'bench', ids: list.map((p) => p.id), fetchedAt: Date.now() }], list);
  return { ms: performance.now() - t0, ids: list.map((p) => p.id) };
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** ms for one getPapersBulk round trip (content-script path: message → worker → one IndexedDB read → reply). */
async function bulkLookup(ids: string[]): Promise<{ ms: number; found: number }> {
  const t0 = performance.now();
  const reply = (await chrome.runtime.sendMessage({ pp: 'getPapersBulk', args: [ids] })) as { value?: Record<string, unknown>; error?: string };
  const ms = performance.now() - t0;
  if (!reply.value) throw new Error(reply.error ?? 'no answer');
  return { ms, found: Object.keys(reply.value).length };
}

/**
 * Related papers (issue 5): the worker's index over every cached paper, then `queries` rankings with the shipped
 * options (prior on, self excluded). Same code as the worker's getRelated, minus the IndexedDB read of the hits.
 */
async function relatedRanking(queries: number): Promise<{ buildMs: number; perQueryMs: number[]; size: number }> {
  const papers = await getAllPapers();
  const t0 = performance.now();
  const index = buildIndex(papers.map(relatedDoc));
  const buildMs = performance.now() - t0;
  const perQueryMs: number[] = [];
  for (let i = 0; i < queries; i++) {
    const query = papers[(i * 7919) % papers.length]!;
    const t = performance.now();
    rankRelated(index, query, { exclude: [query.id], limit: 10 });
    perQueryMs.push(performance.now() - t);
  }
  return { buildMs, perQueryMs, size: index.size };
}

/**
 * Writes `n` papers as the replica writes them (month pages of 100, each paper with its first upvote observation) into
 * an empty store; the bench then measures the extension's IndexedDB folder on disk once the browser has closed.
 */
async function fillStore(n: number, pageSize = 100): Promise<number> {
  const list = await papers(n);
  for (let i = 0; i < list.length; i += pageSize) {
    const page = list.slice(i, i + pageSize);
    await putLists([{ key: `month:bench-${i / pageSize}`, label: 'bench', ids: page.map((p) => p.id), fetchedAt: Date.now() }], page);
  }
  return (await getAllPapers()).length;
}

Object.assign(globalThis, { bench: { cachePapers, bulkLookup, relatedRanking, fillStore } });
