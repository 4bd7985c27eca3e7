/**
 * One hourly step of the watch's Hugging Face side: every saved paper's HF data is read from the local replica /
 * cache first (no request; whatever list refreshed it since the last look), then the due ones (hf-plan.ts: daily for
 * papers the replica doesn't hold, weekly for those it does, at most HF_STEP_MAX a step, ≥ 1 s apart) are asked
 * with `papers/{id}` through the worker's one HF client, which keeps its 5-minute budget, Retry-After and back-off.
 * A failed ask ends the step: what was observed is stored, the rest waits for the next hour. Privacy mode asks
 * nothing (per-paper requests are what it forbids) and watches from the replica alone.
 */
import { getSettings } from '../../shared/settings';
import type { PaperRecord } from '../../shared/types';
import type { HfStep, HfWatched, WatchChange } from '../../shared/watch-types';
import { db, getPaperRows, putPaper } from '../db';
import { hf } from '../hf/instance';
import { listEntries } from '../reading-list/entries';
import { diffHf, observe } from './hf-diff';
import { HF_SPACING_MS, hfDue, NEW_STYLE, type CacheFacts } from './hf-plan';
import { adding, readWatch, writeWatch } from './store';

export interface HfStepDeps {
  /** `papers/{id}`: the record, undefined for HF's 404; throws when HF can't be asked (rate limit, failure). */
  paper: (id: string) => Promise<PaperRecord | undefined>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** The real ask: the HF client, and what it answers goes into the cache as any lookup's would. */
async function askHf(id: string): Promise<PaperRecord | undefined> {
  const record = await hf.paper(id);
  const database = await db();
  if (!record) {
    await database.put('misses', { id, checkedAt: Date.now() });
    return undefined;
  }
  return putPaper({ ...record, detailFetchedAt: record.fetchedAt });
}

const realDeps: HfStepDeps = {
  paper: askHf,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface HfStepResult {
  ran: boolean;
  fresh: WatchChange[];
  step?: HfStep;
}

let running: Promise<HfStepResult> | undefined;

/** Joins a step under way instead of starting a second one (the alarm and "Check now" alike). */
export function runHfStep(deps: HfStepDeps = realDeps): Promise<HfStepResult> {
  running ??= step(deps).finally(() => {
    running = undefined;
  });
  return running;
}

async function step(deps: HfStepDeps): Promise<HfStepResult> {
  const settings = await getSettings();
  if (!settings.watchHf) return { ran: false, fresh: [] };
  const [entries, state] = await Promise.all([listEntries(), readWatch()]);
  const off = new Set(state.off);
  const watched = entries.filter((e) => NEW_STYLE.test(e.id) && !off.has(e.id));
  const titles = new Map(watched.map((e) => [e.id, e.title]));
  const ids = watched.map((e) => e.id);
  const [rows, misses] = await Promise.all([getPaperRows(ids), missTimes(ids)]);
  // Bounded: papers no longer saved (or switched off) leave the HF state.
  const papers: Record<string, HfWatched> = Object.fromEntries(ids.flatMap((id) => (state.hfPapers[id] ? [[id, state.hfPapers[id]]] : [])));
  const fresh: WatchChange[] = [];
  const now = deps.now();
  const take = (id: string, record: PaperRecord | undefined, at: number) => {
    const next = observe(record, papers[id], id, at);
    fresh.push(...diffHf(papers[id], next, titles.get(id) ?? '', deps.now()));
    papers[id] = next;
  };

  let fromReplica = 0;
  for (const id of ids) {
    const row = rows.get(id);
    const previous = papers[id];
    if (row && (!previous || row.paper.fetchedAt > previous.seenAt)) {
      take(id, row.paper, row.paper.fetchedAt);
      fromReplica++;
    } else if (!row && misses.has(id) && (!previous || misses.get(id)! > previous.seenAt)) {
      // A "not on HF" answer from a lookup elsewhere (the paper's page was opened) is an observation too.
      take(id, undefined, misses.get(id)!);
    }
  }

  const facts = new Map<string, CacheFacts>([...rows].map(([id, row]) => [id, { fetchedAt: row.paper.fetchedAt, detailFetchedAt: row.paper.detailFetchedAt, dailyDate: row.paper.dailyDate }]));
  const { due, remaining } = settings.privacyMode ? { due: [], remaining: 0 } : hfDue(ids, papers, facts, misses, now);
  let requests = 0;
  let error: string | undefined;
  for (const [i, id] of due.entries()) {
    if (i > 0) await deps.sleep(HF_SPACING_MS);
    requests++;
    let record: PaperRecord | undefined;
    try {
      record = await deps.paper(id);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      break;
    }
    const at = deps.now();
    take(id, record, at);
    papers[id] = { ...papers[id]!, requestedAt: at };
  }
  const left = remaining + (error ? due.length - requests + 1 : 0);
  const result: HfStep = { at: now, watched: ids.length, fromReplica, requests, remaining: left, changes: fresh.length, ...(error ? { error } : {}) };
  const savedSet = new Set(entries.map((e) => e.id));
  await writeWatch({ hfPapers: papers, hfStep: result }, (stored) => adding(fresh, deps.now())(stored.filter((c) => savedSet.has(c.paperId))));
  return { ran: true, fresh, step: result };
}

async function missTimes(ids: readonly string[]): Promise<Map<string, number>> {
  const tx = (await db()).transaction('misses');
  const found = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  return new Map(found.flatMap((m) => (m ? [[m.id, m.checkedAt] as const] : [])));
}
