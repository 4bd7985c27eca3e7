/**
 * paperswithcode.co (other-sites.md §5, the Hugging Face-run catalog): `/paper/<arXiv id>` pages get the marks after
 * their `h1` ⚠; `/paper/<number>` and `/paper/<slug>` pages name no arXiv id and only their arXiv links count; task and
 * benchmark pages: one entry per paper linked as `/paper/<arXiv id>` or to arxiv.org.
 */
import type { SiteEntry } from './follow';
import { arxivIdOfUrl, linkEntries } from './links';

export function paperswithcodeEntries(doc: Document, url: URL): SiteEntry[] {
  const pageId = arxivIdOfUrl(url.href, url.href);
  const heading = pageId ? doc.querySelector('main h1, h1') : null;
  const out: SiteEntry[] = [];
  if (pageId && heading) out.push({ id: pageId, anchor: heading, inside: true, title: heading.textContent?.trim() || undefined });
  return [...out, ...linkEntries(doc.body ?? doc, url.href, { skip: pageId })];
}
