/**
 * "New since you looked", the bookkeeping as pure functions: what one visit of a list (an arXiv listing page, a popup
 * list) answers and what it leaves stored. The rule: an id is new when it was not on the list the last time the list
 * was opened; opening an unchanged list again (a reload, Back, a second tab, the content script running twice) keeps
 * the marks of the visit that found them, so looking twice never wipes what was new. Bounded: at most MAX_IDS ids
 * per list (arXiv's largest page) and MAX_LISTS lists, the least recently opened dropped first.
 */
import type { VisitView } from '../../shared/new-since';

/** arXiv's largest listing page (`show=2000`, catchup's CATCHUP_LIMIT). */
export const MAX_IDS = 2_000;
/** Listing URLs and popup lists together; a reader follows a handful. */
export const MAX_LISTS = 50;

/** What is stored per list (in the worker's `meta` store). Ids are encoded with `encodeIds`. */
export interface VisitRecord {
  /** The list's ids at the last visit. */
  ids: string;
  /** Those of them that were new at the visit that found them. */
  fresh: string;
  /** When the visit `fresh` is measured against happened; undefined while there was only one distinct version. */
  since?: number;
  /** The last visit: the least recently seen list is the first to go. */
  seenAt: number;
}

/** List key → last visit, for the LRU bound. */
export type VisitIndex = Record<string, number>;

const NEW_STYLE = /^(\d{4})\.(\d{4,5})$/;

/**
 * Sorted, and a run of ids of one arXiv month (YYMM) written once: `2606.27001 27002 27003 2607.00001`. A listing's
 * ids share a few months, so 2,000 ids take ~6 bytes each instead of 11.
 */
export function encodeIds(ids: Iterable<string>): string {
  let prefix = '';
  const out: string[] = [];
  for (const id of [...ids].sort()) {
    const m = NEW_STYLE.exec(id);
    if (m && m[1] === prefix) out.push(m[2]!);
    else {
      out.push(id);
      if (m) prefix = m[1]!;
    }
  }
  return out.join(' ');
}

export function decodeIds(encoded: string): string[] {
  let prefix = '';
  const out: string[] = [];
  for (const token of encoded.split(' ')) {
    if (!token) continue;
    if (token.includes('.')) prefix = token.slice(0, token.indexOf('.'));
    out.push(token.includes('.') || token.includes('/') ? token : `${prefix}.${token}`);
  }
  return out;
}

/** One visit: the list now holds `ids` (page order). Duplicates go; past MAX_IDS the rest of a page is not kept. */
export function visit(stored: VisitRecord | undefined, ids: readonly string[], now: number): { record: VisitRecord; view: VisitView } {
  const current = [...new Set(ids)].slice(0, MAX_IDS);
  if (!stored) return { record: { ids: encodeIds(current), fresh: '', seenAt: now }, view: { first: true, fresh: [] } };
  const before = new Set(decodeIds(stored.ids));
  const added = current.filter((id) => !before.has(id));
  if (added.length === 0) {
    // Nothing arrived since the last visit: the marks of the visit that found them stay (minus entries now gone).
    const wasFresh = new Set(decodeIds(stored.fresh));
    const fresh = current.filter((id) => wasFresh.has(id));
    const record: VisitRecord = { ids: encodeIds(current), fresh: encodeIds(fresh), seenAt: now, ...(stored.since === undefined ? {} : { since: stored.since }) };
    return { record, view: { first: stored.since === undefined, fresh, ...(stored.since === undefined ? {} : { since: stored.since }) } };
  }
  return {
    record: { ids: encodeIds(current), fresh: encodeIds(added), since: stored.seenAt, seenAt: now },
    view: { first: false, fresh: added, since: stored.seenAt },
  };
}

/** Marks `key` as just seen; past `max` lists, the least recently seen ones are evicted (their records must go too). */
export function touch(index: VisitIndex, key: string, now: number, max = MAX_LISTS): { index: VisitIndex; evicted: string[] } {
  const next: VisitIndex = { ...index, [key]: now };
  const byAge = Object.keys(next).sort((a, b) => next[a]! - next[b]!);
  const evicted = byAge.slice(0, Math.max(0, byAge.length - max));
  for (const old of evicted) delete next[old];
  return { index: next, evicted };
}

/** Stored values come back as `unknown`: anything malformed counts as no record (a first visit), never a crash. */
export function asRecord(value: unknown): VisitRecord | undefined {
  const r = value as Partial<VisitRecord> | undefined;
  return r && typeof r.ids === 'string' && typeof r.fresh === 'string' && typeof r.seenAt === 'number'
    && (r.since === undefined || typeof r.since === 'number') ? (r as VisitRecord) : undefined;
}

export function asIndex(value: unknown): VisitIndex {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter(([, at]) => typeof at === 'number')) as VisitIndex;
}
