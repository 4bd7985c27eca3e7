/**
 * One paper in the shapes reference managers read: CSL-JSON (the data model of citeproc and Zotero's CSL export) and
 * RIS. Pure functions, used by the worker (exports, "Copy citation", Save to Zotero); never by the content script,
 * which stays within its size budget by asking the worker.
 */
import { parseArxivId } from './arxiv';
import type { ReadingListEntry } from './types';

/** What every format needs about a paper: a reading-list entry or a cached HF record, plus our tags and note. */
export interface CitablePaper {
  id: string;
  title: string;
  /** "First Last" (HF) or "Last, First" (arXiv meta tags). */
  authors: string[];
  abstract: string;
  primaryClass?: string;
  /** `YYYY-MM-DD` when known (HF's publishedAt), else `YYYY-MM` from the id. */
  date?: string;
  tags: string[];
  note: string;
}

/** A reading-list entry as a citable paper; `publishedAt` (HF's, when cached) gives the day, else the id's month. */
export function citableFromEntry(e: ReadingListEntry, publishedAt?: string): CitablePaper {
  return { id: e.id, title: e.title, authors: e.authors, abstract: e.abstract, primaryClass: e.primaryClass, date: paperDate(e.id, publishedAt), tags: e.tags, note: e.note };
}

export interface PersonName {
  family: string;
  given?: string;
}

/**
 * "Last, First" splits at the comma; "First Middle Last" takes the last word as the family name, as Zotero's arXiv
 * translator does (`cleanAuthor(name, 'author')`); a single word is a family name alone.
 */
export function splitName(name: string): PersonName {
  const clean = name.replace(/\s+/g, ' ').trim();
  const comma = /^([^,]+),\s*(.+)$/.exec(clean);
  if (comma) return { family: comma[1]!.trim(), given: comma[2]!.trim() };
  const words = clean.split(' ');
  const family = words.pop() ?? '';
  return words.length ? { family, given: words.join(' ') } : { family };
}

/** The month an id was minted: `2606.27001` → `2026-06`, `hep-th/9901001` → `1999-01`. */
export function idMonth(id: string): string | undefined {
  const m = /^(\d\d)(\d\d)\.|\/(\d\d)(\d\d)\d{3}$/.exec(id);
  if (!m) return undefined;
  const yy = Number(m[1] ?? m[3]);
  return `${yy >= 91 ? 1900 + yy : 2000 + yy}-${m[2] ?? m[4]}`;
}

/** `2024-05-27T13:00:00.000Z` → `2024-05-27`; no date → the id's month. */
export function paperDate(id: string, publishedAt?: string): string | undefined {
  const day = publishedAt && /^\d{4}-\d\d-\d\d/.exec(publishedAt)?.[0];
  return day || idMonth(id);
}

export const arxivDoi = (id: string) => `10.48550/arXiv.${id}`;
export const absUrl = (id: string) => `https://arxiv.org/abs/${id}`;
/** arXiv categories of old-style ids are in the id itself; new-style ones need the stored primary class. */
export const primaryCategory = (p: Pick<CitablePaper, 'id' | 'primaryClass'>) =>
  p.primaryClass ?? (parseArxivId(p.id)?.style === 'old' ? p.id.split('/')[0] : undefined);

const whitespace = (s: string) => s.replace(/\s+/g, ' ').trim();

export interface CslItem {
  id: string;
  type: 'article';
  title: string;
  author?: PersonName[];
  issued?: { 'date-parts': [number, ...number[]][] };
  abstract?: string;
  DOI: string;
  URL: string;
  publisher: 'arXiv';
  number: string;
  source: 'arXiv.org';
  keyword?: string;
}

/** CSL-JSON as Zotero exports a preprint: type `article`, publisher arXiv, number `arXiv:ID`, the arXiv DOI. */
export function toCslItem(p: CitablePaper): CslItem {
  const parts = p.date?.split('-').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return {
    id: `arXiv:${p.id}`,
    type: 'article',
    title: whitespace(p.title) || `arXiv:${p.id}`,
    ...(p.authors.length ? { author: p.authors.map(splitName) } : {}),
    ...(parts?.length ? { issued: { 'date-parts': [parts as [number, ...number[]]] } } : {}),
    ...(p.abstract ? { abstract: whitespace(p.abstract) } : {}),
    DOI: arxivDoi(p.id),
    URL: absUrl(p.id),
    publisher: 'arXiv',
    number: `arXiv:${p.id}`,
    source: 'arXiv.org',
    ...(p.tags.length ? { keyword: p.tags.join(', ') } : {}),
  };
}

export function toCslJson(papers: readonly CitablePaper[]): string {
  return `${JSON.stringify(papers.map(toCslItem), null, 2)}\n`;
}

/**
 * RIS (the RIS format specification's tags), one record per paper: `UNPB` (unpublished work) is what RIS has for a
 * preprint. Values are single lines: RIS has no escaping, so line breaks in titles or notes become spaces.
 */
export function toRis(papers: readonly CitablePaper[]): string {
  return papers.map((p) => {
    const date = p.date?.split('-') ?? [];
    const lines: [string, string | undefined][] = [
      ['TY', 'UNPB'],
      ['TI', whitespace(p.title) || `arXiv:${p.id}`],
      ...p.authors.map((a): [string, string] => {
        const n = splitName(a);
        return ['AU', n.given ? `${n.family}, ${n.given}` : n.family];
      }),
      ['PY', date[0]],
      // RIS dates are YYYY/MM/DD/ with empty parts kept.
      ['DA', date.length ? `${date[0]}/${date[1] ?? ''}/${date[2] ?? ''}/` : undefined],
      ['AB', p.abstract ? whitespace(p.abstract) : undefined],
      ['DO', arxivDoi(p.id)],
      ['UR', absUrl(p.id)],
      ['PB', 'arXiv'],
      ['AN', `arXiv:${p.id}`],
      ...p.tags.map((t): [string, string] => ['KW', whitespace(t)]),
      ['N1', p.note ? whitespace(p.note) : undefined],
    ];
    return `${lines.filter(([, v]) => v).map(([tag, v]) => `${tag}  - ${v}`).join('\r\n')}\r\nER  - \r\n`;
  }).join('\r\n');
}
