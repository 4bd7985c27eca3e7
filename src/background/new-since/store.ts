/**
 * "New since you looked" in the worker's `meta` store: one record per list (`newSince:<key>`) and one small index of
 * when each list was last opened (`newSince:index`), read and written in ONE transaction per visit, so two tabs opening
 * the same listing at once are applied one after the other. Nothing of it leaves the browser.
 */
import { parseArxivId } from '../../shared/arxiv';
import { listingKey, popupListKey, type PopupList, type SeenView, type VisitView } from '../../shared/new-since';
import { db } from '../db';
import { asIndex, asRecord, decodeIds, MAX_IDS, touch, visit } from './visits';

const INDEX_KEY = 'newSince:index';
const recordKey = (key: string) => `newSince:${key}`;

export async function noteVisit(key: string, ids: readonly string[], now = Date.now()): Promise<VisitView> {
  const tx = (await db()).transaction('meta', 'readwrite');
  const [stored, index] = await Promise.all([tx.store.get(recordKey(key)), tx.store.get(INDEX_KEY)]);
  const { record, view } = visit(asRecord(stored), ids, now);
  const next = touch(asIndex(index), key, now);
  await Promise.all([
    tx.store.put(record, recordKey(key)),
    tx.store.put(next.index, INDEX_KEY),
    ...next.evicted.map((old) => tx.store.delete(recordKey(old))),
    tx.done,
  ]);
  return view;
}

/** Ids come from a web page: only canonical arXiv ids count, and no more than a page can hold. */
function checkedIds(ids: unknown): string[] {
  if (!Array.isArray(ids)) throw new Error('ids must be a list');
  return ids.slice(0, MAX_IDS * 2).filter((id): id is string => typeof id === 'string' && parseArxivId(id)?.id === id);
}

/**
 * The key of a listing page's record; undefined when that listing keeps no track. Computed here, from the URL; a
 * content script can only read or record the page it runs in (its sender URL must name the same listing).
 */
function pageKey(url: string, senderUrl: string | undefined): string | undefined {
  const key = listingKey(String(url));
  if (key && senderUrl !== undefined && listingKey(senderUrl) !== key) throw new Error('a page can only see its own visits');
  return key;
}

export async function listingVisit(url: string, ids: unknown, senderUrl: string | undefined): Promise<VisitView | undefined> {
  const key = pageKey(url, senderUrl);
  return key === undefined ? undefined : noteVisit(key, checkedIds(ids));
}

/** What the last visit left, read only: a listing page marks its new entries with it while it is still parsing. */
export async function listingSeen(url: string, senderUrl: string | undefined): Promise<SeenView | undefined> {
  const key = pageKey(url, senderUrl);
  const record = key === undefined ? undefined : asRecord(await (await db()).get('meta', recordKey(key)));
  return record && { ids: decodeIds(record.ids), fresh: decodeIds(record.fresh) };
}

export async function listVisit(kind: PopupList, ids: unknown): Promise<VisitView> {
  if (!/^[a-z-]{1,20}$/.test(String(kind))) throw new Error(`unknown list ${String(kind)}`);
  return noteVisit(popupListKey(kind), checkedIds(ids));
}
