/**
 * Bench-only extension page (bench.html + bench.js, written into the bench's own dist copy, never shipped): runs the
 * worker's real cache code on the extension's real IndexedDB. An MV3 module worker can't import a bench script, and an
 * extension page shares its origin (same database, same engine), so caching is timed here; the batched lookup goes
 * through the real message protocol to the worker.
 */
import { db, getAllPapers, getPapers, putLists, stagePapers } from '../src/background/db';
import { pageTextKeyOf } from '../src/background/paper-cache/parts';
import { indexDoc, TEXT_INDEX_KEY } from '../src/background/search/index-store';
import { rankRelated, sharedTerms } from '../src/shared/related';
import { buildTextIndex, relatedView, unpackIndex, type PackedTextIndex } from '../src/shared/text-index';
import type { PaperRecord, RelatedView, SearchView } from '../src/shared/types';

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
    // The corpus has 9,877 distinct papers (ids ≤ YYMM.32039); beyond that come copies with the number shifted by
    // 33,000 per copy (2406.12345 → 2406.45345, 2406.78345): distinct ids in the same months and shards' density.
    const copy = Math.floor(i / records.length);
    const id = copy ? `${r.id.slice(0, 5)}${String(Number(r.id.slice(5)) + 33_000 * copy).padStart(5, '0')}` : r.id;
    out.push({ id, title: r.title, authors: r.authors, summary: r.summary, publishedAt: r.publishedAt, upvotes: r.upvotes,
      aiSummary: r.ai_summary, aiKeywords: r.ai_keywords, githubRepo: r.githubRepo, dailyDate: r.dailyDate, fetchedAt });
  }
  return out;
}

/** ms to cache `n` papers (and one list snapshot of them) with putLists: from empty stores, or over the same papers (a refresh). */
async function cachePapers(n: number, fromEmpty = true): Promise<{ ms: number; ids: string[] }> {
  const list = await papers(n);
  const database = await db();
  if (fromEmpty) await Promise.all([database.clear('paperShards'), database.clear('paperText'), database.clear('lists'), database.clear('misses')]);
  const t0 = performance.now();
  await putLists([{ key: 'bench', label: 'bench', ids: list.map((p) => p.id), fetchedAt: Date.now() }], list);

  return { ms: performance.now() - t0, ids: list.map((p) => p.id) };
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

async function ask<T>(pp: string, ...args: unknown[]): Promise<T> {
  const reply = (await chrome.runtime.sendMessage({ pp, args })) as { value?: T; error?: string };
  if (reply.value === undefined) throw new Error(reply.error ?? `${pp}: no answer`);
  return reply.value;
}

/** ms for one getPapersBulk round trip (content-script path: message → worker → one IndexedDB read → reply). */
async function bulkLookup(ids: string[]): Promise<{ ms: number; found: number }> {
  const t0 = performance.now();
  const reply = (await chrome.runtime.sendMessage({ pp: 'getPapersBulk', args: [ids] })) as { value?: Record<string, unknown>; error?: string };
  const ms = performance.now() - t0;
  if (!reply.value) throw new Error(reply.error ?? 'no answer');
  return { ms, found: Object.keys(reply.value).length };
}

/**
 * Related papers: the text index over every cached paper (what the worker builds when it has none stored), then
 * `queries` rankings with the shipped options (prior on, self excluded). Same code as the worker's getRelated, minus
 * the IndexedDB read of the hits.
 */
async function relatedRanking(queries: number): Promise<{ buildMs: number; perQueryMs: number[]; size: number }> {
  const papers = await getAllPapers();
  const t0 = performance.now();
  const index = buildTextIndex(papers.map(indexDoc));
  const buildMs = performance.now() - t0;
  const perQueryMs: number[] = [];
  for (let i = 0; i < queries; i++) {
    const query = papers[(i * 7919) % papers.length]!;
    const t = performance.now();
    rankRelated(relatedView(index), query, { exclude: [query.id], limit: 10 });
    perQueryMs.push(performance.now() - t);
  }
  return { buildMs, perQueryMs, size: index.size };
}

/**
 * Writes `n` papers as the replica's backfill writes them (replica/backfill.ts): month by month (by Daily Papers month),
 * each full page of 100 staged (db.ts stagePapers: text stored, counts in a `meta` row), then the month's counts into the
 * shards at once with the staged rows dropped. The bench then measures the extension's IndexedDB folder on disk once the browser has closed.
 */
async function fillStore(n: number): Promise<number> {
  const byMonth = new Map<string, PaperRecord[]>();
  for (const paper of await papers(n)) {
    const month = (paper.dailyDate ?? '').slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), paper]);
  }
  const database = await db();
  for (const [month, list] of byMonth) {
    const staged: string[] = [];
    for (let p = 0; (p + 1) * 100 < list.length; p++) {
      staged.push(`replica:page:${month}:${p}`);
      await stagePapers(list.slice(p * 100, (p + 1) * 100), (id) => pageTextKeyOf(id, month, p), staged.at(-1)!);
    }
    const stagedCounts = (await Promise.all(staged.map((key) => database.get('meta', key)))).flat() as Parameters<typeof putLists>[1];
    await putLists([{ key: `month:${month}`, label: month, ids: list.map((p) => p.id), fetchedAt: Date.now() }], [...stagedCounts, ...list.slice(staged.length * 100)], {}, staged);
  }
  return (await getAllPapers()).length;
}


