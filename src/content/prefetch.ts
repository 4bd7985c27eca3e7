/**
 * While a listing or search page is still parsing (the content script runs at document_start), note the arXiv months
 * (YYMM) of the entries parsed so far, ask the worker for everything it has cached for them, and put each chip in as
 * soon as its entry is parsed and its month answered. Why: by DOMContentLoaded arXiv's 2,000-entry page is already
 * laid out, and chips added then make Chromium lay out the whole page again (≈ 200 ms for 100 chips, measured);
 * chips added while the parser is still adding entries are laid out with them. Cost: one `querySelector` per entry,
 * in 50 ms polls that only look at entries parsed since the last one. On listing pages the same walk collects the
 * page's entries, so DOMContentLoaded (chips.ts) neither rescans 2,000 entries nor re-walks them: it adopts these
 * chips and adds the rest; after it, nothing here writes any more.
 */
import { sendMessage } from '../shared/messages';
import type { PageSettings } from '../shared/page-settings';
import type { BulkPaper } from '../shared/types';
import { idFromAbsHref, listingEntryAt, rememberListing, type PageEntry } from './entries';
import { renderChip } from './ui/chip';

export interface Prefetch {
  /** Months asked for (a failed month is removed again, so its ids are asked for at DOMContentLoaded). */
  months: Set<string>;
  data: Map<string, BulkPaper>;
  /** Chips already in the page, by the abs link they follow. */
  placed: Map<Element, HTMLElement>;
  /**
   * Listing pages (`dt` items): every entry of the page, walking what the last poll left (call at DOMContentLoaded);
   * also what `listingEntries()` answers from then on. Undefined when the walk never started (feature off, search).
   */
  entries(): PageEntry[] | undefined;
  /** No more writes from here; resolves when every month asked for has been answered. */
  close(): Promise<void>;
}

const POLL_MS = 50;
/** Chips per task when a month's answer finds many entries waiting (≈ 25 µs each). */
const SLICE = 250;

/** Where a chip goes: after the entry's abs link. */
interface Spot {
  anchor: Element;
  id: string;
}

/** `start` resolves to the settings when the feature is on, to undefined when it is off: then nothing is asked. */
/** `onEntry`: told of each listing entry as the walk finds it (new-since.ts marks new entries while the page parses). */
export function prefetchMonths(itemTag: 'dt' | 'li', start: Promise<PageSettings | undefined>, onEntry?: (entry: PageEntry) => void): Prefetch {
  const months = new Set<string>();
  const answered = new Set<string>();
  const waiting = new Map<string, Spot[]>();
  const data = new Map<string, BulkPaper>();
  const placed = new Map<Element, HTMLElement>();
  const asks: Promise<void>[] = [];
  // Resumes where the last poll stopped, so the whole parse costs one walk (a live HTMLCollection re-walks the growing
  // document after every parser insertion: quadratic on 2,000 entries). From an item the walk goes sibling to sibling
  // in plain property reads; the TreeWalker (whose filter is a call into script per node) only finds the first item
  // and the next list once a list ends, never entering an entry's `dd`.
  const tag = itemTag.toUpperCase();
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT, {
    acceptNode: ({ tagName }: Element) => (tagName === tag ? NodeFilter.FILTER_ACCEPT : tagName === 'DD' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP),
  });
  const entries: PageEntry[] = [];
  let last: Node = document;
  let minUpvotes = 0;
  let walking = false;
  let closed = false;

  const spotOf = (item: Element): Spot | undefined => {
    if (tag === 'DT') {
      const entry = listingEntryAt(item);
      if (entry) entries.push(entry), onEntry?.(entry);
      return entry?.isNew ? entry : undefined;
    }
    const anchor = item.querySelector('a[href*="/abs/"]');
    const parsed = idFromAbsHref(anchor?.getAttribute('href') ?? null);
    return anchor && parsed?.isNew ? { anchor, id: parsed.id } : undefined;
  };
  const place = ({ anchor, id }: Spot) => {
    const paper = data.get(id);
    if (closed || !paper || paper.upvotes < minUpvotes || placed.has(anchor)) return;
    const host = renderChip(id, paper);
    anchor.after(host);
    placed.set(anchor, host);
  };
  // A month answered late may find a thousand entries waiting: their chips go in slices, each its own short task.
  const placeInSlices = (spots: Spot[]) => {
    for (const spot of spots.splice(0, SLICE)) place(spot);
    if (spots.length > 0 && !closed) setTimeout(() => placeInSlices(spots), 0);
  };
  const ask = (month: string) => {
    months.add(month);
    asks.push(sendMessage('getPapersByMonth', [month]).then((found) => {
      for (const [id, paper] of Object.entries(found)) data.set(id, paper);
      answered.add(month);
      placeInSlices(waiting.get(month) ?? []);
      waiting.delete(month);
    }, () => void months.delete(month)));
  };
  const next = (): Element | null => {
    let end: Node = last;
    for (let sibling = last === document ? null : (last as Element).nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
      if (sibling.tagName === tag) return sibling;
      end = sibling;
    }
    walker.currentNode = end;
    return walker.nextNode() as Element | null;
  };
  const walk = () => {
    for (let item = next(); item; item = next()) {
      // An item without a next sibling may still be parsing: the next poll (or DOMContentLoaded's walk) takes it.
      if (!item.nextElementSibling && document.readyState === 'loading') break;
      last = item;
      const spot = spotOf(item);
      if (!spot) continue;
      const month = spot.id.slice(0, 4);
      if (!months.has(month)) ask(month);
      if (answered.has(month)) place(spot);
      else if (waiting.has(month)) waiting.get(month)!.push(spot);
      else waiting.set(month, [spot]);
    }
  };
  const poll = () => {
    if (closed) return;
    walk();
    if (document.readyState === 'loading') setTimeout(poll, POLL_MS);
  };
  const started = start.then((settings) => {
    if (!settings || document.readyState !== 'loading') return;
    minUpvotes = settings.minUpvotes;
    walking = true;
    poll();
  }, () => undefined);
  return {
    months, data, placed,
    entries() {
      if (!walking || closed || tag !== 'DT') return undefined;
      walk();
      rememberListing(entries);
      return entries;
    },
    async close() {
      closed = true;
      await started;
      await Promise.all(asks);
    },
  };
}
