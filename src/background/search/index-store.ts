/**
 * The worker's text index over every cached paper (shared/text-index.ts), shared by the popup's search and related
 * papers. Kept in memory for the worker's life AND persisted as one value in the `meta` store, because an MV3 worker
 * is stopped after 30 s idle: the next life loads the stored index (a structured clone of typed arrays) instead of
 * re-reading and re-tokenising 25,000 abstracts (≈ 2 s).
 *
 * Freshness: db.ts bumps a generation when papers are added or the cache is cleared. A caller gets the index it asks
 * for at once (stale or not), and an index behind the cache is reconciled in the background once it is idle: every
 * cached paper is read, new ones are tokenised and merged in, a cleared or much grown cache is rebuilt
 * (`reconcileIndex`), and the result is stored again when its papers changed. The generation lives in memory, so a
 * new life can't tell whether the stored index still matches the cache: it reconciles once, when idle after its
 * first use (a generation persisted by db.ts would spare that read). Clear cache deletes the stored index
 * (paper-cache/clear-cache.ts); a reconcile that raced with it stores an index with papers the cache no longer has,
 * which the next reconcile rebuilds — a search only ever shows papers still in the cache (it reads their records).
 */
import { packIndex, reconcileIndex, TEXT_INDEX_FORMAT, unpackIndex, type IndexDoc, type PackedTextIndex, type TextIndex } from '../../shared/text-index';
import type { PaperRecord } from '../../shared/types';
import { db, getAllPapers, paperCacheGeneration } from '../db';
import { logFailure } from '../log';

/** The `meta` key (paper-cache/clear-cache.ts deletes it with the cache). */
export const TEXT_INDEX_KEY = 'textIndex';
/**
 * A reconcile reads every cached paper (≈ 0.5 s of the worker's time for 25,000): it waits until the index has not
 * been asked for this long, so that it never lands between the keystrokes of a search or before a related answer.
 */
const RECONCILE_IDLE_MS = 1500;
/** …but no longer than this after the index was first found behind: a popup asking without pause can't starve it. */
const RECONCILE_MAX_WAIT_MS = 10_000;

interface Stored {
  format: number;
  index: PackedTextIndex;
}

export const indexDoc = (p: PaperRecord): IndexDoc => ({
  id: p.id,
  title: p.title,
  authors: p.authors,
  summary: p.summary,
  aiKeywords: p.aiKeywords,
  upvotes: p.upvotes,
  date: p.dailyDate ?? p.publishedAt,
});

/** `generation`: db.ts's paper-cache generation the index was reconciled at; -1 = loaded from `meta`, not yet checked. */
let current: { index: TextIndex; generation: number } | undefined;
let loading: Promise<TextIndex | undefined> | undefined;
let reconciling: Promise<TextIndex> | undefined;
let scheduled: ReturnType<typeof setTimeout> | undefined;
/** When a caller first found the index behind the cache (the reconcile it scheduled hasn't run yet). */
let staleSince: number | undefined;
/** How the last reconcile went (tests and the bench read it). */
export let lastReconcile: 'built' | 'merged' | 'unchanged' | undefined;

const isStored = (value: unknown): value is Stored =>
  typeof value === 'object' && value !== null && (value as Stored).format === TEXT_INDEX_FORMAT && typeof (value as Stored).index?.ids === 'string';

/** This life's index, else the stored one; undefined when there is none at all (never built, or the cache cleared). */
function loaded(): Promise<TextIndex | undefined> {
  if (current) return Promise.resolve(current.index);
  loading ??= db()
    .then((database) => database.get('meta', TEXT_INDEX_KEY))
    .then((stored) => {
      const index = isStored(stored) ? unpackIndex(stored.index) : undefined;
      if (!current && index && index.ids.length === index.size) current = { index, generation: -1 };
      return current?.index;
    })
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

async function reconcile(): Promise<TextIndex> {
  const generation = paperCacheGeneration();
  const papers = await getAllPapers();
  const { index, how } = reconcileIndex(current?.index, papers.map(indexDoc));
  current = { index, generation };
  lastReconcile = how;
  if (how !== 'unchanged') await (await db()).put('meta', { format: TEXT_INDEX_FORMAT, index: packIndex(index) } satisfies Stored, TEXT_INDEX_KEY);
  return index;
}

/** One reconcile at a time; callers during one share it. */
export function reconcileNow(): Promise<TextIndex> {
  reconciling ??= reconcile().finally(() => {
    reconciling = undefined;
  });
  return reconciling;
}

/**
 * The index at once if there is one (possibly a little behind the cache: a background reconcile is then scheduled);
 * undefined while the very first build runs (started here).
 */
export async function peekTextIndex(): Promise<TextIndex | undefined> {
  const index = await loaded();
  if (!index) {
    void reconcileNow().catch(logFailure('text index build'));
    return undefined;
  }
  if (current!.generation !== paperCacheGeneration() && !reconciling) {
    const now = Date.now();
    staleSince ??= now;
    clearTimeout(scheduled);
    scheduled = setTimeout(() => {
      scheduled = undefined;
      staleSince = undefined;
      void reconcileNow().catch(logFailure('text index update'));
    }, Math.max(0, Math.min(RECONCILE_IDLE_MS, staleSince + RECONCILE_MAX_WAIT_MS - now)));
  }
  return index;
}

/** The index, waiting for the first build when there is none yet (related papers need one to answer at all). */
export async function textIndex(): Promise<TextIndex> {
  return (await peekTextIndex()) ?? reconcileNow();
}
