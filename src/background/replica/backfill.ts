/**
 * The replica: every HF Daily Papers entry since 2023-05, fetched as bulk `month=` lists (never by id), backfilled in
 * the background after install and after "Clear cache", then kept fresh (plan.ts says what and when). One page per
 * step; each page's papers, the month's snapshot when it completes and the progress are written in ONE transaction,
 * so a worker stopped at any point resumes where it was without asking for a stored page again.
 *
 * Driven by the `replica` alarm (every minute while there is work, else when the next refresh is due); a worker life
 * runs one loop at a time. Errors, 429s and being offline pause it (plan.ts) and never touch what is stored.
 */
import browser from 'webextension-polyfill';
import { isoDate, monthOf } from '../../shared/format';
import { getSettings } from '../../shared/settings';
import type { PaperRecord, ReplicaStatus } from '../../shared/types';
import { db, putLists, stagePapers, type ListSnapshot } from '../db';
import { pageTextKeyOf, type PaperCounts } from '../paper-cache/parts';
import { HfError } from '../hf/client';
import { hf } from '../hf/instance';
import { emptyState, monthsSince, nextStep, progress, recordFailure, recordPage, recordRequest, type MonthStatus, type ReplicaState } from './plan';

export const REPLICA_ALARM = 'replica';
const STATE_KEY = 'replica:state';
const PAGE = 100;
/** After install or a browser start, the backfill waits this long, so it doesn't compete with the first pages. */
const START_DELAY_MIN = 1;

let running: Promise<void> | undefined;

export const currentMonth = (now: number): string => monthOf(isoDate(new Date(now)));
const monthKey = (month: string) => `month:${month}`;

async function readState(): Promise<ReplicaState> {
  const stored = await (await db()).get('meta', STATE_KEY);
  return isState(stored) ? stored : emptyState();
}
const isState = (v: unknown): v is ReplicaState => typeof v === 'object' && v !== null && Array.isArray((v as ReplicaState).requests);

async function writeState(state: ReplicaState): Promise<void> {
  await (await db()).put('meta', state, STATE_KEY);
}

/** Every month since 2023-05 with the time of its last complete fetch (the `month:YYYY-MM` snapshots). */
export async function monthStatuses(now: number): Promise<MonthStatus[]> {
  const months = monthsSince(currentMonth(now));
  const tx = (await db()).transaction('lists');
  const snapshots = await Promise.all(months.map((m) => tx.store.get(monthKey(m))));
  await tx.done;
  return months.map((month, i) => (snapshots[i] ? { month, fetchedAt: snapshots[i].fetchedAt } : { month }));
}

/** Runs steps until the plan says wait; then sets the alarm for when to go on. */
export function runReplica(now: () => number = Date.now): Promise<void> {
  running ??= loop(now).finally(() => {
    running = undefined;
  });
  return running;
}

async function loop(now: () => number): Promise<void> {
  if (!(await getSettings()).replica) return void (await browser.alarms.clear(REPLICA_ALARM));
  for (;;) {
    const [state, months] = await Promise.all([readState(), monthStatuses(now())]);
    const step = nextStep(state, months, currentMonth(now()), now());
    if (step.kind === 'wait') return scheduleAt(step.until, progress(months).indexed < months.length);
    await fetchStep(state, step.month, step.page, now);
  }
}

/**
 * One `month=` page: counted before it is sent (a stopped worker still counts it). A full page is staged with the
 * progress (db.ts stagePapers: its text stored at once, its counts in a `meta` row); the month's last page writes all
 * its pages' counts into the shards at once, with the month's snapshot, and drops the staged rows — one transaction.
 * Why staged: a month's papers sorted by upvotes touch the same ~60 shards on every page, and rewriting each shard
 * once per page left IndexedDB several stale copies of every shard to compact (the store on disk doubled, measured).
 */
