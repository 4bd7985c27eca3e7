/**
 * The set of saved paper ids, mirrored by the worker into storage.local after every reading-list change.
 *
 * Why a storage mirror rather than the worker messaging each tab: one write reaches every open arXiv tab at
 * once through `storage.onChanged` — including tabs still loading, tabs the worker doesn't know about, and the
 * popup — with no tab enumeration, no per-tab "receiving end does not exist" errors, and no request from a
 * listing page to learn which of its 2,000 entries are saved (content scripts can read storage.local directly).
 */
import browser from 'webextension-polyfill';

export const SAVED_IDS_KEY = 'readingListIds';

const toSet = (value: unknown) => new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export async function getSavedIds(): Promise<Set<string>> {
  return toSet((await browser.storage.local.get(SAVED_IDS_KEY))[SAVED_IDS_KEY]);
}

/** Calls `onChange` with the new set whenever it changes, until `signal` aborts. */
export function watchSavedIds(onChange: (ids: Set<string>) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SAVED_IDS_KEY in changes)) return;
    onChange(toSet(changes[SAVED_IDS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

/** The current set, then every change, until `signal` aborts; a change that arrives before the first read wins over it. */
export function followSavedIds(onChange: (ids: Set<string>) => void, signal: AbortSignal): void {
  let live = false;
  watchSavedIds((ids) => {
    live = true;
    onChange(ids);
  }, signal);
  void getSavedIds().then((ids) => live || signal.aborted || onChange(ids), () => undefined);
}
