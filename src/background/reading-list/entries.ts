/**
 * The reading list in IndexedDB (`readingList` store; deletion tombstones for sync in `meta`). Every change is
 * one readwrite transaction that reads what it needs inside it, so two tabs saving at once both persist (IDB
 * runs overlapping readwrite transactions one after another). Callers get the result; `changed()` then
 * tells every open tab, the toolbar and sync (reading-list-events.ts).
 */
import { parseArxivId } from '../../shared/arxiv';
import { READING_STATUSES, type ImportReport, type PaperMeta, type PaperRecord, type ReadingListEntry } from '../../shared/types';
import { db, readPapers } from '../db';
import { validEntry, type ParsedImport } from './import';
import { cleanTags, noControl, oneLine } from './text';

/** id → deletedAt (ms). Kept out of the entries so "in the list" stays one store read. */
export type Tombstones = Record<string, number>;
export const TOMBSTONES_KEY = 'readingList:tombstones';

export type EntryPatch = Partial<Pick<ReadingListEntry, 'status' | 'tags' | 'note'>>;

export function canonicalId(rawId: string): string {
  const parsed = parseArxivId(rawId);
  if (!parsed) throw new Error(`not an arXiv id: ${rawId.slice(0, 40)}`);
  return parsed.id;
}


/** Page metadata comes from a web page: trim, cap and drop what isn't text before it is stored. */
export function cleanMeta(meta: PaperMeta | undefined): PaperMeta {
  if (!meta || typeof meta !== 'object') return {};
  const out: PaperMeta = {};
  if (typeof meta.title === 'string' && meta.title.trim()) out.title = oneLine(meta.title, 1_000);
  if (Array.isArray(meta.authors)) {
    const authors = meta.authors.filter((a): a is string => typeof a === 'string').map((a) => oneLine(a, 300)).filter(Boolean).slice(0, 2_000);
    if (authors.length) out.authors = authors;
  }
  if (typeof meta.abstract === 'string' && meta.abstract.trim()) out.abstract = oneLine(meta.abstract, 20_000);
  if (typeof meta.primaryClass === 'string' && /^[a-z-]+(?:\.[A-Za-z-]+)?$/.test(meta.primaryClass)) out.primaryClass = meta.primaryClass;
  return out;
}

/** Fills what the entry lacks from page metadata and the cached HF record; never overwrites user data. */
export function fillEntry(entry: ReadingListEntry, meta: PaperMeta, paper: PaperRecord | undefined): ReadingListEntry {
  const next = { ...entry };
  // HF's text gets the same trimming as a page's: what is stored must pass the import check (export → import).
  if (!next.title) next.title = meta.title ?? (paper ? oneLine(paper.title, 1_000) : '');
  if (next.authors.length === 0) next.authors = meta.authors ?? paper?.authors.map((a) => oneLine(a, 300)).filter(Boolean).slice(0, 2_000) ?? [];
  if (!next.abstract) next.abstract = meta.abstract ?? (paper ? oneLine(paper.summary, 20_000) : '');
  if (!next.primaryClass && meta.primaryClass) next.primaryClass = meta.primaryClass;
  if (paper) {
    next.upvotesAtSave ??= paper.upvotes;
    next.lastSeenUpvotes = paper.upvotes;
  }
  return next;
}

export function newEntry(id: string, now: number): ReadingListEntry {
  return { id, title: '', authors: [], abstract: '', addedAt: now, updatedAt: now, status: 'to-read', tags: [], note: '' };
}

