/**
 * "In Zotero" marks from Zotero's local API (../shared/docs/zotero.md §5), only when the user turned it on (in
 * Zotero, and in our options). One index of the arXiv ids the user's libraries hold, built from a search for
 * "arXiv" in every field (matching archive id, arXiv DOI, URL or Extra client-side), kept in storage.local
 * (bounded: at most MAX_IDS ids) and rebuilt at most every FRESH_MS; a failure is remembered for RETRY_MS so a
 * closed Zotero is not asked again on every page. Papers we save are added at once.
 */
import browser from 'webextension-polyfill';
import { parseArxivId } from '../../shared/arxiv';
import { getSettings } from '../../shared/settings';
import type { ZoteroMarks } from '../../shared/zotero';
import { hasZoteroPermission, ZoteroError, zoteroFetch } from './connector';

export const MARKS_KEY = 'zoteroMarks';
export const MAX_IDS = 20_000;
const FRESH_MS = 30 * 60_000;
const RETRY_MS = 2 * 60_000;
const PAGE = 100;
/** 20 pages of 100 per library: an index of 2,000 arXiv-ish items each, enough for a researcher's library. */
const MAX_PAGES = 20;

interface StoredMarks { checkedAt: number; ids: string[]; failedAt?: number; failure?: string }

let inFlight: Promise<StoredMarks> | undefined;

export async function zoteroMarks(ids: readonly string[], now = Date.now()): Promise<ZoteroMarks> {
  const { zoteroLocalApi } = await getSettings();
  if (!zoteroLocalApi) return { state: 'off' };
  if (!(await hasZoteroPermission())) return { state: 'not-checked', message: 'Not checked: Paper Pulse may not talk to Zotero yet (options page).' };
  const stored = (await browser.storage.local.get(MARKS_KEY))[MARKS_KEY] as StoredMarks | undefined;
  let marks = stored;
  if (stored?.failedAt && now - stored.failedAt < RETRY_MS) return { state: 'not-checked', message: stored.failure ?? 'Not checked' };
  if (!stored || stored.failedAt || now - stored.checkedAt > FRESH_MS) {
    inFlight ??= rebuild(stored, now).finally(() => { inFlight = undefined; });
    marks = await inFlight;
  }
  if (!marks || marks.failedAt) return { state: 'not-checked', message: marks?.failure ?? 'Not checked' };
  const held = new Set(marks.ids);
  return { state: 'checked', checkedAt: marks.checkedAt, held: ids.filter((id) => held.has(id)) };
}

/** Just saved: marked without asking Zotero again. */
export async function addMarks(ids: readonly string[]): Promise<void> {
  const stored = (await browser.storage.local.get(MARKS_KEY))[MARKS_KEY] as StoredMarks | undefined;
  if (!stored || stored.failedAt) return; // the next check builds the index anyway
  const next = [...new Set([...ids, ...stored.ids])].slice(0, MAX_IDS);
  await browser.storage.local.set({ [MARKS_KEY]: { ...stored, ids: next } });
}

async function rebuild(previous: StoredMarks | undefined, now: number): Promise<StoredMarks> {
  let next: StoredMarks;
  try {
    next = { checkedAt: now, ids: [...await indexLibraries()].slice(0, MAX_IDS) };
  } catch (error) {
    const failure = error instanceof ZoteroError ? `Not checked: ${error.message}` : 'Not checked: Zotero’s local API failed.';
    // The last good index is kept for when Zotero is back, but not shown meanwhile ("not checked").
    next = { checkedAt: previous?.checkedAt ?? 0, ids: previous?.ids ?? [], failedAt: now, failure };
  }
  await browser.storage.local.set({ [MARKS_KEY]: next });
  return next;
}

async function getJson(path: string): Promise<unknown> {
  const response = await zoteroFetch(path, { headers: { 'Zotero-API-Version': '3' } });
  if (response.status === 403) {
    throw new ZoteroError('refused', 'Zotero’s local API is off. In Zotero: Settings → Advanced → “Allow other applications on this computer to communicate with Zotero”.');
  }
  if (response.status !== 200) throw new ZoteroError('failed', `Zotero’s local API answered HTTP ${response.status}.`);
  return JSON.parse(response.body);
}

async function indexLibraries(): Promise<Set<string>> {
  const groups = await getJson('/api/users/0/groups') as { id: number }[];
  const libraries = ['users/0', ...groups.map((g) => `groups/${g.id}`)];
  const found = new Set<string>();
  for (const library of libraries) {
    for (let page = 0; page < MAX_PAGES; page++) {
      const items = await getJson(`/api/${library}/items/top?q=arXiv&qmode=everything&itemType=-attachment&limit=${PAGE}&start=${page * PAGE}`) as { data?: Record<string, unknown> }[];
      for (const item of items) for (const id of arxivIdsOf(item.data ?? {})) found.add(id);
      if (items.length < PAGE) break;
    }
  }
  return found;
}

/** The arXiv ids an item is for: archive id, arXiv DOI, arxiv.org URL, or an `arXiv:ID` token in Extra. */
export function arxivIdsOf(data: Record<string, unknown>): string[] {
  const text = (key: string) => (typeof data[key] === 'string' ? data[key] : '');
  const candidates = [
    /^arXiv:(\S+)$/i.exec(text('archiveID'))?.[1],
    /^10\.48550\/arXiv\.(\S+)$/i.exec(text('DOI'))?.[1],
    /arxiv\.org\/(?:abs|pdf)\/([^?#\s]+?)(?:\.pdf)?(?:[?#]|$)/i.exec(text('url'))?.[1],
    ...[...text('extra').matchAll(/arXiv:\s*([\w./-]+\d)/gi)].map((m) => m[1]),
  ];
  return [...new Set(candidates.flatMap((c) => (c ? [parseArxivId(c)?.id] : [])).filter((id): id is string => id !== undefined))];
}
