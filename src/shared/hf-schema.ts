/**
 * Validation of Hugging Face Papers API responses (contract: shared/docs/hf-api.md) into PaperRecord.
 * Pure: no I/O, no clock. Objects are loose so HF can add fields without breaking us; fields we read are
 * type-checked so a changed type is noticed instead of silently stored.
 */
import * as v from 'valibot';
import type { PaperRecord } from './types';
import { safeHref } from './safe-href';

/** HF indexes only new-style arXiv ids, served without a version suffix. */
const ARXIV_ID = /^\d{4}\.\d{4,5}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Caps keep hostile or broken data from bloating storage (real maxima: title 175, summary 1,923, 664 authors). */
const MAX = {
  title: 1_000,
  summary: 10_000,
  aiSummary: 2_000,
  authors: 200,
  authorName: 300,
  keywords: 50,
  keyword: 200,
  url: 2_048,
  date: 64,
  issues: 300,
} as const;

/** The data does not look like the documented API any more (or never did). */
export class HfDataError extends Error {
  override readonly name = 'HfDataError';
  constructor(readonly issues: string) {
    super(`Unexpected Hugging Face data: ${issues}`);
  }
}

// ---- schemas ---------------------------------------------------------------------------------------------

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** `null` is treated like an absent field: a JSON serializer emitting nulls is not schema drift. */
const opt = <T extends v.GenericSchema>(schema: T) => v.nullish(schema);

const AuthorSchema = v.looseObject({
  name: v.string(),
  hidden: opt(v.boolean()),
});

const paperEntries = {
  id: v.pipe(v.string(), v.regex(ARXIV_ID, 'not a new-style arXiv id')),
  // Optional here because a daily item may carry the title on its own (checked in DailyItemSchema).
  title: opt(v.string()),
  summary: opt(v.string()),
  authors: v.array(AuthorSchema),
  publishedAt: opt(v.string()),
  upvotes: Count,
  submittedOnDailyAt: opt(v.string()),
  ai_summary: opt(v.string()),
  ai_keywords: opt(v.array(v.string())),
  githubRepo: opt(v.string()),
  githubStars: opt(Count),
  projectPage: opt(v.string()),
};

const PaperSchema = v.looseObject(paperEntries);
type Paper = v.InferOutput<typeof PaperSchema>;

/** A bare Paper must carry its own title (detail responses, bare search hits). */
const barePaperEntries = { ...paperEntries, title: v.string(), numComments: opt(Count) };
const BarePaperSchema = v.looseObject(barePaperEntries);

const DailyItemSchema = v.pipe(
  v.looseObject({
    paper: PaperSchema,
    title: opt(v.string()),
    summary: opt(v.string()),
    publishedAt: opt(v.string()),
    numComments: opt(Count),
  }),
  v.check((i) => typeof (i.title ?? i.paper.title) === 'string', 'item has no title'),
);
type DailyItem = v.InferOutput<typeof DailyItemSchema>;

const DetailSchema = v.looseObject({
  ...barePaperEntries,
  // Only counted, so entries stay unchecked: their shape is undocumented (RepoInfoLite).
  linkedModels: opt(v.array(v.unknown())),
  linkedDatasets: opt(v.array(v.unknown())),
  linkedSpaces: opt(v.array(v.unknown())),
  numTotalModels: opt(Count),
  numTotalDatasets: opt(Count),
  numTotalSpaces: opt(Count),
});

// ---- cleaning --------------------------------------------------------------------------------------------

/** Slice without leaving half a surrogate pair behind. */
function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** arXiv titles/abstracts carry hard line-wraps ("\n  "); collapse all runs of whitespace. */
function clean(s: string | null | undefined, max: number): string {
  return s == null ? '' : cap(s.replace(/\s+/g, ' ').trim(), max);
}

const nonEmpty = (s: string) => (s === '' ? undefined : s);

/** Only http(s) links may reach the UI as hrefs (no `javascript:`, `data:`, relative paths). */
function httpUrl(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  // A truncated URL would be a wrong link, so an over-long one is dropped instead.
  return t && t.length <= MAX.url && safeHref(t) ? t : undefined;
}

