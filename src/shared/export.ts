/**
 * Reading-list export: BibTeX, CSV (RFC 4180), JSON (lossless, versioned), RIS and CSL-JSON (shared/citation.ts). Pure functions of the entries,
 * so the popup or the worker can call them and tests can check exact text.
 */
import { parseArxivId } from './arxiv';
import { citableFromEntry, toCslJson, toRis } from './citation';
import { texEscape } from './tex';
import type { ReadingListEntry } from './types';

export const JSON_FORMAT = 'paper-pulse-reading-list';
/** Larger import files are refused before they are read (popup/options) and again by the worker. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const JSON_VERSION = 1;

export interface ReadingListFile {
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  exportedAt: string;
  entries: ReadingListEntry[];
}

export type ExportFormat = 'bibtex' | 'csv' | 'json' | 'ris' | 'csljson';

export const exportMime: Record<ExportFormat, string> = {
  bibtex: 'application/x-bibtex', csv: 'text/csv', json: 'application/json', ris: 'application/x-research-info-systems', csljson: 'application/vnd.citationstyles.csl+json',
};
export const exportExtension: Record<ExportFormat, string> = { bibtex: 'bib', csv: 'csv', json: 'json', ris: 'ris', csljson: 'csl.json' };

/** What arXiv's API said about a saved paper (background/watch/): its latest version, journal reference, DOIs. */
export interface ArxivFacts {
  version: number;
  journalRef?: string;
  dois: string[];
}

export function exportReadingList(format: ExportFormat, entries: readonly ReadingListEntry[], now = Date.now(), arxiv: Readonly<Record<string, ArxivFacts>> = {}): string {
  if (format === 'bibtex') return toBibtex(entries, arxiv);
  if (format === 'csv') return toCsv(entries);
  if (format === 'ris') return toRis(entries.map((e) => citableFromEntry(e)));
  if (format === 'csljson') return toCslJson(entries.map((e) => citableFromEntry(e)));
  return toJson(entries, now);
}

export function toJson(entries: readonly ReadingListEntry[], now = Date.now()): string {
  const file: ReadingListFile = { format: JSON_FORMAT, version: JSON_VERSION, exportedAt: new Date(now).toISOString(), entries: [...entries] };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The year an arXiv id was minted: `2606.27001` → 2026, `hep-th/9901001` → 1999. */
export function arxivYear(id: string): number | undefined {
  const m = /^(\d\d)\d\d\.|\/(\d\d)\d{5}$/.exec(id);
  const yy = m ? Number(m[1] ?? m[2]) : Number.NaN;
  if (Number.isNaN(yy)) return undefined;
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

/** Old-style ids name their archive; for new-style ones only the stored primary class says it. */
export function primaryClassOf(entry: Pick<ReadingListEntry, 'id' | 'primaryClass'>): string | undefined {
  if (entry.primaryClass) return entry.primaryClass;
  return parseArxivId(entry.id)?.style === 'old' ? entry.id.split('/')[0] : undefined;
}

/** `vaswani2017attention`-style key from the first author's last name, the year and the first title word. */
/** What BibTeX needs of an entry: reading-list entries and shared/citation.ts's CitablePaper both fit. */
type BibtexSource = Pick<ReadingListEntry, 'id' | 'title' | 'authors' | 'tags' | 'primaryClass'>;

function citeKey(entry: BibtexSource): string {
  const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const first = entry.authors[0] ?? '';
  // "Last, First" (arXiv meta) or "First Last" (HF).
  const last = first.includes(',') ? first.split(',')[0]! : first.trim().split(/\s+/).pop() ?? '';
  const word = entry.title.replace(/\$[^$]*\$/g, ' ').split(/[\s:,-]+/).map(ascii).find((w) => w.length > 2 && !STOP.has(w)) ?? '';
  const key = `${ascii(last)}${arxivYear(entry.id) ?? ''}${word}`;
  return key.length > 4 ? key : `arxiv${entry.id.replace(/[^A-Za-z0-9.]/g, '')}`;
}
const STOP = new Set(['the', 'and', 'for', 'with', 'from', 'towards', 'toward', 'via', 'are', 'can', 'what', 'how', 'when', 'why']);

/**
 * With the watch's facts: the latest version (`version`, a versioned url), and the journal reference and the
 * author's DOI when arXiv has them (`journal`, `doi`), `eprint` kept. Without: arXiv's own DataCite DOI.
 */
export function toBibtex(entries: readonly BibtexSource[], arxiv: Readonly<Record<string, ArxivFacts>> = {}): string {
  const used = new Map<string, number>();
  return entries.map((entry) => {
    const base = citeKey(entry);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    // Same author, year and word twice: the second is key…b, the third key…c (BibTeX keys must be unique).
    const key = n === 0 ? base : `${base}${String.fromCharCode(97 + Math.min(n, 25))}`;
    const facts = arxiv[entry.id];
    const fields: [string, string | undefined][] = [
      ['title', entry.title ? texEscape(entry.title) : undefined],
      ['author', entry.authors.length ? entry.authors.map(texEscape).join(' and ') : undefined],
      ['year', String(arxivYear(entry.id) ?? '')],
      ['eprint', entry.id],
      ['archivePrefix', 'arXiv'],
      ['primaryClass', primaryClassOf(entry)],
      ['version', facts ? String(facts.version) : undefined],
      ['journal', facts?.journalRef ? texEscape(facts.journalRef) : undefined],
      ['doi', facts?.dois[0] ?? `10.48550/arXiv.${entry.id}`],
      ['url', `https://arxiv.org/abs/${entry.id}${facts ? `v${facts.version}` : ''}`],
      ['keywords', entry.tags.length ? entry.tags.map(texEscape).join(', ') : undefined],
    ];
    const body = fields.filter(([, value]) => value).map(([name, value]) => `  ${name} = {${value}},`).join('\n');
    return `@misc{${key},\n${body}\n}\n`;
  }).join('\n');
}

export const CSV_COLUMNS = ['id', 'title', 'authors', 'status', 'tags', 'note', 'added_at', 'updated_at', 'upvotes_at_save', 'last_seen_upvotes', 'url'] as const;

/**
 * RFC 4180: CRLF line ends; a field with `"`, `,`, CR or LF is quoted and its quotes doubled. Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'` (OWASP CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(entries: readonly ReadingListEntry[]): string {
  const iso = (t: number) => new Date(t).toISOString();
  const rows = entries.map((e) => [
    e.id, e.title, e.authors.join('; '), e.status, e.tags.join('; '), e.note, iso(e.addedAt), iso(e.updatedAt),
    e.upvotesAtSave === undefined ? '' : String(e.upvotesAtSave), e.lastSeenUpvotes === undefined ? '' : String(e.lastSeenUpvotes),
    `https://arxiv.org/abs/${e.id}`,
  ].map(csvField).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
