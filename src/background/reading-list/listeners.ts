/**
 * Worker-side listeners of the reading list besides messages: the keyboard shortcut, the sync alarm, other
 * devices' changes arriving in storage.sync, and worker start (mirror + first merge). The worker entry (background/index.ts) registers them.
 */
import browser, { type Alarms, type Storage, type Tabs } from 'webextension-polyfill';
import { changed, mirrorSavedIds, refill, tabPaperId, toggle } from './actions';
import { isSyncChange, pullAndMerge, pushNow, schedulePush, SYNC_ALARM } from './sync';
import { logFailure } from '../log';
import { pageMetaOf } from './page-meta';

export const TOGGLE_SAVE_COMMAND = 'toggle-save';

/** Alt+Shift+S: saves (or unsaves) the paper in the active tab. */
export async function onCommand(command: string, tab?: Tabs.Tab): Promise<void> {
  if (command !== TOGGLE_SAVE_COMMAND) return;
  const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  const id = tabPaperId(target?.url);
  if (id) await toggle(id, await pageMetaOf(target));
}

export function onSyncAlarm(alarm: Alarms.Alarm): void {
  if (alarm.name === SYNC_ALARM) void pushNow().catch(() => undefined);
}

/** Another device (or our own push) changed the sync area: merge, then refill new ids and push what we have newer. */
export function onStorageChanged(changes: Record<string, Storage.StorageChange>, area: string): void {
  if (isSyncChange(changes, area)) void mergeFromSync().catch(logFailure('merging synced reading list'));
}

export async function mergeFromSync(): Promise<void> {
  const { changed: ids, refill: stubs } = await pullAndMerge();
  if (ids.length) await changed(ids);
  else await schedulePush(); // nothing new here; our side may still be ahead
  if (stubs.length) await refill(stubs);
}

export async function startReadingList(): Promise<void> {
  await mirrorSavedIds();
  await mergeFromSync().catch(() => undefined);
}
