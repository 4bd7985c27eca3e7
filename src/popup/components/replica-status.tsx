/**
 * One line on the local replica of HF Daily Papers (background/replica/): "Indexed 14 of 43 months" while it
 * backfills, then its data age; a pause says why and when it goes on. Popup footer and options page.
 */
import { useEffect } from 'preact/hooks';
import { timeAgo } from '../../shared/format';
import { sendMessage } from '../../shared/messages';
import type { ReplicaStatus } from '../../shared/types';
import { useQuery } from '../use-query';

/** While backfilling, the line follows the progress (a page every few seconds at most). */
const POLL_MS = 5_000;

export function replicaLine(status: ReplicaStatus, now = Date.now()): string {
  if (!status.enabled) return 'Local copy of HF Daily Papers off';
  const paused = status.pausedUntil ? ` · paused${status.lastError ? ` (${status.lastError})` : ''}, resumes ${timeIn(status.pausedUntil, now)}` : '';
  if (status.indexed < status.total) return `Indexed ${status.indexed} of ${status.total} months${paused}`;
  return `All ${status.total} months of HF Daily Papers on this device${status.newestFetchedAt ? ` · updated ${timeAgo(status.newestFetchedAt, now)}` : ''}${paused}`;
}

const timeIn = (then: number, now: number): string => {
  const minutes = Math.max(1, Math.round((then - now) / 60_000));
  return minutes < 60 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
};

export function ReplicaStatusLine() {
  const [status, refresh] = useQuery(() => sendMessage('replicaStatus'), []);
  const backfilling = status.status === 'done' && status.value.enabled && status.value.indexed < status.value.total;
  useEffect(() => {
    if (!backfilling) return undefined;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [backfilling]);
  if (status.status !== 'done') return null;
  return <span class="replica" data-testid="replica-status" role="status">{replicaLine(status.value)}</span>;
}
