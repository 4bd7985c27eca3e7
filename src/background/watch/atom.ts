/**
 * Parser of arXiv API answers (`export.arxiv.org/api/query`, Atom 1.0): versions from `<id>`, `updated`,
 * `arxiv:journal_ref`, `arxiv:doi`, the comment (withdrawal reasons), and the error entry of a 400 feed.
 * Pure; MV3 workers have no DOMParser, so fast-xml-parser reads the XML. Prefixes are dropped (namespace-agnostic,
 * like Zotero's translator): the legacy format declared namespaces on each element (../shared/docs/arxiv-api.md §2).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface ArxivRecord {
  /** Bare id without version, as we store it: `2104.12255`, `astro-ph/0601001`. */
  id: string;
  version: number;
  title: string;
  /** Submission time of this version. */
  updated: string;
  published: string;
  comment?: string;
  journalRef?: string;
  dois: string[];
}

export type FeedResult =
  | { kind: 'entries'; entries: ArxivRecord[]; totalResults?: number }
  /** arXiv's own error entry (HTTP 400): `incorrect id format for abc`. */
  | { kind: 'error'; message: string; slug: string }
  | { kind: 'malformed'; message: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Ids like 1707.08567 must stay strings.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['entry', 'author', 'link', 'category', 'doi'].includes(name),
});

type Node = Record<string, unknown>;

/** Text of an element that may carry attributes; whitespace collapsed (legacy titles were hard-wrapped). */
function text(value: unknown): string | undefined {
  const raw = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as Node)['#text'] : undefined;
  if (typeof raw !== 'string') return undefined;
  const clean = raw.replace(/\s+/g, ' ').trim();
  return clean || undefined;
}

/** `http://arxiv.org/abs/2104.12255v1` → id and version; anything else (the error entry) → undefined. */
export function parseEntryId(value: string): { id: string; version: number } | undefined {
  const m = /arxiv\.org\/abs\/(.+)v(\d+)$/.exec(value.trim());
  return m ? { id: m[1]!, version: Number(m[2]) } : undefined;
}

export function parseArxivFeed(xml: string): FeedResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { kind: 'malformed', message: `not valid XML (line ${valid.err.line}: ${valid.err.msg})` };
  const feed = (parser.parse(xml) as Node).feed as Node | undefined;
  if (!feed || typeof feed !== 'object') return { kind: 'malformed', message: 'not an Atom feed' };
  const entries = (feed.entry as Node[] | undefined) ?? [];
  const error = entries.find((e) => text(e.title) === 'Error' && String(text(e.id) ?? '').includes('/api/errors'));
  if (error) return { kind: 'error', message: text(error.summary) ?? 'arXiv reported an error', slug: (text(error.id) ?? '').split('#')[1] ?? '' };
  const records: ArxivRecord[] = [];
  for (const entry of entries) {
    // Legacy feeds held an empty <entry> for each unknown id: no <id>, nothing to record.
    const parsed = parseEntryId(text(entry.id) ?? '');
    if (!parsed) continue;
    records.push({
      ...parsed,
      title: text(entry.title) ?? '',
      updated: text(entry.updated) ?? '',
      published: text(entry.published) ?? '',
      comment: text(entry.comment),
      journalRef: text(entry.journal_ref),
      dois: ((entry.doi as unknown[] | undefined) ?? []).map(text).filter((d): d is string => Boolean(d)),
    });
  }
  const total = Number(text(feed.totalResults));
  return { kind: 'entries', entries: records, totalResults: Number.isFinite(total) ? total : undefined };
}
