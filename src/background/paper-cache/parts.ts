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

const isTextField = (key: string): key is TextField => (TEXT_FIELDS as readonly string[]).includes(key);

/** Splits a record; undefined fields are left out (a merge keeps the older value for them). */
export function splitPaper(paper: PaperRecord): { text: PaperText; counts: Omit<PaperRecord, TextField> } {
  const text: Record<string, unknown> = {};
  const counts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(paper)) {
    if (value === undefined) continue;
    (isTextField(key) ? text : counts)[key] = value;
  }
  return { text: text as PaperText, counts: counts as Omit<PaperRecord, TextField> };
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
 * A 53-bit hash (cyrb53) of the text fields a source gave, in a fixed order, with separators and a marker for
 * missing fields. Equal hashes mean the same source text: merging it again would change nothing (a merge is
 * idempotent), so the write is skipped. A collision (≈ 2⁻⁵³) would only keep an older abstract until it changes again.
 */
export function textHash(text: PaperText): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  };
  for (const field of TEXT_FIELDS) {
    const value = text[field];
    if (value === undefined) feed('\u0000');
    else if (Array.isArray(value)) for (const item of value) feed(`${item}\u0002`);
    else feed(value);
    feed('\u0001');
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
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
