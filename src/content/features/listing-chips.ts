/**
 * `▲ n` chips on every entry HF knows, and the sort/filter bar, on listing, catchup and author pages — from the
 * worker's cached bulk lists only (zero per-paper requests, whatever the page size).
 *
 * Test URLs: https://arxiv.org/list/cs.LG/new  https://arxiv.org/list/cs.LG/pastweek?show=2000
 *            https://arxiv.org/list/cs.AI/2024-03  https://export.arxiv.org/list/cs.IR/new (classic markup)
 *            https://arxiv.org/catchup/cs.LG/2026-06-30  https://arxiv.org/a/lovelace_a_1
 */
import { decorate } from '../chips';
import { listingEntries, type PageEntry } from '../entries';
import { defineFeature } from '../feature';

/** 2024 markup: the section heading is inside the `dl`, so the bar goes before it. Classic: before the `h3` above it. */
function controlsBefore(first: PageEntry): Element {
  const previous = first.section.previousElementSibling;
  return previous?.tagName === 'H3' ? previous : first.section;
}

export const listingChips = defineFeature({
  id: 'listing-chips',
  include: ['listing', 'catchup', 'author'],
  init: ({ signal }) => decorate(listingEntries, { setting: 'listingChips', controlsBefore }, signal),
});