function isoDay(s: string | null | undefined): string | undefined {
  const d = s?.slice(0, 10);
  return d && ISO_DAY.test(d) ? d : undefined;
}

function timestamp(s: string | null | undefined): string | undefined {
  return s && s.length <= MAX.date && Number.isFinite(Date.parse(s)) ? s : undefined;
}

/** Drop undefined keys so stored records only hold what HF actually gave us. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

interface Extra {
  title?: string | null;
  summary?: string | null;
  numComments?: number | null;
  dailyDate?: string;
}

function toRecord(p: Paper, fetchedAt: number, extra: Extra = {}): PaperRecord {
  const authors: string[] = [];
  for (const a of p.authors) {
    if (authors.length >= MAX.authors) break;
    const name = a.hidden ? '' : clean(a.name, MAX.authorName);
    if (name) authors.push(name);
  }
  const keywords = (p.ai_keywords ?? []).map((k) => clean(k, MAX.keyword)).filter(Boolean).slice(0, MAX.keywords);
  // The item's title is HF's cleaned one; fall back to the paper's when it is missing or blank.
  const title = clean(extra.title, MAX.title) || clean(p.title, MAX.title);
  return compact<PaperRecord>({
    id: p.id,
    title,
    authors,
    summary: clean(extra.summary ?? p.summary, MAX.summary),
    publishedAt: timestamp(p.publishedAt),
    upvotes: p.upvotes,
    numComments: extra.numComments ?? undefined,
    githubRepo: httpUrl(p.githubRepo),
    githubStars: p.githubStars ?? undefined,
    projectPage: httpUrl(p.projectPage),
    aiSummary: nonEmpty(clean(p.ai_summary, MAX.aiSummary)),
    aiKeywords: keywords.length ? keywords : undefined,
    dailyDate: extra.dailyDate,
    fetchedAt,
  });
}

// ---- list handling ---------------------------------------------------------------------------------------

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = v.getDotPath(first);
  return cap(path ? `${path}: ${first.message}` : first.message, MAX.issues);
}

function typeName(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x;
}

type ItemResult = { ok: true; record: PaperRecord } | { ok: false; issues: string };

/**
 * Skips invalid items (one odd paper must not blank the list) but fails when most are invalid:
 * that is schema drift, and an almost-empty list would be silently wrong.
 */
function parseList(json: unknown, what: string, parseItem: (raw: unknown) => ItemResult): PaperRecord[] {
  if (!Array.isArray(json)) throw new HfDataError(`${what}: expected an array, got ${typeName(json)}`);
  const seen = new Set<string>();
  const out: PaperRecord[] = [];
  let invalid = 0;
  let firstIssue = '';
  json.forEach((raw, i) => {
    const r = parseItem(raw);
    if (!r.ok) {
      invalid++;
      firstIssue ||= `[${i}] ${r.issues}`;
    } else if (!seen.has(r.record.id)) {
      seen.add(r.record.id);
      out.push(r.record);
    }
  });
  if (invalid * 2 > json.length) {
    throw new HfDataError(cap(`${what}: ${invalid}/${json.length} items invalid, e.g. ${firstIssue}`, MAX.issues));
  }
  return out;
}

/** `fromDaily`: the item came from daily_papers, so its top-level publishedAt may stand in for the day. */
function dailyItem(raw: unknown, fetchedAt: number, dailyDate: string | undefined, fromDaily: boolean): ItemResult {
  const r = v.safeParse(DailyItemSchema, raw);
  if (!r.success) return { ok: false, issues: describe(r.issues) };
  const item: DailyItem = r.output;
  return {
    ok: true,
    record: toRecord(item.paper, fetchedAt, {
      title: item.title,
      summary: item.summary,
      numComments: item.numComments,
      // Top-level publishedAt meant "put on Daily Papers" only until ~2025-03, when submittedOnDailyAt appeared.
      dailyDate: dailyDate ?? isoDay(item.paper.submittedOnDailyAt) ?? (fromDaily ? isoDay(item.publishedAt) : undefined),
    }),
  };
}

