/**
 * While a listing or search page is still parsing (the content script runs at document_start), put each chip in as
 * soon as its entry is parsed. The data is asked for before the first entry exists: ONE `chipIndex` message answers
 * the chip data of every cached paper, packed per arXiv month (background/chip-index/); entries of months whose lists
 * the worker still has to fetch or refresh (`ask`: before the replica is complete) are asked for at DOMContentLoaded
 * in one message (chips.ts), as are all when the index fails. Why: by DOMContentLoaded arXiv's 2,000-entry page is already laid out, and chips added then
 * make Chromium lay out the whole page again (≈ 200 ms for 100 chips, measured); chips added while the parser is
 * still adding entries are laid out with them, and a month first seen at the end of the page costs no round trip.
 * Cost: one native query over the current list per 50 ms poll and one read per entry parsed since the last poll. On
 * listing pages the same walk collects the page's entries, so DOMContentLoaded (chips.ts) neither rescans 2,000
 * entries nor re-walks them: it adopts these chips and adds the rest; after it, nothing here writes any more.
 */
import { sendMessage } from '../shared/messages';
import type { PageSettings } from '../shared/page-settings';
import type { BulkPaper, ChipIndex } from '../shared/types';
import { LIST_ANCHORS, listingEntries, listingEntryOf, rememberListing, type PageEntry } from './entries';
import { renderChip } from './ui/chip';

export interface Prefetch {
  /** Whether the index covers this id's month (else DOMContentLoaded asks for the id: chips.ts). */
  covers(id: string): boolean;
  get(id: string): BulkPaper | undefined;
  /** Chips already in the page, by the abs link they follow. */
  placed: Map<Element, HTMLElement>;
  /**
   * Listing pages: every entry of the page, taking what the last poll left (call at DOMContentLoaded);
   * also what `listingEntries()` answers from then on. Undefined when the walk never started (feature off, search).
   */
  entries(): PageEntry[] | undefined;
  /** No more writes from here; resolves once the index has answered (or failed). */
  close(): Promise<void>;
}

const POLL_MS = 50;
/** A frame walks only when no timer has for this long (Firefox, while parsing). */
const STARVED_MS = 2 * POLL_MS;
/** Chromium answers the settings in 10–40 ms; later than this, the walk starts without them. */
const WALK_AFTER_MS = 150;
/** Chips per task when a month's answer finds many entries waiting (≈ 25 µs each). */
const SLICE = 250;

/** Where a chip goes: after the entry's abs link. */
interface Spot {
  anchor: Element;
  id: string;
}

