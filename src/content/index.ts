/**
 * Content-script entry. Runs on arXiv abs/html/listing/search pages (see manifest matches).
 * Idempotent: a new copy (injected twice, or after an extension update left an orphan) tells older
 * copies to tear down through a DOM event both can see, then renders once.
 */
import { detectPage } from '../shared/arxiv';
import { prefetchListing } from './chips';
import { prefetchLookup } from './early-lookup';
import { answerPageMeta } from './page-meta';
import { runFeatures } from './feature';
import { rerunOnSettingsChange } from './live-settings';
import { absBadge } from './features/abs-badge';
import { htmlBadge } from './features/html-badge';
import { listingChips } from './features/listing-chips';
import { savedMarks } from './features/saved-marks';
import { searchChips } from './features/search-chips';
import { zoteroMarks } from './features/zotero-marks';

const START_EVENT = 'paper-pulse:start';
const instance = Math.random().toString(36).slice(2);
const controller = new AbortController();

document.addEventListener(START_EVENT, (event) => {
  if ((event as CustomEvent<string>).detail !== instance) controller.abort();
}, { signal: controller.signal });
document.dispatchEvent(new CustomEvent(START_EVENT, { detail: instance }));

const page = detectPage(location.href);
if (page?.kind === 'abs') answerPageMeta(controller.signal);
// Abs/HTML pages: start the settings read and the lookup now, at document_start (early-lookup.ts).
if ((page?.kind === 'abs' || page?.kind === 'html') && page.paper) prefetchLookup(page.paper.id);
// Listing-type pages: the settings read and the month lookups start now too (chips.ts, prefetch.ts).
if (page && ['listing', 'catchup', 'author', 'search'].includes(page.kind)) prefetchListing(page.kind);
// Settings changed in the options page re-run the features in this tab: no reload needed (live-settings.ts).
const start = () => page && rerunOnSettingsChange((signal) => runFeatures([absBadge, htmlBadge, listingChips, searchChips, savedMarks, zoteroMarks], page, signal), controller.signal);
// Injected at document_start (manifest): Chrome's document_end injection on a 2,000-entry page comes 100+ ms after
// DOMContentLoaded (the page's first layout goes first); a DOMContentLoaded listener runs exactly then.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true, signal: controller.signal });
else start();
