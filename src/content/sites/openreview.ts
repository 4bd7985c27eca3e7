/**
 * OpenReview (other-sites.md §4): notes have no arXiv field, and mapping by title would need a lookup elsewhere (and a
 * risk of wrong matches), so only what the page itself links counts: each arXiv paper a forum page links (in the
 * abstract, TL;DR, a review or comment) gets its marks after its first link.
 */
import type { SiteEntry } from './follow';
import { linkEntries } from './links';

export function openReviewEntries(doc: Document, url: URL): SiteEntry[] {
  return linkEntries(doc.body ?? doc, url.href, { cap: 50 });
}
