/**
 * Reading-list statuses beyond "saved" for the pages that show them (huggingface.co's Papers pages: issue 15), mirrored
 * by the worker into storage.local with the saved ids (background/reading-list/actions.ts) for the same reason as
 * shared/saved-ids.ts: one write reaches every open tab. Only entries past "to read" are listed: a saved id missing
 * here is "to read". Bounded by the reading list itself.
 */
import browser from 'webextension-polyfill';
import { READING_STATUSES, type ReadingStatus } from './types';

export const READING_STATUS_KEY = 'readingListStatus';

export function statusesFrom(value: unknown): Map<string, ReadingStatus> {
  const out = new Map<string, ReadingStatus>();
  if (!value || typeof value !== 'object') return out;
  for (const [id, status] of Object.entries(value)) {
    if ((READING_STATUSES as readonly unknown[]).includes(status)) out.set(id, status as ReadingStatus);
  }
  return out;
}

/** The current statuses, then every change, until `signal` aborts. */
export function followStatuses(onChange: (statuses: Map<string, ReadingStatus>) => void, signal: AbortSignal): void {
  let live = false;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(READING_STATUS_KEY in changes)) return;
    live = true;
    onChange(statusesFrom(changes[READING_STATUS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
  void browser.storage.local.get(READING_STATUS_KEY).then((v) => live || signal.aborted || onChange(statusesFrom(v[READING_STATUS_KEY])), () => undefined);
}

/** The next status a click moves to: to read → reading → read → to read. */
export const nextStatus = (status: ReadingStatus): ReadingStatus => READING_STATUSES[(READING_STATUSES.indexOf(status) + 1) % READING_STATUSES.length]!;
