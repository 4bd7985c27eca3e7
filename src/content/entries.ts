/**
 * The paper entries of arXiv listing, catchup, author and search pages (arxiv-pages.md §3–4), next to selectors.ts.
 * The entry's OWN id comes from its abs link only (`dt > a[title=Abstract]`, the classic `span.list-identifier`, or
 * `li.arxiv-result p.list-title a`): abstracts and comments link other papers too. Pure reads, one pass, no layout.
 */
import { parseArxivId } from '../shared/arxiv';

export interface PageEntry {
  /** Canonical id without version (`2606.27001`, `cs/0112017`). */
  id: string;
  /** HF indexes new-style ids only; old-style entries get no chip and no lookup. */
  isNew: boolean;
  /** The entry's abs link: the chip goes right after it, outside every `.mathjax` element. */
  anchor: HTMLAnchorElement;
  /** What moves when sorting and hides when filtering: `[dt, dd]` or `[li]`. */
  nodes: HTMLElement[];
  /** The list the entry belongs to (one of the several `dl#articles`, a classic `dl`, or the search `ol`). */
  section: Element;
}

/** 2024 markup first, then the classic one (its `a` has no id and sits in `span.list-identifier`). */
const LISTING_ANCHORS = 'dl > dt > a[title="Abstract"], dl > dt > span.list-identifier > a[title="Abstract"]';
const SEARCH_ANCHORS = 'li.arxiv-result p.list-title > a[href*="/abs/"]';
const ABS_PATH = /\/abs\/([^?#]+?)\/?(?:[?#]|$)/;

/** `/abs/2606.27001`, `https://arxiv.org/abs/2101.04792v2`, `/abs/cs/0112017` → the id; else undefined. */
export function idFromAbsHref(href: string | null): { id: string; isNew: boolean } | undefined {
  const match = href ? ABS_PATH.exec(href) : null;
  if (!match?.[1]) return undefined;
  let raw: string;
  try {
    raw = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  const parsed = parseArxivId(raw);
  return parsed && { id: parsed.id, isNew: parsed.style === 'new' };
}

/**
 * arXiv renders these pages on the server and nothing adds entries later, so one scan per document serves every
 * feature (chips, saved marks) and every re-run after a settings change: up to 2,000 entries cost ~10 ms to find.
 */
const scans = new WeakMap<ParentNode, { listing?: PageEntry[]; search?: PageEntry[] }>();
function memo(root: ParentNode, kind: 'listing' | 'search', scan: () => PageEntry[]): PageEntry[] {
  let cached = scans.get(root);
  if (!cached) scans.set(root, (cached = {}));
  return (cached[kind] ??= scan());
}

/** 2024 markup: the anchor's `id` is the bare id and its href `/abs/<id>`; skip the general parser then. */
function entryId(anchor: HTMLAnchorElement): { id: string; isNew: boolean } | undefined {
  const { id } = anchor;
  if (id && NEW_ID.test(id) && anchor.getAttribute('href') === `/abs/${id}`) return { id, isNew: true };
  return idFromAbsHref(anchor.getAttribute('href')) ?? idFromAbsHref(`/abs/${id}`);
}
const NEW_ID = /^\d{4}\.\d{4,5}$/;

export const listingEntries = (root: ParentNode = document): PageEntry[] => memo(root, 'listing', () => scanListing(root));
export const searchEntries = (root: ParentNode = document): PageEntry[] => memo(root, 'search', () => scanSearch(root));

function scanListing(root: ParentNode): PageEntry[] {
  const out: PageEntry[] = [];
  for (const anchor of root.querySelectorAll<HTMLAnchorElement>(LISTING_ANCHORS)) {
    const parsed = entryId(anchor);
    const dt = anchor.closest('dt');
    const section = dt?.parentElement;
    if (!parsed || !dt || !section) continue;
    const dd = dt.nextElementSibling;
    out.push({ ...parsed, anchor, nodes: dd instanceof HTMLElement && dd.tagName === 'DD' ? [dt, dd] : [dt], section });
  }
  return out;
}

function scanSearch(root: ParentNode): PageEntry[] {
  const out: PageEntry[] = [];
  const seen = new Set<Element>();
  for (const anchor of root.querySelectorAll<HTMLAnchorElement>(SEARCH_ANCHORS)) {
    const li = anchor.closest('li');
    const parsed = idFromAbsHref(anchor.getAttribute('href'));
    // One entry per result: its first abs link is the paper's own.
    if (!parsed || !li?.parentElement || seen.has(li)) continue;
    seen.add(li);
    out.push({ ...parsed, anchor, nodes: [li], section: li.parentElement });
  }
  return out;
}