/** The worker's stored text index once it covers `n` papers (it reconciles shortly after its first use in a life). */
async function indexStored(n: number): Promise<{ kb: number }> {
  for (let tries = 0; tries < 200; tries++) {
    await ask<SearchView>('searchPapers', '');
    const stored = (await (await db()).get('meta', TEXT_INDEX_KEY)) as { index: PackedTextIndex } | undefined;
    if (stored?.index.size === n) {
      const i = stored.index;
      const strings = [i.ids, i.terms, ...i.forms.keys(), ...i.forms.values()].reduce((sum, x) => sum + x.length * 2, 0);
      const arrays = [i.upvotes, i.time, i.offsets, i.docs, i.weights, i.contentDf].reduce((sum, a) => sum + a.byteLength, 0);
      return { kb: (strings + arrays) / 1024 };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the worker's stored index never reached ${n} papers`);
}

/** ms per keystroke: each prefix of each query, as typed, through the message protocol to the worker and back. */
async function searchKeystrokes(queries: string[]): Promise<{ ms: number[]; totals: number[]; typed: string[] }> {
  const ms: number[] = [];
  const totals: number[] = [];
  const typed: string[] = [];
  for (const query of queries) {
    for (let i = 1; i <= query.length; i++) {
      const t0 = performance.now();
      const answer = await ask<SearchView>('searchPapers', query.slice(0, i));
      ms.push(performance.now() - t0);
      typed.push(query.slice(0, i));
      if (answer.state !== 'ready') throw new Error(`search answered ${answer.state}`);
      if (i === query.length) totals.push(answer.total);
    }
  }
  return { ms, totals, typed };
}

/** ms for one getRelated round trip (run.ts stops the worker first: this is a new life's first answer). */
async function relatedAnswer(id: string): Promise<{ ms: number; corpusSize: number; items: number }> {
  const t0 = performance.now();
  const view = await ask<RelatedView>('getRelated', id);
  return { ms: performance.now() - t0, corpusSize: view.corpusSize, items: view.items.length };
}

/** ms of a message that needs no IndexedDB (an empty getPapersBulk): after a stop, the cost of waking the worker. */
async function wake(): Promise<number> {
  const t0 = performance.now();
  await ask('getPapersBulk', []);
  return performance.now() - t0;
}

/**
 * The steps of getRelated after a restart, each timed, here in the page (same engine and database; a fresh copy of
 * the stored index each call): read + unpack the stored index, rank, read the hits' records, their "why" lines.
 */
async function relatedSteps(id: string): Promise<{ load: number; rank: number; records: number; why: number }> {
  const database = await db();
  let t = performance.now();
  const stored = (await database.get('meta', TEXT_INDEX_KEY)) as { index: PackedTextIndex };
  const index = relatedView(unpackIndex(stored.index));
  const load = performance.now() - t;
  const [paper] = await getPapers([id]);
  t = performance.now();
  const hits = rankRelated(index, paper!, { exclude: [id], limit: 10 });
  const rank = performance.now() - t;
  t = performance.now();
  const records = await getPapers(hits.map((h) => h.id));
  const read = performance.now() - t;
  t = performance.now();
  for (const r of records) if (r) sharedTerms(index, paper!, r);
  return { load, rank, records: read, why: performance.now() - t };
}

Object.assign(globalThis, { bench: { cachePapers, bulkLookup, relatedRanking, indexStored, searchKeystrokes, relatedAnswer, wake, relatedSteps, fillStore } });