/** Key order differs between spread objects, so compare with sorted keys. */
const stable = (e: ReadingListEntry) => JSON.stringify(Object.entries(e).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
const sameEntry = (a: ReadingListEntry, b: ReadingListEntry) => stable(a) === stable(b);

export async function listEntries(): Promise<ReadingListEntry[]> {
  const database = await db();
  const tx = database.transaction(['readingList', 'paperShards', 'paperText']);
  const entries = await tx.objectStore('readingList').getAll();
  // Last seen upvotes from the cache (kept fresh by the lists and badges): read-time, no write needed.
  const papers = await readPapers(tx, entries.map((e) => e.id));
  await tx.done;
  return entries.map((e) => {
    const paper = papers.get(e.id);
    return paper ? { ...e, lastSeenUpvotes: paper.upvotes } : e;
  });
}

export async function getEntry(rawId: string): Promise<ReadingListEntry | undefined> {
  return (await db()).get('readingList', canonicalId(rawId));
}

export async function savedIds(): Promise<string[]> {
  return (await db()).getAllKeys('readingList');
}

/** Saves (or returns the existing entry, filling gaps from `meta`). */
export async function saveEntry(rawId: string, meta?: PaperMeta, now = Date.now()): Promise<{ entry: ReadingListEntry; created: boolean }> {
  const id = canonicalId(rawId);
  const clean = cleanMeta(meta);
  const database = await db();
  const tx = database.transaction(['readingList', 'paperShards', 'paperText', 'meta'], 'readwrite');
  const [existing, cached, tombstones] = await Promise.all([
    tx.objectStore('readingList').get(id), readPapers(tx, [id]), tx.objectStore('meta').get(TOMBSTONES_KEY) as Promise<Tombstones | undefined>,
  ]);
  const entry = fillEntry(existing ?? newEntry(id, now), clean, cached.get(id));
  const writes: Promise<unknown>[] = [];
  if (!existing || !sameEntry(existing, entry)) writes.push(tx.objectStore('readingList').put(entry));
  if (tombstones && id in tombstones) {
    const { [id]: _gone, ...rest } = tombstones;
    writes.push(tx.objectStore('meta').put(rest, TOMBSTONES_KEY));
  }
  await Promise.all([...writes, tx.done]);
  return { entry, created: !existing };
}

/** Removes and leaves a tombstone, so the deletion reaches the user's other devices. Returns the entry (for undo). */
export async function removeEntry(rawId: string, now = Date.now()): Promise<ReadingListEntry | undefined> {
  const id = canonicalId(rawId);
  const database = await db();
  const tx = database.transaction(['readingList', 'meta'], 'readwrite');
  const [existing, tombstones] = await Promise.all([tx.objectStore('readingList').get(id), tx.objectStore('meta').get(TOMBSTONES_KEY) as Promise<Tombstones | undefined>]);
  if (existing) {
    await Promise.all([tx.objectStore('readingList').delete(id), tx.objectStore('meta').put({ ...tombstones, [id]: now }, TOMBSTONES_KEY), tx.done]);
  } else {
    await tx.done;
  }
  return existing;
}

/** Undo of a removal: the entry comes back as it was, newer than its tombstone. It comes from a page: checked whole (and cleaned). */
export async function restoreEntry(raw: unknown, now = Date.now()): Promise<ReadingListEntry> {
  const entry = validEntry(raw);
  const id = entry.id;
  const restored = { ...entry, updatedAt: Math.max(now, entry.updatedAt) };
  const database = await db();
  const tx = database.transaction(['readingList', 'meta'], 'readwrite');
  const tombstones = (await tx.objectStore('meta').get(TOMBSTONES_KEY)) as Tombstones | undefined;
  const { [id]: _gone, ...rest } = tombstones ?? {};
  await Promise.all([tx.objectStore('readingList').put(restored), tx.objectStore('meta').put(rest, TOMBSTONES_KEY), tx.done]);
  return restored;
}

export async function updateEntry(rawId: string, patch: EntryPatch, now = Date.now()): Promise<ReadingListEntry> {
  const id = canonicalId(rawId);
  const database = await db();
  const tx = database.transaction('readingList', 'readwrite');
  const existing = await tx.store.get(id);
  if (!existing) {
    await tx.done;
    throw new Error(`${id} is not in the reading list`);
  }
  const next: ReadingListEntry = { ...existing, updatedAt: now };
  if (patch.status !== undefined) {
    if (!READING_STATUSES.includes(patch.status)) throw new Error(`unknown status ${String(patch.status).slice(0, 20)}`);
    next.status = patch.status;
  }
  if (patch.tags !== undefined) next.tags = cleanTags(patch.tags);
  if (patch.note !== undefined) next.note = noControl(String(patch.note)).slice(0, 10_000);
  await Promise.all([tx.store.put(next), tx.done]);
  return next;
}

/** Applies a validated import in ONE transaction: all of it or (on any failure) none of it. */
export async function importEntries(parsed: ParsedImport, now = Date.now()): Promise<{ report: ImportReport; ids: string[] }> {
  const database = await db();
  const tx = database.transaction(['readingList', 'meta'], 'readwrite');
  const store = tx.objectStore('readingList');
  const [existing, tombstones] = await Promise.all([Promise.all(parsed.entries.map((e) => store.get(e.id))), tx.objectStore('meta').get(TOMBSTONES_KEY) as Promise<Tombstones | undefined>]);
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  const writes: Promise<unknown>[] = [];
  const ids: string[] = [];
  parsed.entries.forEach((entry, i) => {
    const old = existing[i];
    if (!old) {
      added++;
      writes.push(store.put(entry));
    } else {
      // JSON (our own lossless format): the file's entry wins. BibTeX carries no status, note or dates: it only fills
      // bibliographic gaps and adds its keywords as tags. Either way the result is newer than any device's copy.
      const merged: ReadingListEntry = parsed.kind === 'json'
        ? { ...entry, addedAt: Math.min(old.addedAt, entry.addedAt), updatedAt: old.updatedAt }
        : { ...fillEntry(old, { title: entry.title || undefined, authors: entry.authors.length ? entry.authors : undefined, abstract: entry.abstract || undefined, primaryClass: entry.primaryClass }, undefined),
          tags: [...new Set([...old.tags, ...entry.tags])].slice(0, 50) };
      if (sameEntry(merged, old)) {
        unchanged++;
        return;
      }
      updated++;
      writes.push(store.put({ ...merged, updatedAt: Math.max(now, old.updatedAt + 1) }));
    }
    ids.push(entry.id);
  });
  const revived = ids.filter((id) => tombstones && id in tombstones);
  if (revived.length) writes.push(tx.objectStore('meta').put(Object.fromEntries(Object.entries(tombstones!).filter(([id]) => !revived.includes(id))), TOMBSTONES_KEY));
  await Promise.all([...writes, tx.done]);
  const reasons = [...(unchanged ? [`${unchanged} already in the list, unchanged`] : []), ...parsed.skipped];
  return { report: { added, updated, skipped: unchanged + parsed.skipped.length, reasons }, ids };
}

export function describeReport(report: ImportReport): string {
  const base = `Added ${report.added}, updated ${report.updated}, skipped ${report.skipped}`;
  return report.reasons.length ? `${base} (${report.reasons.join('; ')})` : base;
}
