/**
 * The watch's rules, pure: which saved ids a pass asks for, in which batches, and when a pass or a request may run.
 * arXiv's terms (../shared/docs/arxiv-api.md §5): one connection, at least 3 s between requests; results change at
 * most daily, so one pass a day. A failed pass is retried an hour later, not sooner: no request storm.
 */
import type { HfStep, WatchedPaper, WatchPass } from '../../shared/watch-types';

export const BATCH_SIZE = 100;
export const REQUEST_SPACING_MS = 3_000;
export const PASS_INTERVAL_MS = 24 * 3_600_000;
export const RETRY_AFTER_ERROR_MS = 3_600_000;
/** A paper checked this recently is not asked again (a pass cut short by a stopped worker resumes with the rest). */
export const RECHECK_MS = 20 * 3_600_000;
export const API_URL = 'https://export.arxiv.org/api/query';

export function nextPassAt(pass: WatchPass | undefined): number {
  if (!pass) return 0;
  const failed = pass.outcome?.state === 'error' || pass.finishedAt === undefined;
  return pass.startedAt + (failed ? RETRY_AFTER_ERROR_MS : PASS_INTERVAL_MS);
}

/** The saved, watched ids that are due, shuffled (a stable order would fingerprint the list) and cut in batches. */
export function planBatches(
  saved: readonly string[],
  off: ReadonlySet<string>,
  papers: Readonly<Record<string, WatchedPaper>>,
  now: number,
  random: () => number = Math.random,
): string[][] {
  const due = saved.filter((id) => {
    const checkedAt = papers[id]?.checkedAt;
    return !off.has(id) && (checkedAt === undefined || now - checkedAt >= RECHECK_MS);
  });
  for (let i = due.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [due[i], due[j]] = [due[j]!, due[i]!];
  }
  const batches: string[][] = [];
  for (let i = 0; i < due.length; i += BATCH_SIZE) batches.push(due.slice(i, i + BATCH_SIZE));
  return batches;
}

/** Bare ids, comma-joined, and max_results = the batch size (the default of 10 would truncate). */
export function batchUrl(batch: readonly string[]): string {
  return `${API_URL}?id_list=${batch.map(encodeURIComponent).join(',')}&max_results=${batch.length}`;
}

/** When the next request may start: 3 s after the previous one ENDED (one connection, then a pause). */
export const requestAllowedAt = (lastRequestEndedAt: number | undefined): number => (lastRequestEndedAt ?? 0) + REQUEST_SPACING_MS;

export const NOTIFY_GAP_MS = 20 * 3_600_000;
export const NOTIFY_WAIT_MS = 3 * 3_600_000;

/**
 * Whether the pass's one notification may go now: never twice in NOTIFY_GAP_MS; only once the arXiv part is done
 * (or inactive) and the HF side has nothing left due (or stopped on an error, or NOTIFY_WAIT_MS passed since the
 * arXiv pass ended: the news doesn't wait a day for the last HF slices).
 */
export function notifyDue(input: {
  now: number;
  notifiedAt: number;
  pass?: WatchPass;
  passRunning: boolean;
  arxivInactive: boolean;
  hfOn: boolean;
  step?: HfStep;
}): boolean {
  const { now, pass, step } = input;
  if (now - input.notifiedAt < NOTIFY_GAP_MS) return false;
  const finished = pass?.finishedAt;
  const arxivDone = input.arxivInactive || (finished !== undefined && !input.passRunning);
  const hfDone = !input.hfOn || !step || step.remaining === 0 || step.error !== undefined
    || (finished !== undefined && now - finished >= NOTIFY_WAIT_MS);
  return arxivDone && hfDone;
}
