/**
 * While a listing or search page is still parsing (the content script runs at document_start), put each chip in as
 * soon as its entry is parsed. The data is asked for before the first entry exists: ONE `chipIndex` message answers
 * the chip data of every cached paper, packed per arXiv month (background/chip-index/), and only months whose lists
 * the worker still has to fetch or refresh (`ask`: before the replica is complete) are asked for by month as their
 * first entry turns up. Why: by DOMContentLoaded arXiv's 2,000-entry page is already laid out, and chips added then
 * make Chromium lay out the whole page again (≈ 200 ms for 100 chips, measured); chips added while the parser is
 * still adding entries are laid out with them, and a month first seen at the end of the page costs no round trip.
 * Cost: a few property reads per entry, in 50 ms polls that only look at entries parsed since the last one. On
 * listing pages the same walk collects the page's entries, so DOMContentLoaded (chips.ts) neither rescans 2,000
 * entries nor re-walks them: it adopts these chips and adds the rest; after it, nothing here writes any more.
 */
import { sendMessage } from '../shared/messages';
import type { PageSettings } from '../shared/page-settings';
import type { BulkPaper, ChipIndex } from '../shared/types';
import { idFromAbsHref, listingEntryAt, rememberListing, type PageEntry } from './entries';
import { renderChip } from './ui/chip';

export interface Prefetch {
  /** Whether the answers so far cover this id's month (the index, or its month asked for and answered). */
  covers(id: string): boolean;
  get(id: string): BulkPaper | undefined;
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
  /** The worker's chip index (undefined until it answers, null if it couldn't), its months decoded on first use. */
  let index: ChipIndex | null | undefined;
  let ask = new Set<string>();
  const decoded = new Map<string, Map<string, BulkPaper>>();
  const early: Spot[] = [];
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
  const fromIndex = (month: string): Map<string, BulkPaper> => {
    let found = decoded.get(month);
    if (found) return found;
    decoded.set(month, (found = new Map()));
    const packed = index?.months[month];
    if (packed) {
      for (const part of packed.split(';')) {
        const [n, upvotes, date, gain] = part.split(':');
        const paper: BulkPaper = { upvotes: Number(upvotes) };
        if (date) paper.dailyDate = `20${date.slice(0, 2)}-${date.slice(2, 4)}-${date.slice(4)}`;
        if (gain) paper.gain24 = Number(gain);
        found.set(`${month}.${n}`, paper);
      }
    }
    return found;
  };
  const inIndex = (month: string) => index && !ask.has(month);
  const lookUp = (id: string) => (inIndex(id.slice(0, 4)) ? fromIndex(id.slice(0, 4)).get(id) : data.get(id));
  const place = ({ anchor, id }: Spot) => {
    const paper = lookUp(id);
    if (closed || !paper || paper.upvotes < minUpvotes || placed.has(anchor)) return;
    const host = renderChip(id, paper);
    anchor.after(host);
    placed.set(anchor, host);
  };
  // A month answered late may find a thousand entries waiting: their chips go in slices, each its own short task.
  const inSlices = (spots: Spot[], each: (spot: Spot) => void) => {
    for (const spot of spots.splice(0, SLICE)) each(spot);
    if (spots.length > 0 && !closed) setTimeout(() => inSlices(spots, each), 0);
  };
  const placeInSlices = (spots: Spot[]) => inSlices(spots, place);
  const askMonth = (month: string) => {
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
      if (spot) consider(spot);
    }
  };
  const consider = (spot: Spot) => {
    if (index === undefined) return void early.push(spot);
    const month = spot.id.slice(0, 4);
    if (inIndex(month)) return place(spot);
    if (!months.has(month)) askMonth(month);
    if (answered.has(month)) place(spot);
    else if (waiting.has(month)) waiting.get(month)!.push(spot);
    else waiting.set(month, [spot]);
  };
  const poll = () => {
    if (closed) return;
    walk();
    if (document.readyState === 'loading') setTimeout(poll, POLL_MS);
  };
  let indexed: Promise<void> = Promise.resolve();
  const started = start.then((settings) => {
    if (!settings || document.readyState !== 'loading') return;
    minUpvotes = settings.minUpvotes;
    walking = true;
    indexed = sendMessage('chipIndex').then((answer) => {
      index = answer;
      ask = new Set(answer.ask);
    }, () => void (index = null)).then(() => inSlices(early.splice(0), consider));
    poll();
  }, () => undefined);
  return {
    placed,
    covers: (id) => Boolean(inIndex(id.slice(0, 4))) || (months.has(id.slice(0, 4)) && answered.has(id.slice(0, 4))),
    get: lookUp,
    entries() {
      if (!walking || closed || tag !== 'DT') return undefined;
      walk();
      rememberListing(entries);
      return entries;
    },
    async close() {
      await started;
      await indexed;
      closed = true;
      await Promise.all(asks);
    },
  };
}