// ---- public API ------------------------------------------------------------------------------------------

/**
 * `GET /api/daily_papers`. With an explicit `dailyDate` (the `date=` queried) each record gets its 1-based
 * upvote rank and the result is returned in rank order; otherwise response order is kept.
 */
export function parseDailyPapers(json: unknown, fetchedAt: number, dailyDate?: string): PaperRecord[] {
  const records = parseList(json, 'daily_papers', (raw) => dailyItem(raw, fetchedAt, dailyDate, true));
  if (dailyDate === undefined) return records;
  // HF sorts by upvotes, but ranks are computed, not trusted; Array#sort is stable, so ties keep HF's order.
  const ranked = [...records].sort((a, b) => b.upvotes - a.upvotes);
  ranked.forEach((r, i) => (r.dailyRank = i + 1));
  return ranked;
}

/** `GET /api/papers/{id}`: a bare Paper plus linked repos and their totals. */
export function parsePaperDetail(json: unknown, fetchedAt: number): PaperRecord {
  const r = v.safeParse(DetailSchema, json);
  if (!r.success) throw new HfDataError(`paper: ${describe(r.issues)}`);
  const d = r.output;
  return compact<PaperRecord>({
    ...toRecord(d, fetchedAt, { numComments: d.numComments, dailyDate: isoDay(d.submittedOnDailyAt) }),
    numModels: d.numTotalModels ?? d.linkedModels?.length,
    numDatasets: d.numTotalDatasets ?? d.linkedDatasets?.length,
    numSpaces: d.numTotalSpaces ?? d.linkedSpaces?.length,
  });
}

/** `GET /api/papers/search`: daily-item shaped, but bare Paper objects are accepted too. */
export function parseSearchResults(json: unknown, fetchedAt: number): PaperRecord[] {
  return parseList(json, 'papers/search', (raw) => {
    // A search hit need not have been on Daily Papers, so only submittedOnDailyAt dates it.
    if (raw !== null && typeof raw === 'object' && 'paper' in raw) return dailyItem(raw, fetchedAt, undefined, false);
    const r = v.safeParse(BarePaperSchema, raw);
    if (!r.success) return { ok: false, issues: describe(r.issues) };
    const p = r.output;
    return { ok: true, record: toRecord(p, fetchedAt, { numComments: p.numComments, dailyDate: isoDay(p.submittedOnDailyAt) }) };
  });
}

/** `RateLimit: "api";r=<remaining>;t=<seconds>` (IETF draft); may list several policies separated by commas. */
function parseRateLimitField(value: string): { r?: number; t?: number } {
  const items = value.split(',').map((item) => {
    const [name = '', ...params] = item.split(';').map((s) => s.trim());
    const out: { name: string; r?: number; t?: number } = { name: name.replace(/^"|"$/g, '') };
    for (const p of params) {
      const m = /^([rt])=(\d+)$/.exec(p);
      if (m) out[m[1] as 'r' | 't'] = Number(m[2]);
    }
    return out;
  });
  return items.find((i) => i.name === 'api') ?? items[0] ?? {};
}

/** Rate-limit hints from response headers: `Retry-After` (seconds or HTTP date) and `RateLimit`. */
export function parseRateLimit(headers: Headers, now: number): { retryAt?: number; remaining?: number } {
  const out: { retryAt?: number; remaining?: number } = {};
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) out.retryAt = now + Number(retryAfter) * 1000;
    else {
      const at = Date.parse(retryAfter);
      if (Number.isFinite(at)) out.retryAt = Math.max(now, at);
    }
  }
  const rateLimit = headers.get('ratelimit');
  if (rateLimit) {
    const { r, t } = parseRateLimitField(rateLimit);
    if (r !== undefined) out.remaining = r;
    if (r === 0 && t !== undefined) out.retryAt = Math.max(out.retryAt ?? 0, now + t * 1000);
  }
  return out;
}
