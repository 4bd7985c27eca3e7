/**
 * Content-script entry on arXiv's listing, catchup, author and search pages (manifest matches): chips, the controls
 * bar, saved and Zotero marks. A bundle of its own (paper pages have paper-index.ts). The settings read and the
 * chip index are asked for at document_start (chips.ts, prefetch.ts); the features start at DOMContentLoaded.
 */
import { detectPage } from '../shared/arxiv';
import { boot } from './boot';
import { prefetchListing } from './chips';
import { listingChips } from './features/listing-chips';
import { savedMarks } from './features/saved-marks';
import { searchChips } from './features/search-chips';
import { zoteroMarks } from './features/zotero-marks';

const kind = detectPage(location.href)?.kind;
if (kind && ['listing', 'catchup', 'author', 'search'].includes(kind)) prefetchListing(kind);
boot([listingChips, searchChips, savedMarks, zoteroMarks]);
