/**
 * Reading-list actions as every entry point uses them (messages, context menu, keyboard shortcut, sync):
 * the change in IndexedDB, then the same follow-up everywhere — mirror the saved ids for every tab's marks,
 * update toolbar badges, schedule a sync push — and, for entries without a title, a refill from cache/HF/arXiv.
 */
import browser from 'webextension-polyfill';
import { parseArxivId } from '../../shared/arxiv';
import { detectPaperPage } from '../../shared/paper-pages';
import { SAVED_IDS_KEY } from '../../shared/saved-ids';
import { READING_STATUS_KEY } from '../../shared/saved-status';
import type { PaperMeta, PaperRecord, ReadingListEntry } from '../../shared/types';
import { updateActionBadge } from '../toolbar-badge/action-badge';
import { db } from '../db';
import { getPaper } from '../paper-cache/papers';
import { canonicalId, fillEntry, getEntry, listEntries, removeEntry, saveEntry, savedIds } from './entries';
import { schedulePush } from './sync';

let mirrorQueue: Promise<void> = Promise.resolve();

/**
 * After a committed change. Mirror writes are queued and each reads the store afresh, so with two changes
 * racing the last write reflects both (order matters only in this worker life; a restart re-mirrors on start).
 */
export function changed(ids: readonly string[]): Promise<void> {
  mirrorQueue = mirrorQueue.then(mirrorSavedIds).catch(() => undefined);
  void schedulePush().catch(() => undefined);
  void refreshBadges(ids);
  return mirrorQueue;
}

export async function mirrorSavedIds(): Promise<void> {
  await browser.storage.local.set({ [SAVED_IDS_KEY]: (await savedIds()).sort() });
  // The statuses past "to read", for HF Papers pages (shared/saved-status.ts).
  const statuses = Object.fromEntries((await listEntries()).filter((e) => e.status !== 'to-read').map((e) => [e.id, e.status]));
  await browser.storage.local.set({ [READING_STATUS_KEY]: statuses });
}

async function refreshBadges(ids: readonly string[]): Promise<void> {
  const wanted = new Set(ids);
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(tabs.map((tab) => {
    const id = tabPaperId(tab.url);
    return tab.id !== undefined && id && wanted.has(id) ? updateActionBadge(tab.id, tab.url) : undefined;
  }));
}

export async function save(rawId: string, meta?: PaperMeta): Promise<ReadingListEntry> {
  const { entry } = await saveEntry(rawId, meta);
  await changed([entry.id]);
  if (!entry.title) void refill([entry.id]);
  return entry;
}

export async function remove(rawId: string): Promise<ReadingListEntry | undefined> {
  const removed = await removeEntry(rawId);
  await changed([canonicalId(rawId)]);
  return removed;
}

/** Returns the new state: true = saved. */
export async function toggle(rawId: string, meta?: PaperMeta): Promise<boolean> {
  const id = canonicalId(rawId);
  if (await getEntry(id)) {
    await remove(id);
    return false;
  }
  await save(id, meta);
  return true;
}

/** The paper a tab shows, for the context menu on a page and the keyboard shortcut. */
export const tabPaperId = (url: string | undefined): string | undefined => (url ? detectPaperPage(url)?.paper?.id : undefined);

/**
 * Title, authors and abstract for entries that lack them (saved from a link, or synced from another device): the
 * cache, else HF (getPaper: at most one papers/{id} per paper, misses remembered). Nothing else is asked — ids go to
 * huggingface.co only — so a paper HF doesn't know keeps just its id until it is saved again from its own page.
 * One at a time and capped per run, so a sync of hundreds of ids can't burst requests.
 */
export async function refill(ids: readonly string[], limit = 25): Promise<void> {
  for (const id of ids.slice(0, limit)) {
    const entry = await getEntry(id);
    if (!entry || entry.title) continue;
    const lookup = parseArxivId(id)?.style === 'new' ? await getPaper(id).catch(() => undefined) : undefined;
    if (lookup?.state === 'found') await fillStored(id, lookup.paper);
  }
}

/** Fills gaps only; updatedAt stays, since this is not a user's change and must not win a sync merge. */
async function fillStored(id: string, paper: PaperRecord): Promise<void> {
  const tx = (await db()).transaction('readingList', 'readwrite');
  const entry = await tx.objectStore('readingList').get(id);
  if (entry) await tx.objectStore('readingList').put(fillEntry(entry, {}, paper));
  await tx.done;
}
