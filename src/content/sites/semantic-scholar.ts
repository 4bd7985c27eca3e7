/**
 * Semantic Scholar (other-sites.md §3): a client-rendered app; search rows and citation rows are `.cl-paper-row`, a
 * paper page's title `h1[data-test-id="paper-detail-title"]`. S2 pages carry no arXiv id as such: a row counts when it
 * links arXiv (its "arXiv" / PDF link ⚠ inferred), the paper page when its JSON-LD (`script.schema-data`) or its
 * `citation_pdf_url` names an arxiv.org URL ⚠. The S2 API could map every paper, but that would send what you browse to
 * api.semanticscholar.org: not done.
 */
import type { SiteEntry } from './follow';
import { arxivIdOfUrl, firstLinkedId } from './links';

const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() || undefined;

/** Every string in a JSON value (JSON-LD nests its URLs in `@graph[].about.url`, `sameAs`, …). */
function* strings(value: unknown, depth = 0): Generator<string> {
  if (depth > 8) return;
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v, depth + 1);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* strings(v, depth + 1);
}

export function paperPageId(doc: Document, base: string): string | undefined {
  for (const script of doc.querySelectorAll('script.schema-data, script[type="application/ld+json"]')) {
    try {
      for (const s of strings(JSON.parse(script.textContent ?? ''))) {
        const id = /arxiv\.org\//.test(s) ? arxivIdOfUrl(s, base) : undefined;
        if (id) return id;
      }
    } catch {
      // not JSON: skip
    }
  }
  return arxivIdOfUrl(doc.querySelector('meta[name="citation_pdf_url"]')?.getAttribute('content'), base);
}

export function semanticScholarEntries(doc: Document, url: URL): SiteEntry[] {
  const base = url.href;
  const out: SiteEntry[] = [];
  const heading = doc.querySelector('h1[data-test-id="paper-detail-title"]');
  const pageId = heading ? paperPageId(doc, base) : undefined;
  if (heading && pageId) out.push({ id: pageId, anchor: heading, inside: true, ownPaper: true, title: text(heading) });
  for (const row of doc.querySelectorAll('.cl-paper-row')) {
    const id = firstLinkedId(row.querySelectorAll('a[href]'), base);
    const title = row.querySelector('[data-test-id="title-link"], .cl-paper-title');
    if (id) out.push({ id, anchor: title ?? row, title: text(title) });
  }
  return out;
}
