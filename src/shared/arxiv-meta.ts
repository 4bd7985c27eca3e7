/**
 * A paper's metadata from its arXiv abs page (arxiv-pages.md §3): `citation_title`, `citation_author` (one per
 * author, "Last, First"), `citation_abstract`, and the primary category from `span.primary-subject`. Used when
 * HF doesn't know a paper, so the reading list still has its title offline. Two readers of the same tags: the
 * DOM (content script, on the page) and the HTML text (worker, which has no DOMParser).
 */
import type { PaperMeta } from './types';

const CATEGORY = /\(([a-z-]+(?:\.[A-Za-z-]+)?)\)\s*$/;

export function metaFromDocument(doc: Document): PaperMeta {
  const all = (name: string) => [...doc.querySelectorAll<HTMLMetaElement>(`head meta[name="${name}"]`)].map((m) => m.content.trim()).filter(Boolean);
  const primary = doc.querySelector('#abs .primary-subject, .metatable .primary-subject')?.textContent ?? '';
  return compact({ title: all('citation_title')[0], authors: all('citation_author'), abstract: all('citation_abstract')[0], primaryClass: CATEGORY.exec(primary.trim())?.[1] });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };
export const decodeEntities = (s: string): string => s.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
  if (code[0] !== '#') return ENTITIES[code.toLowerCase()] ?? whole;
  const n = code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
  return n > 0 && n <= 0x10FFFF ? String.fromCodePoint(n) : whole;
});

export function metaFromHtml(html: string): PaperMeta {
  const end = html.search(/<\/head>/i);
  const head = end >= 0 ? html.slice(0, end) : html;
  const values = (name: string) => [...head.matchAll(new RegExp(`<meta\\s+name="${name}"\\s+content="([^"]*)"`, 'gi'))].map((m) => decodeEntities(m[1]!).trim()).filter(Boolean);
  const primary = /class="primary-subject"[^>]*>([^<]*)</.exec(html)?.[1] ?? '';
  return compact({ title: values('citation_title')[0], authors: values('citation_author'), abstract: values('citation_abstract')[0], primaryClass: CATEGORY.exec(decodeEntities(primary).trim())?.[1] });
}

function compact(meta: PaperMeta): PaperMeta {
  const out: PaperMeta = {};
  if (meta.title) out.title = meta.title;
  if (meta.authors?.length) out.authors = meta.authors;
  if (meta.abstract) out.abstract = meta.abstract;
  if (meta.primaryClass) out.primaryClass = meta.primaryClass;
  return out;
}

/** The worker → abs-tab message asking for metaFromDocument() (content/page-meta.ts, background/reading-list/page-meta.ts). */
export const PAGE_META_REQUEST = 'pageMeta';
