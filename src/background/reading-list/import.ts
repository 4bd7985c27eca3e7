/**
 * Reading-list import: JSON (our own lossless format) and BibTeX entries with arXiv eprints. Pure: parse and
 * validate the WHOLE file into entries, or say why not; reading-list.ts applies the result in one transaction.
 * Anything odd (wrong types, duplicate ids, bad ids, an oversized file) rejects the file, so a hostile file changes
 * nothing. Control characters are dropped, as when saving (older releases could store them from HF's text). Markup-like
 * text (`<img>`, `javascript:`) is kept as text: every surface renders these strings with textContent only, and a
 * note about `<img>` tokens must survive our own export → import.
 */
import * as v from 'valibot';
import { parseArxivId } from '../../shared/arxiv';
import { JSON_FORMAT, JSON_VERSION, MAX_IMPORT_BYTES } from '../../shared/export';
import { texUnescape } from '../../shared/tex';
import { READING_STATUSES, type ReadingListEntry } from '../../shared/types';
import { noControl } from './text';

export const MAX_ENTRIES = 10_000;

export class ImportError extends Error {
  override readonly name = 'ImportError';
}

const text = (max: number) => v.pipe(v.string(), v.transform(noControl), v.maxLength(max, `longer than ${max} characters`));
const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e9));

const EntrySchema = v.object({
  id: v.pipe(v.string(), v.maxLength(40), v.check((s) => parseArxivId(s)?.id === s, 'not a canonical arXiv id (no version, no prefix)')),
  title: text(1_000),
  authors: v.pipe(v.array(text(300)), v.maxLength(2_000)),
  abstract: text(20_000),
  primaryClass: v.optional(v.pipe(v.string(), v.regex(/^[a-z-]+(?:\.[A-Za-z-]+)?$/, 'not an arXiv category'))),
  addedAt: time,
  updatedAt: time,
  status: v.picklist(READING_STATUSES),
  tags: v.pipe(v.array(v.pipe(text(60), v.minLength(1))), v.maxLength(50)),
  note: text(10_000),
  upvotesAtSave: v.optional(count),
  lastSeenUpvotes: v.optional(count),
});

const FileSchema = v.object({
  format: v.literal(JSON_FORMAT, `not a Paper Pulse reading list (format must be "${JSON_FORMAT}")`),
  version: v.literal(JSON_VERSION, `unsupported version (this extension reads version ${JSON_VERSION})`),
  entries: v.pipe(v.array(EntrySchema), v.maxLength(MAX_ENTRIES, `more than ${MAX_ENTRIES} entries`)),
});

/** One entry as the extension stores it (used again for an undo's entry, which comes back from a page). */
export function validEntry(raw: unknown): ReadingListEntry {
  const result = v.safeParse(EntrySchema, raw, { abortEarly: false });
  if (!result.success) throw new ImportError(`not a reading-list entry — ${result.issues.slice(0, 3).map((i) => `${(i.path ?? []).map((p) => String(p.key)).join('.') || 'entry'}: ${i.message}`).join('; ')}`);
  return stripUndefined(result.output);
}

export interface ParsedImport {
  /** json: whole entries (status, notes… win on import); bibtex: bibliographic data only (fills, never resets status). */
  kind: 'json' | 'bibtex';
  entries: ReadingListEntry[];
  /** BibTeX entries that were not arXiv papers, with why. */
  skipped: string[];
}

/** Decides the format from the content, not the file name: JSON starts with `{`, BibTeX with `@`/`%`. */
export function parseImport(textContent: string, now = Date.now()): ParsedImport {
  const bytes = new TextEncoder().encode(textContent).length;
  if (bytes > MAX_IMPORT_BYTES) {
    throw new ImportError(`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Nothing was imported.`);
  }
  const trimmed = textContent.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return { kind: 'json', entries: parseJson(trimmed), skipped: [] };
  if (/^(?:@|%)/.test(trimmed) || /@\w+\s*\{/.test(trimmed.slice(0, 10_000))) return parseBibtex(trimmed, now);
  throw new ImportError('Not a reading-list file: expected Paper Pulse JSON or BibTeX. Nothing was imported.');
}

function parseJson(textContent: string): ReadingListEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(textContent);
  } catch (error) {
    throw new ImportError(`The JSON is malformed (${error instanceof Error ? error.message : String(error)}). Nothing was imported.`);
  }
  const result = v.safeParse(FileSchema, raw, { abortEarly: false });
  if (!result.success) {
    const issues = result.issues.slice(0, 3).map((issue) => `${issuePath(issue)}: ${issue.message}`);
    const more = result.issues.length > 3 ? ` (and ${result.issues.length - 3} more problems)` : '';
    throw new ImportError(`The file is not a valid reading list — ${issues.join('; ')}${more}. Nothing was imported.`);
  }
  const entries = result.output.entries.map(stripUndefined);
  assertUnique(entries.map((e) => e.id));
  return entries;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  if (keys[0] === 'entries' && keys[1] !== undefined) return `entry ${Number(keys[1]) + 1}${keys[2] ? ` (${keys.slice(2).join('.')})` : ''}`;
  return keys.join('.') || 'file';
}

function stripUndefined(entry: v.InferOutput<typeof EntrySchema>): ReadingListEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as unknown as ReadingListEntry;
}

function assertUnique(ids: string[]): void {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const id of ids) (seen.has(id) ? dupes : seen).add(id);
  if (dupes.size) throw new ImportError(`The file lists the same paper twice (${[...dupes].slice(0, 3).join(', ')}). Nothing was imported.`);
}

// ---- BibTeX ----------------------------------------------------------------------------------------------

