/**
 * One watch pass over the reading list: due ids in batches of ≤ 100 to arXiv's API, one request at a time, ≥ 3 s
 * apart (also across worker restarts: the last request's end is stored), each batch's answer diffed and stored in
 * one transaction. Any failure (503, 429, timeout, offline, a 400 error feed, malformed XML) ends the pass with a
 * clear outcome; what was stored stays, the rest is asked again at the next pass (an hour later at the earliest).
 */
import { getSettings } from '../../shared/settings';
import type { PassOutcome, WatchChange, WatchedPaper, WatchPass, WatchView } from '../../shared/watch-types';
import { savedIds } from '../reading-list/entries';
import { parseArxivFeed, type ArxivRecord } from './atom';
import { diffPaper, stateFrom } from './diff';
import { batchUrl, nextPassAt, planBatches, requestAllowedAt } from './plan';
import { adding, readWatch, writeWatch } from './store';

export const REQUEST_TIMEOUT_MS = 20_000;

export interface PassDeps {
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
}

const realDeps: PassDeps = {
  fetch: (...args) => fetch(...args),
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Why a pass may not run now: the global switch, or privacy mode (the arXiv part sends the saved ids). */
export async function inactiveReason(): Promise<WatchView['inactiveReason']> {
  const settings = await getSettings();
  if (!settings.watchArxiv) return 'off';
  if (settings.privacyMode) return 'privacy';
  return undefined;
}

let running: Promise<PassResult> | undefined;
export const passRunning = (): boolean => running !== undefined;

export interface PassResult {
  ran: boolean;
  fresh: WatchChange[];
  pass?: WatchPass;
}

/** Runs a pass if one is due (the alarm and "Check now" alike); a pass already under way is joined, never doubled. */
export function runPassIfDue(deps: PassDeps = realDeps): Promise<PassResult> {
  running ??= runPass(deps).finally(() => {
    running = undefined;
  });
  return running;
}

async function runPass(deps: PassDeps): Promise<PassResult> {
  if (await inactiveReason()) return { ran: false, fresh: [] };
  const state = await readWatch();
  const startedAt = deps.now();
  if (startedAt < nextPassAt(state.pass)) return { ran: false, fresh: [] };
  const saved = await savedIds();
  // Bounded: papers no longer saved leave the watch's store, and their changes with them.
  const savedSet = new Set(saved);
  let papers = Object.fromEntries(Object.entries(state.papers).filter(([id]) => savedSet.has(id)));
  const off = state.off.filter((id) => savedSet.has(id));
  const batches = planBatches(saved, new Set(off), papers, startedAt, deps.random);
  const pass: WatchPass = { startedAt, requests: 0 };
  await writeWatch({ pass, papers, off }, (stored) => stored.filter((c) => savedSet.has(c.paperId)));
  const fresh: WatchChange[] = [];
  let checked = 0;
  let missing = 0;
  let lastEnd = state.lastRequestEnd;
  let outcome: PassOutcome | undefined;
  for (const batch of batches) {
    const wait = requestAllowedAt(lastEnd) - deps.now();
    if (wait > 0) await deps.sleep(wait);
    pass.requests++;
    const answer = await ask(batch, deps);
    lastEnd = deps.now();
    if (answer.kind !== 'entries') {
      outcome = { state: 'error', message: answer.message, checked };
      await writeWatch({ pass, lastRequestEnd: lastEnd });
      break;
    }
    const now = deps.now();
    const next: Record<string, WatchedPaper> = { ...papers };
    const asked = new Set(batch);
    const found: WatchChange[] = [];
    for (const record of answer.entries) {
      if (!asked.has(record.id)) continue;
      asked.delete(record.id);
      const updated = stateFrom(record, papers[record.id], now);
      found.push(...diffPaper(papers[record.id], updated, now));
      next[record.id] = updated;
      checked++;
    }
    // Ids arXiv omits (unknown, or not yet in the API) keep their last state and are asked again next pass.
    missing += asked.size;
    papers = next;
    fresh.push(...found);
    await writeWatch({ papers, pass, lastRequestEnd: lastEnd }, adding(found, now));
  }
  pass.finishedAt = deps.now();
  pass.outcome = outcome ?? { state: 'ok', checked, missing, changes: fresh.length };
  await writeWatch({ pass });
  return { ran: true, fresh, pass };
}

type Answer = { kind: 'entries'; entries: ArxivRecord[] } | { kind: 'failed'; message: string };

async function ask(batch: readonly string[], deps: PassDeps): Promise<Answer> {
  let response: Response;
  try {
    // No cookies, no custom headers: the request says no more than the ids (arxiv-api.md §8).
    response = await deps.fetch(batchUrl(batch), { credentials: 'omit', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const timeout = error instanceof Error && error.name === 'TimeoutError';
    return { kind: 'failed', message: timeout ? 'arXiv did not answer in 20 s' : 'arXiv unreachable (offline?)' };
  }
  const body = await response.text().catch(() => '');
  if (response.status === 400) {
    const feed = parseArxivFeed(body);
    return { kind: 'failed', message: `arXiv refused the request: ${feed.kind === 'error' ? feed.message : 'HTTP 400'}` };
  }
  if (!response.ok) return { kind: 'failed', message: `arXiv unavailable (HTTP ${response.status})` };
  const feed = parseArxivFeed(body);
  // The parser's detail (line, token) helps nobody in the popup; the kind of failure does.
  if (feed.kind === 'malformed') return { kind: 'failed', message: 'arXiv sent an unreadable answer' };
  if (feed.kind === 'error') return { kind: 'failed', message: `arXiv reported an error: ${feed.message}` };
  return { kind: 'entries', entries: feed.entries };
}