async function fetchStep(state: ReplicaState, month: string, page: number, now: () => number): Promise<void> {
  const counted = recordRequest(state, now());
  await writeState(counted);
  let papers: PaperRecord[];
  try {
    papers = await hf.dailyPapers({ month, limit: PAGE, p: page });
  } catch (error) {
    const retryAt = error instanceof HfError ? error.retryAt : undefined;
    await writeState(recordFailure(counted, now(), error instanceof Error ? error.message : String(error), retryAt));
    return;
  }
  const { state: next, complete } = recordPage(counted, month, page, papers.map((p) => p.id), PAGE);
  if (!complete) {
    await stagePapers(papers, (id) => pageTextKeyOf(id, month, page), stagedKey(month, page), { [STATE_KEY]: next });
    return;
  }
  const stagedKeys = Array.from({ length: page }, (_, p) => stagedKey(month, p));
  const staged = await readStaged(stagedKeys);
  const snapshot: ListSnapshot = { key: monthKey(month), label: month, ids: complete, fetchedAt: now() };
  await putLists([snapshot], [...staged, ...papers], { [STATE_KEY]: next }, stagedKeys);
}

const stagedKey = (month: string, page: number) => `replica:page:${month}:${page}`;

/** Staged counts parts (or whole records, as a release before v4 staged them: putLists takes both). */
async function readStaged(keys: readonly string[]): Promise<(PaperRecord | PaperCounts)[]> {
  const tx = (await db()).transaction('meta');
  const pages = await Promise.all(keys.map((key) => tx.store.get(key)));
  await tx.done;
  return pages.flatMap((rows) => (Array.isArray(rows) ? (rows as (PaperRecord | PaperCounts)[]) : []));
}

/** While months are missing: every minute (a stopped worker resumes); afterwards, when the next refresh is due. */
async function scheduleAt(until: number, backfilling: boolean): Promise<void> {
  const when = backfilling ? Math.max(until, Date.now() + 30_000) : until;
  await browser.alarms.create(REPLICA_ALARM, { when, ...(backfilling ? { periodInMinutes: 1 } : {}) });
}

/** Install, browser start, "Clear cache", the setting turned on: start (or resume) soon, in the background. */
export async function startReplica(delayInMinutes = START_DELAY_MIN): Promise<void> {
  if (!(await getSettings()).replica) return;
  await browser.alarms.create(REPLICA_ALARM, { delayInMinutes, periodInMinutes: 1 });
}

/** The options page's switch: on → start soon; off → the alarm goes (what is stored stays until "Clear cache"). */
export function onReplicaSettingChanged(changes: Record<string, { newValue?: unknown }>, area: string): void {
  if (area !== 'sync' || !('replica' in changes)) return;
  void (changes.replica?.newValue === false ? browser.alarms.clear(REPLICA_ALARM) : startReplica(0.5)).catch(() => undefined);
}

export function onReplicaAlarm(alarm: { name: string }): void {
  if (alarm.name === REPLICA_ALARM) void runReplica().catch((error: unknown) => console.warn('Paper Pulse: replica step failed', error));
}

/** Options page and popup footer: "Indexed 14 of 43 months", then the data age; pauses and their reason. */
export async function replicaStatus(now = Date.now()): Promise<ReplicaStatus> {
  const [state, months, settings] = await Promise.all([readState(), monthStatuses(now), getSettings()]);
  const { indexed, total } = progress(months);
  const fetched = months.flatMap((m) => (m.fetchedAt ? [m.fetchedAt] : []));
  return {
    enabled: settings.replica,
    indexed,
    total,
    ...(fetched.length ? { oldestFetchedAt: Math.min(...fetched), newestFetchedAt: Math.max(...fetched) } : {}),
    ...(state.pausedUntil && state.pausedUntil > now ? { pausedUntil: state.pausedUntil } : {}),
    ...(state.lastError ? { lastError: state.lastError } : {}),
  };
}