interface BibEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
}

/** A small BibTeX reader: `@type{key, name = {…} | "…" | 123, …}` with nested braces; @comment/@string/@preamble skipped. */
export function readBibtex(source: string): BibEntry[] {
  const entries: BibEntry[] = [];
  let i = 0;
  const fail = (what: string): never => {
    const line = source.slice(0, i).split('\n').length;
    throw new ImportError(`The BibTeX is malformed near line ${line}: ${what}. Nothing was imported.`);
  };
  const skipSpace = () => { while (i < source.length && /\s/.test(source[i]!)) i++; };
  const braced = (): string => {
    let depth = 0;
    const start = i;
    for (; i < source.length; i++) {
      if (source[i] === '\\') { i++; continue; }
      if (source[i] === '{') depth++;
      else if (source[i] === '}' && --depth === 0) return source.slice(start + 1, i++);
    }
    return fail('an unclosed {');
  };
  while ((i = source.indexOf('@', i)) !== -1) {
    i++;
    const type = /^[A-Za-z]+/.exec(source.slice(i))?.[0]?.toLowerCase() ?? fail('an entry type after @');
    i += type.length;
    skipSpace();
    if (source[i] !== '{' && source[i] !== '(') fail(`"{" after @${type}`);
    if (type === 'comment' || type === 'string' || type === 'preamble') { braced(); continue; }
    i++;
    const key = /^[^,\s}]*/.exec(source.slice(i))![0];
    i += key.length;
    const fields = new Map<string, string>();
    for (;;) {
      skipSpace();
      if (source[i] === ',') { i++; skipSpace(); }
      if (source[i] === '}' || source[i] === ')') { i++; break; }
      if (i >= source.length) fail(`the end of entry ${key}`);
      const name = /^[A-Za-z][\w-]*/.exec(source.slice(i))?.[0]?.toLowerCase() ?? fail(`a field name in ${key || 'an entry'}`);
      i += name.length;
      skipSpace();
      if (source[i] !== '=') fail(`"=" after ${name}`);
      i++;
      skipSpace();
      let value: string;
      if (source[i] === '{') value = braced();
      else if (source[i] === '"') {
        const end = source.indexOf('"', i + 1);
        if (end < 0) fail('an unclosed "');
        value = source.slice(i + 1, end);
        i = end + 1;
      } else {
        value = /^[\w.-]*/.exec(source.slice(i))![0];
        i += value.length;
      }
      if (fields.has(name)) fail(`field ${name} twice in ${key}`);
      fields.set(name, value);
    }
    entries.push({ type, key, fields });
    if (entries.length > MAX_ENTRIES) fail(`more than ${MAX_ENTRIES} entries`);
  }
  return entries;
}

const stripGroups = (s: string) => s.replace(/(?<!\\)[{}]/g, '');

/** The arXiv id a BibTeX entry names: eprint (with archivePrefix/eprinttype arXiv, or an arXiv-shaped eprint), or an arXiv doi/url. */
export function bibArxivId(fields: Map<string, string>): string | undefined {
  const eprint = fields.get('eprint');
  const prefix = (fields.get('archiveprefix') ?? fields.get('eprinttype') ?? '').toLowerCase();
  if (eprint && (prefix === 'arxiv' || prefix === '')) {
    const parsed = parseArxivId(stripGroups(eprint));
    if (parsed) return parsed.id;
  }
  const doi = /10\.48550\/arxiv\.(.+)$/i.exec(fields.get('doi') ?? '');
  if (doi) return parseArxivId(doi[1]!)?.id;
  const url = /arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?\/?$/i.exec(fields.get('url') ?? '');
  return url ? parseArxivId(url[1]!)?.id : undefined;
}

function parseBibtex(source: string, now: number): ParsedImport {
  const bib = readBibtex(source);
  if (bib.length === 0) throw new ImportError('The BibTeX file holds no entries. Nothing was imported.');
  const entries: ReadingListEntry[] = [];
  const skipped: string[] = [];
  for (const [index, item] of bib.entries()) {
    const id = bibArxivId(item.fields);
    if (!id) {
      skipped.push(`${item.key || `entry ${index + 1}`}: no arXiv eprint`);
      continue;
    }
    const candidate = {
      id,
      title: stripGroups(texUnescape(item.fields.get('title') ?? '')),
      authors: (item.fields.get('author') ?? '').split(/\s+and\s+/).map((a) => stripGroups(texUnescape(a)).trim()).filter(Boolean),
      abstract: stripGroups(texUnescape(item.fields.get('abstract') ?? '')),
      ...(item.fields.get('primaryclass') ? { primaryClass: stripGroups(item.fields.get('primaryclass')!) } : {}),
      addedAt: now,
      updatedAt: now,
      status: 'to-read' as const,
      tags: (item.fields.get('keywords') ?? '').split(',').map((t) => stripGroups(texUnescape(t)).trim()).filter(Boolean),
      note: '',
    };
    const checked = v.safeParse(EntrySchema, candidate);
    if (!checked.success) {
      const issue = checked.issues[0]!;
      throw new ImportError(`BibTeX entry ${item.key || index + 1} is not acceptable — ${(issue.path ?? []).map((p) => String(p.key)).join('.')}: ${issue.message}. Nothing was imported.`);
    }
    entries.push(stripUndefined(checked.output));
  }
  assertUnique(entries.map((e) => e.id));
  if (entries.length === 0) throw new ImportError(`None of the ${bib.length} BibTeX entries is an arXiv paper (no eprint/arXiv DOI). Nothing was imported.`);
  return { kind: 'bibtex', entries, skipped };
}
