/**
 * A cached paper is stored in two parts (background/db.ts): its text — title, authors, abstracts, keywords, links,
 * about 1.9 KB and almost never changed — and its counts — upvotes, comments, stars, ranks, fetch times, a few dozen
 * bytes that every refresh changes. A refresh rewrites the small counts rows only, and the text row of a paper only
 * when the text it brings differs from the last text merged in (compared by a hash kept with the counts, so the
 * unchanged text is not even read). Pure: no storage.
 */
import type { PaperRecord } from '../../shared/types';

const TEXT_FIELDS = ['title', 'authors', 'summary', 'publishedAt', 'githubRepo', 'projectPage', 'aiSummary', 'aiKeywords'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** The rarely changing part. */
export type PaperText = Pick<PaperRecord, TextField>;
/** The counts part, plus where its text is and which text was merged last. */
export type PaperCounts = Omit<PaperRecord, TextField> & {
  /** Key of the `paperText` row that holds this paper's text. */
  t: string;
  /** textHash of the text last merged in: the same text again needs no write. */
  h: number;
};

/** Splits a record; undefined text fields are left out (a merge keeps the older value for them). Runs per paper written. */
export function splitPaper(paper: PaperRecord): { text: PaperText; counts: Omit<PaperRecord, TextField> } {
  const { title, authors, summary, publishedAt, githubRepo, projectPage, aiSummary, aiKeywords, ...counts } = paper;
  const text: PaperText = { title, authors, summary };
  if (publishedAt !== undefined) text.publishedAt = publishedAt;
  if (githubRepo !== undefined) text.githubRepo = githubRepo;
  if (projectPage !== undefined) text.projectPage = projectPage;
  if (aiSummary !== undefined) text.aiSummary = aiSummary;
  if (aiKeywords !== undefined) text.aiKeywords = aiKeywords;
  return { text, counts };
}

/** The record again (`t` and `h` are storage bookkeeping, not the paper's). */
export function joinPaper(counts: PaperCounts, text: PaperText): PaperRecord {
  const { t: _t, h: _h, ...rest } = counts;
  return { ...text, ...rest } as PaperRecord;
}

/**
 * Where a new paper's text goes: with its arXiv neighbours (db.ts shardKey) featured in the same Daily Papers month.
 * Why the month: the backfill writes month by month, and a shard's papers are featured over two months; keyed by
 * the shard alone, each text row would be written twice and IndexedDB would hold the stale copy until it compacts.
 */
export const textKeyOf = (shard: string, paper: Pick<PaperRecord, 'dailyDate'>): string => `${shard}@${paper.dailyDate?.slice(0, 7) ?? ''}`;

/**
 * Where the replica's staged page puts the text of its new papers (db.ts stagePapers): one row per arXiv month of the
 * page (`2406@2024-07#3`, ~40 papers), each written once — a month's pages are disjoint, and its key names the page.
 */
export const pageTextKeyOf = (id: string, month: string, page: number): string => `${id.slice(0, 4)}@${month}#${page}`;

/**
 * A fingerprint of the text fields a source gave: per field its length and a 32-bit FNV-1a hash of its characters,
 * folded into one number. Equal fingerprints mean the same source text: merging it again would change nothing (a
 * merge is idempotent), so the write is skipped. A collision (an edit keeping every length, ≈ 2⁻³² of those) would
 * keep the older text until the next edit. One multiply per character: a third of what two lanes (cyrb53) took.
 */
export function textHash(text: PaperText): number {
  let h = 0x811c9dc5;
  let lengths = 0;
  for (const field of TEXT_FIELDS) {
    const value = text[field];
    // Inlined (no helper per item): this loop is the cost of the comparison, ~47 M characters for 25,000 papers.
    for (const item of typeof value === 'string' ? [value] : (value ?? [])) {
      // Two UTF-16 units per multiply (lengths are folded in below, so "ab" + "" ≠ "a" + "b").
      let i = 0;
      for (; i + 1 < item.length; i += 2) h = Math.imul(h ^ (item.charCodeAt(i) | (item.charCodeAt(i + 1) << 16)), 16777619);
      if (i < item.length) h = Math.imul(h ^ item.charCodeAt(i), 16777619);
      h = Math.imul(h ^ 0xfffe, 16777619); // item separator: ["ab", "c"] ≠ ["a", "bc"]
      lengths = (Math.imul(lengths, 31) + item.length) | 0;
    }
    h = Math.imul(h ^ (value === undefined ? 0xfffd : 0xffff), 16777619); // field separator, and "missing" ≠ ""
  }
  return (h >>> 0) * 2097152 + ((lengths >>> 0) % 2097152);
}

/** Newer values win; fields the newer part doesn't carry are kept. */
export function mergePart<T extends object>(older: T | undefined, newer: T): T {
  if (!older) return newer;
  const merged: Record<string, unknown> = { ...(older as Record<string, unknown>) };
  for (const [key, value] of Object.entries(newer)) if (value !== undefined) merged[key] = value;
  return merged as T;
}

/** Same fields, same values (numbers and strings only in a counts row). */
export function sameCounts(a: PaperCounts | undefined, b: PaperCounts): boolean {
  if (!a) return false;
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  return keys.every((key) => left[key] === right[key]);
}
