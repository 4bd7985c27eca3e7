/**
 * Content-script entry on arXiv abs/html/listing/search pages (manifest matches; huggingface.co's Papers pages have
 * their own entry, hf-index.ts). Idempotent: a new copy tells older ones to tear down (single-instance.ts), then
 * renders once.
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
import { takeOver } from './single-instance';
import { ABS_TITLE, HTML_TITLE } from './selectors';
import { whenParsed } from './when-parsed';

const controller = takeOver('paper-pulse:start');
const page = detectPage(location.href);
if (page?.kind === 'abs') answerPageMeta(controller.signal);
// Abs/HTML pages: start the settings read and the lookup now, at document_start (early-lookup.ts).
if ((page?.kind === 'abs' || page?.kind === 'html') && page.paper) prefetchLookup(page.paper.id);
// Listing-type pages: the settings read and the month lookups start now too (chips.ts, prefetch.ts).
if (page && ['listing', 'catchup', 'author', 'search'].includes(page.kind)) prefetchListing(page.kind);
// Settings changed in the options page re-run the features in this tab: no reload needed (live-settings.ts).
const start = () => page && rerunOnSettingsChange((signal) => runFeatures([absBadge, htmlBadge, listingChips, searchChips, savedMarks, zoteroMarks], page, signal), controller.signal);
// Injected at document_start (manifest): Chrome's document_end injection on a 2,000-entry page comes 100+ ms after
// DOMContentLoaded (the page's first layout goes first); a DOMContentLoaded listener runs exactly then. Abs and HTML
// pages (whose id is in the URL) need only their title: their badge goes in as soon as it is parsed (when-parsed.ts).
const title = page?.kind === 'abs' ? ABS_TITLE : page?.kind === 'html' && page.paper ? HTML_TITLE : undefined;
if (document.readyState !== 'loading') start();
else if (title) whenParsed(title, start, controller.signal);
else document.addEventListener('DOMContentLoaded', start, { once: true, signal: controller.signal });
