/**
 * The next day's `/list/cs.LG/new`, made from the fixture's own markup (new-since E2E and unit tests; served with the
 * fake's arxivOverride), and the day before's 2,000-entry pastweek page (bench).
 * arXiv replaces a `new` listing every weekday: the next announcement (Wednesday, 1 July 2026) lists that day's new
 * submissions and cross-lists, with ids minted after the previous day's (papers submitted on 30 June still get 2606
 * ids), and its replacements. Here the New and Cross-list entries get such new ids and the three replacement entries
 * stay (replaced again), so the second visit has entries that were there and entries that were not. Markup, titles
 * and abstracts are the fixture's, byte for byte apart from the ids and the date line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './listing-data';

export const NEW_FILE = 'list-new-cs.LG.html';

/** Day 1 id → day 2 id, for the New submissions and Cross-lists sections. */
export const NEXT_DAY_IDS = new Map([
  ['2606.27001', '2606.28101'],
  ['2606.27002', '2606.28102'],
  ['2606.27003', '2606.28103'],
  ['2606.26954', '2606.28050'],
  ['2606.25011', '2606.28011'],
]);

export function nextDayNewListing(html = readFileSync(path.join(FIXTURES, NEW_FILE), 'utf8')): string {
  // The third `dl#articles` is the Replacements section: it is kept as it is.
  const replacements = html.split("<dl id='articles'>", 3).join("<dl id='articles'>").length;
  let head = html.slice(0, replacements).replace('Showing new listings for Tuesday, 30 June 2026', 'Showing new listings for Wednesday, 1 July 2026');
  for (const [from, to] of NEXT_DAY_IDS) head = head.replaceAll(from, to);
  if ([...NEXT_DAY_IDS.keys()].some((id) => !html.includes(id)) || head === html.slice(0, replacements)) throw new Error(`${NEW_FILE} changed: update listing-days.ts`);
  return head + html.slice(replacements);
}

export const PASTWEEK_FILE = 'list-pastweek-cs.LG-show2000.html';

/**
 * The day before's `/list/cs.LG/pastweek?show=2000`: the fixture without its newest day (Tue, 30 Jun 2026), so the
 * fixture itself is the next day's page, with one day of new entries. (The real page of the day before would also
 * have held an older day at its end, which the fixture doesn't have; those entries would not be new either.)
 */
export function previousDayPastweek(html = readFileSync(path.join(FIXTURES, PASTWEEK_FILE), 'utf8')): string {
  const start = html.indexOf("<dl id='articles'>");
  const end = html.indexOf('</dl>', start) + '</dl>'.length;
  if (start < 0 || end < start || !html.slice(start, end).includes('Tue, 30 Jun 2026')) throw new Error(`${PASTWEEK_FILE} changed: update listing-days.ts`);
  return html.slice(0, start) + html.slice(end);
}
