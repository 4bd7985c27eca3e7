/**
 * The same chips and sort/filter bar on arXiv search results (`li.arxiv-result`), from cached bulk lists only.
 *
 * Test URLs: https://arxiv.org/search/?query=keyword+spotting&searchtype=all
 *            https://arxiv.org/search/cs?searchtype=author&query=Vygon,+R
 */
import { decorate } from '../chips';
import { searchEntries } from '../entries';
import { defineFeature } from '../feature';

export const searchChips = defineFeature({
  id: 'search-chips',
  include: ['search'],
  init: ({ signal }) => decorate(searchEntries, { setting: 'searchChips', controlsBefore: (first) => first.section }, signal),
});
