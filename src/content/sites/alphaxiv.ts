/**
 * alphaXiv (other-sites.md §5): a client-side router, so the page's paper is read from the URL on every pass (abs,
 * overview, audio, replicate, with or without vN: shared/arxiv.ts ALPHAXIV_ROUTES), its marks after the page's first
 * `h1` ⚠ (no public selectors; the reconstructed test page follows this). List cards: one entry per paper linked (its
 * alphaXiv or arXiv route), after the link with text. No stable card selector is public, so links are what counts.
 */
import { detectPage } from '../../shared/arxiv';
import type { SiteEntry } from './follow';
import { linkEntries } from './links';

export function alphaxivEntries(doc: Document, url: URL): SiteEntry[] {
  const page = detectPage(url);
  const pageId = page?.kind === 'alphaxiv' ? page.paper?.id : undefined;
  const heading = pageId ? doc.querySelector('main h1, h1') : null;
  const out: SiteEntry[] = [];
  if (pageId && heading) out.push({ id: pageId, anchor: heading, inside: true, title: heading.textContent?.trim() || undefined });
  return [...out, ...linkEntries(doc.body ?? doc, url.href, { skip: pageId })];
}
