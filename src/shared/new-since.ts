/**
 * "New since you looked": which pages keep a record of what they listed, and under which key. Pure, shared by the
 * content script (whether to ask at all) and the worker (which never trusts the page's own idea of the key).
 */
import type { ListKind } from './types';

/** What the worker answers for one visit of a list. */
export interface VisitView {
  /** No earlier visit of this list: nothing can be marked yet. */
  first: boolean;
  /** Ids on the list now that were not on it the last time it was opened (in the order they were given). */
  fresh: string[];
  /** When that earlier visit was (ms since epoch); undefined on a first visit. */
  since?: number;
}

/** What the last visit of a listing left: its ids, and those that were new then (background/new-since/visits.ts). */
export interface SeenView {
  ids: string[];
  fresh: string[];
}

/** arXiv's default `show` (arxiv-pages.md, Listings): `new` shows 2000, `recent`/`pastweek` 50. */
const DEFAULT_SHOW: Record<string, string> = { new: '2000', pastweek: '50' };

/**
 * `/list/CAT/new|pastweek|recent` and `/catchup/SUBJECT/DATE` on any arXiv host → one key per distinct page of
 * entries: the host goes (export.arxiv.org lists the same papers), `recent` is `pastweek` (the same page), the
 * paging parameters stay with their defaults filled in (a `show=50` page must not call the rest of the week new).
 * Every other URL (month listings, author pages, search) → undefined: those don't gain entries day by day.
 */
export function listingKey(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.hostname === 'huggingface.co') return hfDailyKey(u);
  if (u.hostname !== 'arxiv.org' && !u.hostname.endsWith('.arxiv.org')) return undefined;
  const [route, subject, which, ...rest] = u.pathname.replace(/\/$/, '').split('/').slice(1);
  if (rest.length > 0 || !subject || !which || !/^[\w.-]+$/.test(subject)) return undefined;
  const q = u.searchParams;
  const int = (name: string, fallback: string) => (/^\d{1,5}$/.test(q.get(name) ?? '') ? String(Number(q.get(name))) : fallback);
  if (route === 'list' && /^(new|pastweek|recent)$/.test(which)) {
    const kind = which === 'recent' ? 'pastweek' : which;
    return `list/${subject}/${kind}?skip=${int('skip', '0')}&show=${int('show', DEFAULT_SHOW[kind]!)}`;
  }
  if (route === 'catchup' && /^\d{4}-\d{2}-\d{2}$/.test(which)) return `catchup/${subject}/${which}?page=${int('page', '1')}`;
  return undefined;
}

/**
 * huggingface.co's daily list, the one HF list that gains papers through its day (other-sites.md §1): `/papers/date/D`
 * and its older form `/papers?date=D` are one key; bare `/papers` (HF's current period) its own. Weeks, months,
 * trending and search (`?q=`) keep no track.
 */
function hfDailyKey(u: URL): string | undefined {
  const path = u.pathname.replace(/\/+$/, '');
  const date = /^\/papers\/date\/(\d{4}-\d{2}-\d{2})$/.exec(path)?.[1] ?? (path === '/papers' ? u.searchParams.get('date') : undefined);
  if (date !== undefined && date !== null) return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `hf/papers/date/${date}` : undefined;
  return path === '/papers' && [...u.searchParams.keys()].length === 0 ? 'hf/papers' : undefined;
}

/** The popup's lists (Rising too) keep their own records, apart from any page's. */
export type PopupList = ListKind | 'rising';
export const popupListKey = (kind: PopupList): string => `popup/${kind}`;
