/**
 * The Zotero item for an arXiv paper, field for field as Zotero's own arXiv translator (arXiv.org.js) builds it
 * (../shared/docs/zotero.md §4), in the connector's `saveItems` shape. Pure: tests check it on real corpus papers.
 * Our tags and note are NOT here: tags inside `items` become automatic tags (dropped when the user turned those
 * off), so they go through `updateSession`, which makes them manual (session.ts).
 */
import { arxivDoi, primaryCategory, splitName, type CitablePaper } from '../../shared/citation';
import { parseArxivId } from '../../shared/arxiv';

export interface ConnectorCreator { creatorType: 'author'; firstName?: string; lastName: string }

export interface ConnectorItem {
  /** Our key for the item within its session; `saveAttachment` names it as `parentItemID`. */
  id: string;
  itemType: 'preprint';
  title: string;
  creators: ConnectorCreator[];
  abstractNote?: string;
  date?: string;
  url: string;
  DOI: string;
  archiveID: string;
  repository: 'arXiv';
  extra: string;
  libraryCatalog: 'arXiv.org';
  /** Only for Zotero ≤ 7.0.15, which downloads attachments itself; later versions get the PDF uploaded. */
  attachments?: { title: string; url: string; mimeType: 'application/pdf' }[];
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The versioned PDF URL the translator attaches; unversioned when we don't know the version. */
export const pdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;

export function buildZoteroItem(paper: CitablePaper, itemId: string, options: { legacyAttachment?: boolean } = {}): ConnectorItem {
  const parsed = parseArxivId(paper.id);
  if (!parsed) throw new Error(`not an arXiv id: ${paper.id.slice(0, 40)}`);
  const id = parsed.id;
  const category = primaryCategory({ id, primaryClass: paper.primaryClass });
  return {
    id: itemId,
    itemType: 'preprint',
    title: collapse(paper.title) || `arXiv:${id}`,
    creators: paper.authors.map((name) => {
      const { family, given } = splitName(name);
      return given ? { creatorType: 'author', firstName: given, lastName: family } : { creatorType: 'author', lastName: family };
    }),
    ...(paper.abstract ? { abstractNote: collapse(paper.abstract) } : {}),
    ...(paper.date ? { date: paper.date } : {}),
    // The translator keeps the Atom entry's http scheme and drops the version.
    url: `http://arxiv.org/abs/${id}`,
    DOI: arxivDoi(id),
    archiveID: `arXiv:${id}`,
    repository: 'arXiv',
    // "[category]" only for new-style ids: old-style ones carry their archive in the id.
    extra: parsed.style === 'new' && category ? `arXiv:${id} [${category}]` : `arXiv:${id}`,
    libraryCatalog: 'arXiv.org',
    ...(options.legacyAttachment ? { attachments: [{ title: 'Preprint PDF', url: pdfUrl(id), mimeType: 'application/pdf' }] } : {}),
  };
}

/** Our note as the child note's HTML: text only, escaped, line breaks kept. */
export function noteHtml(note: string): string {
  const escaped = note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<p>${escaped.split(/\r?\n/).join('<br>')}</p>`;
}
