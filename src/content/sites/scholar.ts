/**
 * Google Scholar (other-sites.md §2): result rows `.gs_r[data-cid]`, profile rows `tr.gsc_a_tr`, one saved citation
 * `#gsc_vcd_title`. A row's paper is its arXiv link (title `.gs_rt a`, then the right column's `.gs_ggs a` PDF links),
 * else "arXiv:ID" in its venue line (`.gs_a`; ⚠ widely seen, no source). Rows with none of these are left alone:
 * no title lookup, so nothing leaves the browser. The marks go at the end of the title `h3` (as scholar-plus does).
 */
import type { SiteEntry } from './follow';
import { arxivIdInText, firstLinkedId } from './links';

const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() || undefined;

export function scholarEntries(doc: Document, url: URL): SiteEntry[] {
  const base = url.href;
  const out: SiteEntry[] = [];
  for (const row of doc.querySelectorAll('.gs_r[data-cid]')) {
    const title = row.querySelector('h3.gs_rt, .gs_rt');
    const id = firstLinkedId(row.querySelectorAll('.gs_rt a[href], .gs_ggs a[href]'), base) ?? arxivIdInText(row.querySelector('.gs_a')?.textContent);
    if (id) out.push({ id, anchor: title ?? row, inside: !!title, title: text(title?.querySelector('a') ?? title ?? null) });
  }
  // Profiles: the title links to Scholar's own citation view; the grey venue line may say "arXiv preprint arXiv:ID" ⚠.
  for (const row of doc.querySelectorAll('tr.gsc_a_tr')) {
    const title = row.querySelector('a.gsc_a_at');
    const venue = [...row.querySelectorAll('.gs_gray')].map((g) => g.textContent ?? '').join(' ');
    const id = arxivIdInText(venue);
    if (title && id) out.push({ id, anchor: title, title: text(title) });
  }
  const citation = doc.querySelector('#gsc_vcd_title');
  if (citation) {
    const id = firstLinkedId(citation.querySelectorAll('a[href]'), base)
      ?? firstLinkedId(doc.querySelectorAll('#gsc_vcd_title_gg a[href], .gsc_oci_title_ggi a[href]'), base);
    if (id) out.push({ id, anchor: citation, inside: true, title: text(citation) });
  }
  return out;
}