/** `start` resolves to the settings when the feature is on, to undefined when it is off: then nothing is asked. */
/** `onEntry`: told of each listing entry as the walk finds it (new-since.ts marks new entries while the page parses). */
/** Search pages (`listing` false, a few hundred results at most) take the index only: their chips go in at DOMContentLoaded. */
export function prefetchChips(listing: boolean, start: Promise<PageSettings | undefined>, onEntry?: (entry: PageEntry) => void): Prefetch {
  /** The worker's chip index (undefined until it answers, null if it couldn't), its months decoded on first use. */
  let index: ChipIndex | null | undefined;
  let ask = new Set<string>();
  const decoded = new Map<string, Map<string, BulkPaper>>();
  const early: Spot[] = [];
  const placed = new Map<Element, HTMLElement>();
  const entries: PageEntry[] = [];
  // The list (`dl`) the parser is in and how many of its abs links the walk has taken: the parser only appends, so a
  // poll queries that list alone from there (a query over the whole growing document each poll cost ~6 ms in all),
  // and moves to the next list once one follows it. `lists` counts the lists walked, for DOMContentLoaded's check.
  let list: Element | null = null;
  let taken = 0;
  let lists = 0;
  let minUpvotes = 0;
  let walking = false;
  let closed = false;

  const spotOf = (anchor: HTMLAnchorElement): Spot | undefined => {
    const entry = listingEntryOf(anchor);
    if (entry) entries.push(entry), onEntry?.(entry);
    return entry?.isNew ? entry : undefined;
  };
  const fromIndex = (month: string): Map<string, BulkPaper> => {
    let found = decoded.get(month);
    if (found) return found;
    decoded.set(month, (found = new Map()));
    const packed = index?.months[month];
    if (packed) {
      for (const part of packed.split(';')) {
        const [n, upvotes, date, gain] = part.split(':');
        found.set(`${month}.${n}`, { upvotes: Number(upvotes), dailyDate: date || undefined, gain24: Number(gain) || undefined });
      }
    }
    return found;
  };
  const inIndex = (month: string) => index && !ask.has(month);
  const lookUp = (id: string) => (inIndex(id.slice(0, 4)) ? fromIndex(id.slice(0, 4)).get(id) : undefined);
  const place = ({ anchor, id }: Spot) => {
    const paper = lookUp(id);
    if (closed || !paper || paper.upvotes < minUpvotes || placed.has(anchor)) return;
    const host = renderChip(id, paper);
    anchor.after(host);
    placed.set(anchor, host);
  };
  // The index answered late may find a thousand entries waiting: their chips go in slices, each its own short task.
  const placeInSlices = (spots: Spot[]) => {
    for (const spot of spots.splice(0, SLICE)) place(spot);
    if (spots.length > 0 && !closed) setTimeout(() => placeInSlices(spots), 0);
  };
  // One native query per poll, over the list the parser is in; only the links parsed since the last poll are read
  // into this world (a wrapper each). An abs link is complete once it exists (the parser sets attributes when it
  // creates the element), and a chip put after it while its dt is still parsing stays before the rest of the line (the
  // parser appends at the dt's end). Lists are found sibling to sibling: a TreeWalker's filter is a call per node.
  const walk = () => {
    if (!list && (list = document.querySelector('dl'))) lists = 1;
    while (list) {
      const anchors = list.querySelectorAll<HTMLAnchorElement>(LIST_ANCHORS);
      for (; taken < anchors.length; taken++) {
        const spot = spotOf(anchors[taken]!);
        if (spot) consider(spot);
      }
      let next = list.nextElementSibling;
      while (next && next.tagName !== 'DL') next = next.nextElementSibling;
      if (!next) return;
      list = next;
      lists++;
      taken = 0;
    }
  };
  const consider = (spot: Spot) => (index === undefined ? early.push(spot) : place(spot));
  // Two loops while the page parses: a timer every POLL_MS, and a frame loop that walks only when the timer is
  // starved. Firefox runs no timer while it parses a long page (none between ~190 ms and DOMContentLoaded at ~500 ms on
  // the 2,000-entry page, measured), so the whole walk and up to 2,000 chips fell to DOMContentLoaded, ~90 ms in one
  // task; it does render frames meanwhile. Chromium's timers keep running: walking from its frames instead put the walk
  // in the rendering task, before that frame's layout, and made long tasks (bench "next day").
  let walked = -Infinity;
  const walkIfDue = (every: number) => {
    if (!closed && performance.now() - walked >= every) walk(), (walked = performance.now());
    return !closed && document.readyState === 'loading';
  };
  const poll = () => void (walkIfDue(POLL_MS) && setTimeout(poll, POLL_MS));
  const frame = () => void (walkIfDue(STARVED_MS) && requestAnimationFrame(frame));
  let indexed: Promise<void> = Promise.resolve();
  // The walk starts when the settings arrive, or after WALK_AFTER_MS if they haven't: Firefox has answered the
  // settings read only once a 2,000-entry page had parsed (a slower machine; 100–170 ms on the 2026-12 one), and the
  // whole walk then ran at DOMContentLoaded in one task. Entries found before the index is in wait for it; with the
  // feature off nothing is asked or placed. (Starting it at once cost Chromium ~15 ms more script: it polls the whole parse.)
  const startWalk = () => {
    if (walking || !listing || document.readyState !== 'loading') return;
    walking = true;
    poll();
    requestAnimationFrame(frame);
  };
  const timer = setTimeout(startWalk, WALK_AFTER_MS);
  const started = start.then((settings) => {
    clearTimeout(timer);
    if (!settings || document.readyState !== 'loading') return;
    minUpvotes = settings.minUpvotes;
    indexed = sendMessage('chipIndex').then((answer) => {
      index = answer;
      ask = new Set(answer.ask);
    }, () => void (index = null)).then(() => placeInSlices(early));
    startWalk();
  }, () => undefined);
  return {
    placed,
    covers: (id) => Boolean(inIndex(id.slice(0, 4))),
    get: lookUp,
    entries() {
      if (!walking || closed) return undefined;
      walk();
      // arXiv's lists are siblings; lists elsewhere (never seen on arXiv) are found by the full scan instead. Counting
      // the page's lists by tag costs a fraction of counting its abs links by selector (measured: ~2 ms).
      if (document.getElementsByTagName('dl').length !== lists) entries.splice(0, entries.length, ...listingEntries());
      rememberListing(entries);
      return entries;
    },
    async close() {
      await started;
      await indexed;
      closed = true;
    },
  };
}
