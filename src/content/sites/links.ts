/**
 * Finding arXiv ids on other sites' pages (other-sites.md): in links (arxiv.org abs/pdf/html, alphaXiv's paper routes,
 * paperswithcode.co's `/paper/<arXiv id>`) and in "arXiv:ID" text as venue lines print it. Pure over the DOM given.
 */
import { detectPage, parseArxivId } from '../../shared/arxiv';
import type { PageKind } from '../../shared/types';
import type { SiteEntry } from './follow';

const PAPER_KINDS: ReadonlySet<PageKind> = new Set(['abs', 'pdf', 'html', 'format', 'alphaxiv']);

/** The unversioned arXiv id a URL opens (resolved against `base`), else undefined. */
export function arxivIdOfUrl(href: string | null | undefined, base: string): string | undefined {
  if (!href || href.startsWith('#') || /^\s*javascript:/i.test(href)) return undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  const page = detectPage(url);
  if (page?.paper && PAPER_KINDS.has(page.kind)) return page.paper.id;
  // paperswithcode.co names a paper by its arXiv id, or by a number / slug (other-sites.md §5): only the first is ours.
  if (url.hostname === 'paperswithcode.co') {
    const m = /^\/paper\/([^?#]+?)\/?$/.exec(url.pathname);
    const id = m ? parseArxivId(decodeURIComponent(m[1]!)) : undefined;
    return id?.id;
  }
  return undefined;
}

/**
 * "arXiv preprint arXiv:2301.00001", "arXiv:hep-th/9901001v2": the prefix is required, so a bare number in a venue
 * line (a volume, a page range) is never taken for an id.
 */
const ARXIV_TEXT = /arxiv:\s*([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?/i;

export function arxivIdInText(text: string | null | undefined): string | undefined {
  const m = text ? ARXIV_TEXT.exec(text) : null;
  return m ? parseArxivId(m[1]!)?.id : undefined;
}

/** The first arXiv id among these links. */
export function firstLinkedId(links: Iterable<Element>, base: string): string | undefined {
  for (const a of links) {
    const id = arxivIdOfUrl(a.getAttribute('href'), base);
    if (id) return id;
  }
  return undefined;
}

const text = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * Pages with no known row structure: one entry per distinct paper linked, after its first link that has text (a
 * card's title rather than its thumbnail). `skip` is the page's own paper (already marked by its heading). At most
 * `cap` papers, so a page citing hundreds of papers gets no hundreds of marks.
 */
export function linkEntries(root: ParentNode, base: string, { skip, cap = 100 }: { skip?: string; cap?: number } = {}): SiteEntry[] {
  const byId = new Map<string, Element>();
  for (const a of root.querySelectorAll('a[href]')) {
    if (a.closest('[data-paper-pulse]')) continue;
    const id = arxivIdOfUrl(a.getAttribute('href'), base);
    if (!id || id === skip) continue;
    const first = byId.get(id);
    if (!first) {
      if (byId.size >= cap) continue;
      byId.set(id, a);
    } else if (!text(first) && text(a)) {
      byId.set(id, a);
    }
  }
  return [...byId].map(([id, a]) => ({ id, anchor: a, title: text(a) || undefined }));
}
