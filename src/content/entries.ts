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
  readonly nodes: HTMLElement[];
  /** The list the entry belongs to (one of the several `dl#articles`, a classic `dl`, or the search `ol`). */
  section: Element;
}

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
function scansOf(root: ParentNode): { listing?: PageEntry[]; search?: PageEntry[] } {
  let cached = scans.get(root);
  if (!cached) scans.set(root, (cached = {}));
  return cached;
}
const memo = (root: ParentNode, kind: 'listing' | 'search', scan: () => PageEntry[]): PageEntry[] => (scansOf(root)[kind] ??= scan());

/**
 * The usual href (`/abs/2606.27001`, maybe with a version) is read with one regex, no decoding or general parser: this
 * runs for each of up to 2,000 entries while the page parses. The classic markup's `a` has no id; some hrefs are odd.
 */
function entryId(anchor: HTMLAnchorElement): { id: string; isNew: boolean } | undefined {
  const href = anchor.getAttribute('href');
  const plain = href ? PLAIN_ABS.exec(href) : null;
  if (plain) return { id: plain[1]!, isNew: true };
  return idFromAbsHref(href) ?? idFromAbsHref(`/abs/${anchor.id}`);
}
/** Since 2015 (YYMM ≥ 1501) arXiv ids have five digits after the dot; anything else takes the general parser. */
const PLAIN_ABS = /^(?:https:\/\/arxiv\.org)?\/abs\/((?:1[5-9]|[2-9]\d)(?:0[1-9]|1[0-2])\.\d{5})(?:v[1-9]\d*)?$/;

export const listingEntries = (root: ParentNode = document): PageEntry[] => memo(root, 'listing', () => scanListing(root));
export const searchEntries = (root: ParentNode = document): PageEntry[] => memo(root, 'search', () => scanSearch(root));

/**
 * A listing entry, made from its abs link alone: its `dt`, its list and its `[dt, dd]` pair are looked up when first
 * needed (sorting, filtering, saving). The parse-time walk creates up to 2,000 of these, and most visits never sort:
 * each DOM read from the content script's world costs a wrapper (~2 µs), so an entry costs one read, not four.
 */
class ListingEntry implements PageEntry {
  private pair?: HTMLElement[];
  constructor(readonly id: string, readonly isNew: boolean, readonly anchor: HTMLAnchorElement) {}
  get section(): Element {
    return this.nodes[0]!.parentElement!;
  }
  get nodes(): HTMLElement[] {
    if (!this.pair) {
      // The abs link is in its `dt` (2024 markup) or in the dt's `span.list-identifier` (classic).
      const dt = this.anchor.closest('dt')!;
      const dd = dt.nextElementSibling;
      this.pair = dd?.tagName === 'DD' ? [dt, dd as HTMLElement] : [dt];
    }
    return this.pair;
  }
}

/**
 * Every entry's abs link, in document order: 2024 markup `dt > a[title=Abstract]`, classic `dt > span.list-identifier
 * > a[title=Abstract]`; no other link of a dt has that title. One native query: the rule shared by the full scan and
 * the parse-time walk (prefetch.ts), which reads only the links parsed since its last poll, list by list.
 */
const ABS_LINK = 'dt a[title=Abstract]';
const LISTING_ANCHORS = `dl > ${ABS_LINK}`;
/** The same within one `dl` (the parse-time walk's query). */
export const LIST_ANCHORS = `:scope > ${ABS_LINK}`;

/** The entry this abs link (one of LISTING_ANCHORS) stands for, if its href is an arXiv id. */
export function listingEntryOf(anchor: HTMLAnchorElement): PageEntry | undefined {
  const parsed = entryId(anchor);
  return parsed && new ListingEntry(parsed.id, parsed.isNew, anchor);
}

/** The prefetch's walk found every entry while the page parsed: the scan then costs nothing at DOMContentLoaded. */
export function rememberListing(entries: PageEntry[], root: ParentNode = document): void {
  scansOf(root).listing = entries;
}

function scanListing(root: ParentNode): PageEntry[] {
  const out: PageEntry[] = [];
  for (const anchor of root.querySelectorAll<HTMLAnchorElement>(LISTING_ANCHORS)) {
    const entry = listingEntryOf(anchor);
    if (entry) out.push(entry);
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
