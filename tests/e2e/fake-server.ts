/**
 * Local HTTPS fake of arxiv.org and huggingface.co for the E2E suite.
 *
 * Why one HTTPS server with the REAL hostnames (../shared/docs/e2e-in-a-real-browser.md §4): Chromium maps the names
 * to 127.0.0.1:<port> with --host-resolver-rules, so page navigation, content scripts and the service worker's fetch
 * all go through the real TLS/CORS/network stack while product code knows nothing about tests. The certificate is
 * made per run with the openssl CLI (node:crypto cannot issue X.509), and Chromium trusts exactly that key via its
 * SPKI pin, so no key is ever committed and nothing else is trusted.
 *
 * The arXiv side serves the fixture pages with arXiv's own stylesheets (arxiv-css.ts), and gives any new-style id an
 * abs page describing the paper the fake HF knows under it (fake-abs-page.ts).
 *
 * The Hugging Face side follows ../shared/docs/hf-api.md §9: real recorded daily files served verbatim, everything
 * else derived from corpus.json.gz, plus the CORS and rate-limit headers, a fault switch and an override hook.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { arxivCss, htmlViewHead } from './arxiv-css';
import { absPage } from './fake-abs-page';
import { FakeArxivApi } from './fake-arxiv-api';
import { OTHER_SITE_HOSTS, otherSitePage } from './fake-other-sites';

// ───────────────────────────── public types ─────────────────────────────

/** Hostnames the fake answers; browser.ts maps each of them to the server's port. */
export const ARXIV_HOSTS = ['arxiv.org', 'www.arxiv.org', 'export.arxiv.org'] as const;
export const HF_HOST = 'huggingface.co';
/** The optional sites' reconstructed pages (fake-other-sites.ts). */
export const FAKE_HOSTS = [...ARXIV_HOSTS, HF_HOST, ...OTHER_SITE_HOSTS] as const;

export interface LogEntry {
  /** Host header without the port. */
  host: string;
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Date.now() when the request arrived. */
  time: number;
}

/** What the HF side does instead of answering normally; applies to every huggingface.co request (after logging). */
export type HfFault =
  | undefined
  /** Answer with this status. Body defaults to `{"error":"<status text>"}`; CORS/rate-limit headers are still sent. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Hold the request for `ms`, then answer normally (if the client is still waiting): a slow server. */
  | { kind: 'stall'; ms: number }
  /** Destroy the socket without answering: a network error for the client. */
  | { kind: 'close' };

/** What an override returns to answer a request; `undefined` falls through to the built-in behaviour. */
export interface HfReply {
  status?: number;
  /** Serialised with JSON.stringify; ignored when `body` is given. */
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export interface HfPaperEdit {
  paper?: Record<string, unknown>;
  numComments?: number;
  linked?: { models?: number; datasets?: number; spaces?: number };
}

/** `url` is already parsed against https://huggingface.co. */
export type HfOverride = (req: IncomingMessage, url: URL) => HfReply | undefined | Promise<HfReply | undefined>;

export interface FakeServerOptions {
  /** 0 (default) = random free port. */
  port?: number;
  /** Folder holding arxiv/ and hf-api/; default `../shared/fixtures` relative to process.cwd() (the repo root). */
  fixturesDir?: string;
  /** HF's anonymous quota: 500 API requests per fixed 300 s window (hf-api.md §8). Over it → 429. */
  rateLimit?: { quota?: number; windowSec?: number };
  /**
   * The corpus as a replica test needs it (issue 11): every date shifted so the newest day is yesterday, items carrying
   * `submittedOnDailyAt` as HF's have since 2025-03, the real day files left out (their dates would not fit), and
   * optionally thinned to the records `keep` accepts (so a full backfill is a few dozen requests, not ~130).
   */
  corpus?: { shiftToYesterday: true; keep?: (id: string, index: number) => boolean };
}

export interface FakeServer {
  port: number;
  /** base64 SHA-256 of the certificate's SPKI, for --ignore-certificate-errors-spki-list. */
  spki: string;
  /** Every request, in arrival order (all hosts, including unknown ones and CORS preflights). */
  readonly log: LogEntry[];
  /** Requests to huggingface.co, optionally only those at or after `since` (a Date.now() value). */
  hfRequests(since?: number): LogEntry[];
  /** Empties the log (the rate-limit window is separate: see resetRateLimit). */
  resetLog(): void;
  /** Starts a fresh rate-limit window with the full quota. */
  resetRateLimit(): void;
  /** Set to make every huggingface.co request fail; set back to undefined to heal. */
  hfFault: HfFault;
  /**
   * Handles huggingface.co requests whose pathname starts with `pathPrefix` before the built-in routes (the
   * latest-registered matching override is asked first). Returns a function that removes it.
   */
  hfOverride(pathPrefix: string, handler: HfOverride): () => void;
  /** The same for arxiv.org pages: the handler returns the page's HTML (or undefined to fall through). */
  arxivOverride(pathPrefix: string, handler: (url: URL) => string | undefined): () => void;
  /**
   * What HF says about one paper from now on, in day lists and `papers/{id}` alike (as on the real site, where a
   * linked repo or a comment shows everywhere): `paper` fields (e.g. `githubRepo`), the item's `numComments`, the
   * linked-repo totals of `papers/{id}`. A paper HF didn't know (404) gets a page with `paper` as its fields.
   */
  hfEditPaper(id: string, edit: HfPaperEdit): void;
  /** The HF data as served (the shifted, thinned corpus in `corpus` mode), for tests to compute expectations. */
  hfItems(): Promise<{ byDate: Map<string, Item[]>; byId: Map<string, Item>; latest: string }>;
  /**
   * Whether arxiv.org answers `/static/browse/<ver>/css/*` with arXiv's stylesheets (default true). Set false for the
   * few checks that prove robustness on an unstyled page; the sheets are sent `no-store`, so this applies at once.
   */
  arxivCss: boolean;
  /** export.arxiv.org/api/query (fake-arxiv-api.ts): its entries, faults, request log and spacing violations. */
  arxivApi: FakeArxivApi;
  /** Stops listening and drops open keep-alive connections. */
  close(): Promise<void>;
}

// ───────────────────────────── certificate ─────────────────────────────

/** Fresh self-signed EC cert for the faked hosts (EC P-256 takes ~16 ms, RSA ~430 ms). */
export function makeCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const san = [...FAKE_HOSTS.map((h) => `DNS:${h}`), 'DNS:localhost', 'IP:127.0.0.1'].join(',');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=e2e-fake', '-addext', `subjectAltName=${san}`],
    { stdio: 'ignore' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** base64 SHA-256 of the certificate's SPKI, the value --ignore-certificate-errors-spki-list wants. */
export const spkiHash = (certPem: Buffer): string => createHash('sha256')
  .update(new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');

// ───────────────────────────── fixtures (cached per process) ─────────────────────────────

const gunzipAsync = promisify(gunzip);

const fileCache = new Map<string, Buffer>();
/** Fixture reads are cached: the pastweek page is 2.5 MB and tests load it repeatedly. */
function fixture(root: string, rel: string): Buffer {
  const file = path.resolve(root, rel);
  let data = fileCache.get(file);
  if (!data) {
    data = readFileSync(file);
    fileCache.set(file, data);
  }
  return data;
}

/** A DailyPaperItem as far as this fake needs to know it; real fixture items carry many more fields. */
interface Item {
  paper: { id: string; upvotes: number; githubStars?: number; [k: string]: unknown };
  submittedBy?: { name?: string };
  numComments?: number;
  [k: string]: unknown;
}

/** One record of corpus.json.gz (see fixtures/hf-api/real/README.md). */
interface CorpusRecord {
  id: string; title: string; summary: string; upvotes: number; publishedAt: string; authors: string[];
  ai_keywords?: string[]; ai_summary?: string; githubRepo?: string; dailyDate: string;
}

/** The dates whose real recorded responses exist; they are served byte for byte. */
export const REAL_DAILY_DATES = ['2026-08-21', '2025-06-02', '2024-05-27'] as const;
export const LATEST_DAILY_DATE = '2026-08-21';

interface HfData {
  /** date → raw file bytes and parsed items. */
  real: Map<string, { raw: Buffer; items: Item[] }>;
  /** date → corpus-derived items, upvotes desc. */
  corpusByDate: Map<string, Item[]>;
  /** id → the best item we have: real fixture (newest date first) over corpus. */
  byId: Map<string, Item>;
  /** All dates that have any items, sorted ascending. */
  dates: string[];
  /** The newest day: what "latest papers" (no filter) and trending anchor on. */
  latest: string;
}

const hfDataCache = new Map<string, Promise<HfData>>();

/**
 * Corpus record → DailyPaperItem shape (the brief's minimal shape; optional fields only when present). Author `_id`s
 * are 24 hex digits like HF's, derived from the record's position so they are stable across runs and cost no hashing.
 */
function corpusItem(r: CorpusRecord, index: number): Item {
  const idPrefix = index.toString(16).padStart(16, '0');
  const paper: Item['paper'] = {
    id: r.id,
    title: r.title,
    summary: r.summary,
    authors: r.authors.map((name, i) => ({ _id: idPrefix + i.toString(16).padStart(8, '0'), name, hidden: false })),
    publishedAt: r.publishedAt,
    upvotes: r.upvotes,
  };
  if (r.ai_keywords) paper.ai_keywords = r.ai_keywords;
  if (r.ai_summary) paper.ai_summary = r.ai_summary;
  if (r.githubRepo) paper.githubRepo = r.githubRepo;
  // Top-level title: HF cleans the arXiv hard wraps there (hf-api.md §2), paper.title keeps them.
  return { paper, title: r.title.replace(/\s*\n\s*/g, ' '), summary: r.summary, numComments: 0, publishedAt: r.publishedAt };
}

const byUpvotesDesc = (a: Item, b: Item): number => b.paper.upvotes - a.paper.upvotes || a.paper.id.localeCompare(b.paper.id);

/**
 * The corpus costs a few hundred ms to gunzip and parse. The fake server shares its Node process with Playwright, so
 * doing that synchronously on the first request would stall the browser driver too; instead startFakeServer starts
 * this while Chromium launches, the gunzip runs on libuv's thread pool, and requests that need it await the promise.
 */
function hfData(root: string, mode?: FakeServerOptions['corpus']): Promise<HfData> {
  if (mode) return loadHfData(root, mode); // per server: its own shift and thinning
  let data = hfDataCache.get(root);
  if (!data) {
    data = loadHfData(root);
    hfDataCache.set(root, data);
  }
  return data;
}

const DAY_MS = 86_400_000;
const shiftIso = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

async function loadHfData(root: string, mode?: FakeServerOptions['corpus']): Promise<HfData> {
  const dir = path.join(root, 'hf-api/real');
  const real = new Map<string, { raw: Buffer; items: Item[] }>();
  if (!mode) for (const date of REAL_DAILY_DATES) real.set(date, realDaily(root, date));
  const gz = await readFile(path.join(dir, 'corpus.json.gz'));
  let corpus = JSON.parse((await gunzipAsync(gz)).toString('utf8')) as CorpusRecord[];
  if (mode) {
    const newest = corpus.reduce((max, r) => (r.dailyDate > max ? r.dailyDate : max), '');
    const yesterday = isoDay(new Date(Date.now() - DAY_MS));
    const shift = Math.round((Date.parse(`${yesterday}T00:00:00Z`) - Date.parse(`${newest}T00:00:00Z`)) / DAY_MS);
    corpus = corpus
      .filter((r, index) => mode.keep?.(r.id, index) ?? true)
      .map((r) => ({ ...r, dailyDate: shiftIso(`${r.dailyDate}T00:00:00Z`, shift).slice(0, 10), publishedAt: shiftIso(r.publishedAt, shift) }));
  }
  const corpusByDate = new Map<string, Item[]>();
  const byId = new Map<string, Item>();
  for (const [index, r] of corpus.entries()) {
    const item = corpusItem(r, index);
    if (mode) (item.paper as Record<string, unknown>)['submittedOnDailyAt'] = `${r.dailyDate}T00:00:00.000Z`;
    byId.set(r.id, item);
    let list = corpusByDate.get(r.dailyDate);
    if (!list) corpusByDate.set(r.dailyDate, (list = []));
    list.push(item);
  }
  for (const list of corpusByDate.values()) list.sort(byUpvotesDesc);
  // Real fixture items win over corpus records with the same id; REAL_DAILY_DATES is newest first, so set in
  // reverse to let the newest capture win among fixtures too.
  for (const date of [...REAL_DAILY_DATES].reverse()) for (const item of real.get(date)?.items ?? []) byId.set(item.paper.id, item);
  const dates = [...new Set([...corpusByDate.keys(), ...real.keys()])].sort();
  return { real, corpusByDate, byId, dates, latest: mode ? dates.at(-1)! : LATEST_DAILY_DATE };
}

const parsedCache = new WeakMap<Buffer, Item[]>();
/** One real daily file, raw and parsed; requests for the real days need nothing else, so they never wait on the corpus. */
function realDaily(root: string, date: string): { raw: Buffer; items: Item[] } {
  const raw = fixture(path.join(root, 'hf-api/real'), `daily_papers.date-${date}.json`);
  let items = parsedCache.get(raw);
  if (!items) parsedCache.set(raw, (items = JSON.parse(raw.toString('utf8')) as Item[]));
  return { raw, items };
}

/** The items HF would list for one day: the real file if we have one, else the corpus records of that day. */
function dayItems(data: HfData, date: string): Item[] {
  return data.real.get(date)?.items ?? data.corpusByDate.get(date) ?? [];
}

/** Items of several days, newest day first, each day by upvotes; the first occurrence of an id wins (real first). */
function rangeItems(data: HfData, from: string, to: string): Item[] {
  const seen = new Set<string>();
  const out: Item[] = [];
  const days = data.dates.filter((d) => d >= from && d <= to).reverse();
  // Real days first so their richer items take precedence over corpus copies of the same paper from other days.
  for (const date of [...days.filter((d) => data.real.has(d)), ...days.filter((d) => !data.real.has(d))]) {
    for (const item of dayItems(data, date)) {
      if (seen.has(item.paper.id)) continue;
      seen.add(item.paper.id);
      out.push({ ...item, _day: date });
    }
  }
  out.sort((a, b) => String(b._day).localeCompare(String(a._day)) || byUpvotesDesc(a, b));
  return out.map(({ _day, ...item }) => item as Item);
}

// ───────────────────────────── small helpers ─────────────────────────────

/** A valid one-page PDF whose xref offsets are computed, so strict readers (pdf.js, Chromium) accept it. */
function tinyPdf(): Buffer {
  const text = 'BT /F1 18 Tf 20 50 Td (Paper Pulse fake PDF) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
const PDF = tinyPdf();

const NOT_FOUND_HTML = '<!DOCTYPE html><html><head><title>404 Not Found</title></head>'
  + '<body><h1>Not Found</h1><p>The requested URL was not found on this (fake) server.</p></body></html>';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** A real calendar date in YYYY-MM-DD (rejects 2025-13-40 and 2025-02-30, as HF does with 400). */
function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Monday..Sunday (UTC) of ISO week `YYYY-Www`, or undefined if malformed. */
function isoWeekRange(week: string): [string, string] | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return undefined;
  const year = Number(m[1]);
  const w = Number(m[2]);
  // ISO week 1 contains Jan 4th; its Monday is Jan 4th minus (weekday-1).
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
  // A year has 53 ISO weeks iff Jan 1 or Dec 31 is a Thursday.
  const weeksInYear = new Date(Date.UTC(year, 0, 1)).getUTCDay() === 4
    || new Date(Date.UTC(year, 11, 31)).getUTCDay() === 4 ? 53 : 52;
  if (w < 1 || w > weeksInYear) return undefined;
  const monday = new Date(week1Monday + (w - 1) * 7 * 86_400_000);
  return [isoDay(monday), isoDay(new Date(monday.getTime() + 6 * 86_400_000))];
}

/** First..last day of `YYYY-MM`, or undefined if malformed. */
function monthRange(month: string): [string, string] | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0));
  return [`${month}-01`, isoDay(last)];
}

/** Strict integer query param: absent → fallback, non-integer or out of range → undefined (caller sends 400). */
function intParam(url: URL, name: string, fallback: number, min: number, max: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

// ───────────────────────────── the server ─────────────────────────────

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const root = path.resolve(options.fixturesDir ?? path.join(process.cwd(), '../shared/fixtures'));
  const arxivDir = path.join(root, 'arxiv');
  const quota = options.rateLimit?.quota ?? 500;
  const windowSec = options.rateLimit?.windowSec ?? 300;
  const tls = makeCert();
  // Start the corpus load now (see hfData); a failure surfaces on the first request that needs it.
  const hfDataOfServer = hfData(root, options.corpus);
  hfDataOfServer.catch(() => undefined);
  const data = (): Promise<HfData> => hfDataOfServer;
  const arxivOverrides: { prefix: string; handler: (url: URL) => string | undefined }[] = [];
  const log: LogEntry[] = [];
  const overrides: { prefix: string; handler: HfOverride }[] = [];
  let windowStart = Date.now();
  let used = 0;
  let pagesWindowStart = Date.now();
  let pagesUsed = 0;
  const arxivApi = new FakeArxivApi(root);
  /** Per server (the corpus itself is shared by the servers of one process): hfEditPaper's edits. */
  const edits = new Map<string, HfPaperEdit>();
  const edited = (item: Item): Item => {
    const edit = edits.get(item.paper.id);
    if (!edit) return item;
    return { ...item, paper: { ...item.paper, ...edit.paper }, ...(edit.numComments === undefined ? {} : { numComments: edit.numComments }) };
  };
  /** A paper as the edits made it: the known item edited, or a new one for an id HF didn't know. */
  const knownItem = async (id: string): Promise<Item | undefined> => {
    const item = (await data()).byId.get(id);
    if (item) return edited(item);
    const edit = edits.get(id);
    if (!edit?.paper) return undefined;
    return edited({ paper: { id, title: 'Untitled', summary: '', authors: [], publishedAt: new Date().toISOString(), upvotes: 0 }, numComments: 0 });
  };

  // ── arxiv.org ──

  const stylesheets = arxivCss(path.join(arxivDir, 'css'));
  const abs2101 = (): Buffer => fixture(arxivDir, 'reconstructed/abs-2101.04792v2.html');
  /** Every new-style id gets a realistic abs page, about the paper HF knows under that id when it knows one. */
  const absFor = async (id: string): Promise<string> =>
    absPage(abs2101().toString("utf8"), id, (await data()).byId.get(id)?.paper);
  const htmlView = (file: string): string => htmlViewHead(fixture(arxivDir, file).toString('utf8'));

  /** pathname → fixture file (relative to fixtures/arxiv), for the fixed pages. */
  const arxivPages: Record<string, string> = {
    '/html/2609.01222v2': 'real/html-paper-2609.01222v2.excerpt.html',
    '/html/2609.01222v2/': 'real/html-paper-2609.01222v2.excerpt.html',
    '/list/cs.LG/new': 'reconstructed/list-new-cs.LG.html',
    '/list/cs.LG/pastweek': 'reconstructed/list-pastweek-cs.LG-show2000.html',
    '/list/cs.LG/recent': 'reconstructed/list-pastweek-cs.LG-show2000.html',
    '/list/cs.AI/2024-03': 'reconstructed/list-month-cs.AI-2024-03.html',
  };
  /** export.arxiv.org still served the classic pre-2024 listing in 2024 (fixtures/arxiv/README.md). */
  const exportOnlyPages: Record<string, string> = {
    '/list/cs.IR/new': 'reconstructed/list-new-classic-pre2024.html',
  };

  async function arxiv(host: string, url: URL, res: ServerResponse): Promise<void> {
    const html = (status: number, body: Buffer | string): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
    };
    const p = url.pathname;
    for (let i = arxivOverrides.length - 1; i >= 0; i--) {
      const page = arxivOverrides[i]!.prefix && p.startsWith(arxivOverrides[i]!.prefix) ? arxivOverrides[i]!.handler(url) : undefined;
      if (page === undefined) continue;
      // A script an override serves (the bench's arXiv Labs card and DOMPurify) goes out as JavaScript.
      if (p.endsWith('.js')) return void res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(page);
      return html(200, page);
    }
    let m: RegExpExecArray | null;
    if (p.startsWith('/static/')) {
      const sheet = api.arxivCss ? stylesheets.sheet(p) : undefined;
      if (sheet) res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-store' }).end(sheet);
      else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found');
      return;
    }
    if ((m = /^\/abs\/(\d{4}\.\d{4,5})(?:v\d+)?\/?$/.exec(p))) return html(200, await absFor(m[1]!));
    if (/^\/abs\/hep-th\/9901001(?:v\d+)?\/?$/.test(p)) {
      return html(200, fixture(arxivDir, 'reconstructed/abs-hep-th-9901001-2025-header.html'));
    }
    if (p.startsWith('/pdf/')) {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': PDF.length }).end(PDF);
      return;
    }
    const page = (host === 'export.arxiv.org' ? exportOnlyPages[p] : undefined) ?? arxivPages[p];
    if (page) return html(200, p.startsWith('/html/') ? htmlView(page) : fixture(arxivDir, page));
    if (p === '/search' || p.startsWith('/search/')) return html(200, fixture(arxivDir, 'reconstructed/search-results.html'));
    return html(404, NOT_FOUND_HTML);
  }

  // ── huggingface.co ──

  /** Seconds until the current rate-limit window ends. */
  const resetSeconds = (): number => Math.max(0, Math.ceil((windowStart + windowSec * 1000 - Date.now()) / 1000));

  /** Headers every HF response carries (hf-api.md §8): CORS echo, request id, IETF-draft rate-limit headers. */
  function hfHeaders(req: IncomingMessage): Record<string, string> {
    const headers: Record<string, string> = {
      'vary': 'Origin',
      'access-control-expose-headers':
        'X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,RateLimit,RateLimit-Policy',
      'x-request-id': `Root=1-${randomUUID()}`,
      'ratelimit': `"api";r=${Math.max(0, quota - used)};t=${resetSeconds()}`,
      'ratelimit-policy': `"fixed window";"api";q=${quota};w=${windowSec}`,
    };
    const origin = req.headers.origin;
    if (origin) headers['access-control-allow-origin'] = origin;
    return headers;
  }

  /** Counts one API request in the fixed window; false once the quota is spent. */
  function takeQuota(): boolean {
    if (Date.now() >= windowStart + windowSec * 1000) {
      windowStart = Date.now();
      used = 0;
    }
    if (used >= quota) return false;
    used += 1;
    return true;
  }

  type Send = (status: number, body: unknown, extra?: Record<string, string>) => void;

  /** `/api/daily_papers` per hf-api.md §2 and §9. */
  async function dailyPapers(url: URL, send: Send, sendRaw: (raw: Buffer) => void): Promise<void> {
    const q = url.searchParams;
    const bad = (msg: string): void => send(400, { error: msg }, { 'x-error-message': msg });
    const sort = q.get('sort');
    if (sort !== null && sort !== 'publishedAt' && sort !== 'trending') return bad('Invalid sort: expected "publishedAt" | "trending"');
    const limit = intParam(url, 'limit', 50, 1, 100);
    if (limit === undefined) return bad('Invalid limit: expected an integer between 1 and 100');
    const p = intParam(url, 'p', 0, 0, Number.MAX_SAFE_INTEGER);
    if (p === undefined) return bad('Invalid p: expected a non-negative integer');
    const date = q.get('date');
    const week = q.get('week');
    const month = q.get('month');
    const submitter = q.get('submitter');

    let items: Item[];
    let realRaw: Buffer | undefined;
    if (sort === 'trending') {
      // hf-api.md §7: trending ignores date/week/month and looks star-driven. Rule here: the latest real day plus
      // corpus days of the 14 days before it, by paper.githubStars desc (absent = 0), then upvotes desc, then id.
      const all = await data();
      const from = isoDay(new Date(Date.parse(`${all.latest}T00:00:00Z`) - 14 * 86_400_000));
      items = rangeItems(all, from, all.latest).sort((a, b) =>
        (b.paper.githubStars ?? 0) - (a.paper.githubStars ?? 0) || byUpvotesDesc(a, b));
    } else if (date !== null) {
      if (!isCalendarDate(date)) return bad(`Invalid date: "${date}" is not a YYYY-MM-DD calendar date`);
      if (date > isoDay(new Date())) return bad('Invalid date: date cannot be in the future');
      if ((await data()).real.has(date)) {
        const real = realDaily(root, date);
        items = real.items;
        realRaw = real.raw;
      } else {
        // Weekends and unrecorded days have no corpus records → [] (what HF answers for empty days).
        items = (await data()).corpusByDate.get(date) ?? [];
      }
    } else if (week !== null) {
      const range = isoWeekRange(week);
      if (!range) return bad(`Invalid week: "${week}" is not an ISO week YYYY-Www`);
      items = rangeItems(await data(), ...range);
    } else if (month !== null) {
      const range = monthRange(month);
      if (!range) return bad(`Invalid month: "${month}" is not YYYY-MM`);
      items = rangeItems(await data(), ...range);
    } else if (options.corpus) {
      // No filter → "the latest papers": the newest (shifted) day.
      const all = await data();
      items = all.corpusByDate.get(all.latest) ?? [];
    } else {
      // No filter → "the latest papers": the newest real day, verbatim.
      const real = realDaily(root, LATEST_DAILY_DATE);
      items = real.items;
      realRaw = real.raw;
    }

    if (submitter !== null) {
      items = items.filter((i) => i.submittedBy?.name === submitter);
      realRaw = undefined;
    }
    if (items.some((i) => edits.has(i.paper.id))) {
      items = items.map(edited);
      realRaw = undefined;
    }
    const page = items.slice(p * limit, (p + 1) * limit);
    const extra: Record<string, string> = {};
    if (page.length === limit) {
      // [3P]: HF sends a next link when the page is full.
      const next = new URL(url.href);
      next.searchParams.set('p', String(p + 1));
      extra['link'] = `<${next.href}>; rel="next"`;
    }
    // The real files are served byte for byte whenever the page is the whole file.
    if (realRaw && page.length === items.length) return sendRaw(realRaw);
    send(200, page, extra);
  }

  /** `/api/papers/{id}`: bare Paper object plus linked-repo fields (hf-api.md §3). */
  async function paperDetail(rawId: string, send: Send): Promise<void> {
    const id = decodeURIComponent(rawId).replace(/v\d+$/, '');
    const item = await knownItem(id);
    if (!item) return send(404, { error: 'Paper not found' }, { 'x-error-message': 'Paper not found' });
    const linked = { models: 2, datasets: 1, spaces: 0, ...edits.get(id)?.linked };
    // The embedded lists are a few of each (their items' full shape is unknown, hf-api.md §3); the totals count all.
    const repos = (kind: string, n: number) => Array.from({ length: Math.min(n, 3) }, (_, i) => ({ id: `fake-org/${kind}-${id}-${i}` }));
    send(200, {
      ...item.paper,
      numComments: item.numComments ?? 0,
      linkedModels: repos('model', linked.models),
      numTotalModels: linked.models,
      linkedDatasets: repos('dataset', linked.datasets),
      numTotalDatasets: linked.datasets,
      linkedSpaces: repos('space', linked.spaces),
      numTotalSpaces: linked.spaces,
    });
  }

  /** `/api/papers/search`: title contains any word of q (case-insensitive); most words matched first, then upvotes. */
  async function search(url: URL, send: Send): Promise<void> {
    const q = url.searchParams.get('q') ?? '';
    if (q.length > 250) return send(400, { error: 'q must be at most 250 characters' }, { 'x-error-message': 'q too long' });
    const rawLimit = Number.parseInt(url.searchParams.get('limit') ?? '', 10);
    const limit = Number.isNaN(rawLimit) ? 120 : Math.min(120, Math.max(1, rawLimit));
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return send(200, []);
    const scored: { item: Item; hits: number }[] = [];
    for (const item of (await data()).byId.values()) {
      const title = String(item.paper['title'] ?? '').toLowerCase();
      const hits = words.filter((w) => title.includes(w)).length;
      if (hits > 0) scored.push({ item, hits });
    }
    scored.sort((a, b) => b.hits - a.hits || byUpvotesDesc(a.item, b.item));
    send(200, scored.slice(0, limit).map((s) => s.item));
  }

  /**
   * The real Papers pages in fixtures/huggingface/real (see its README), by path: the daily list was captured at
   * `/papers?date=2024-08-01`, which HF now serves as `/papers/date/2024-08-01` (other-sites.md §1), so both.
   */
  function hfPage(url: URL): string | undefined {
    const p = url.pathname.replace(/\/+$/, '');
    if (p === '/papers/date/2024-08-01' || (p === '/papers' && url.searchParams.get('date') === '2024-08-01')) return 'hf-papers-daily-2024-08-01.html';
    if (p === '/papers/2509.24002') return 'hf-paper-2509.24002-prettified-2025.html';
    return undefined;
  }

  async function hf(req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
    const fault = api.hfFault;
    if (fault?.kind === 'close') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'stall') {
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (res.destroyed || req.socket.destroyed) return;
    }
    // Web pages (not /api/): the real captured Papers pages at their real paths, HF's HTML 404 otherwise. Pages are
    // not API calls: their own "pages" bucket, 100 per 5-minute window anonymous (hf-api.md §8), not the API quota.
    if (!url.pathname.startsWith('/api/') && req.method !== 'OPTIONS' && !fault) {
      // Only the Papers pages themselves count; avatars, styles and scripts are static assets.
      const isPage = /^\/(?:[^/]+\/)?papers(?:[/?]|$)|^\/collections\//.test(url.pathname);
      if (Date.now() >= pagesWindowStart + windowSec * 1000) [pagesWindowStart, pagesUsed] = [Date.now(), 0];
      if (isPage && ++pagesUsed > 100) {
        res.writeHead(429, { 'content-type': 'text/plain', 'ratelimit': `"pages";r=0;t=${Math.ceil((pagesWindowStart + windowSec * 1000 - Date.now()) / 1000)}` }).end('Too Many Requests');
        return;
      }
      const file = hfPage(url);
      const body = file ? fixture(path.join(root, 'huggingface/real'), file) : '<!doctype html><title>404</title><h1>404</h1><p>Sorry, we can\'t find the page you are looking for.</p>';
      res.writeHead(file ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      return;
    }
    // Preflights get their own, much larger bucket at HF ([3P] q=10000), so they don't spend the API quota.
    if (req.method === 'OPTIONS') {
      res.writeHead(200, {
        ...hfHeaders(req),
        'access-control-allow-methods': 'GET',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
        'access-control-max-age': '86400',
      }).end();
      return;
    }
    const overQuota = !takeQuota();
    const base = hfHeaders(req);
    const send: Send = (status, body, extra = {}) => {
      const headers: OutgoingHttpHeaders = { ...base, 'content-type': 'application/json; charset=utf-8', ...extra };
      res.writeHead(status, headers).end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    const sendRaw = (raw: Buffer): void => send(200, raw);

    if (fault?.kind === 'status') {
      const text = STATUS_TEXT[fault.status] ?? `HTTP ${fault.status}`;
      const body = fault.body ?? JSON.stringify({ error: text });
      return send(fault.status, body, { 'x-error-message': text, ...fault.headers });
    }
    if (overQuota) {
      return send(429, { error: 'Too Many Requests: you have exceeded the rate limit' },
        { 'retry-after': String(resetSeconds()), 'x-error-message': 'rate limited' });
    }

    for (let i = overrides.length - 1; i >= 0; i--) {
      const o = overrides[i]!;
      if (!url.pathname.startsWith(o.prefix)) continue;
      const reply = await o.handler(req, url);
      if (!reply) continue;
      const body = reply.body ?? JSON.stringify(reply.json ?? null);
      return send(reply.status ?? 200, body, reply.headers);
    }

    const p = url.pathname.replace(/\/+$/, '');
    let m: RegExpExecArray | null;
    if (p === '/api/daily_papers') return dailyPapers(url, send, sendRaw);
    if (p === '/api/papers/search') return search(url, send);
    if ((m = /^\/api\/papers\/([^/]+)$/.exec(p))) return paperDetail(m[1]!, send);
    send(404, { error: 'Sorry, we can\'t find the page you are looking for.' }, { 'x-error-message': 'Not found' });
  }

  // ── dispatch ──

  const server = createServer(tls, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const rawUrl = req.url ?? '/';
    log.push({ host, method: req.method ?? 'GET', url: rawUrl, time: Date.now() });
    const url = new URL(rawUrl, `https://${host || 'localhost'}`);
    const fail = (error: unknown): void => {
      // A crash in the fake must show up in the test output, not as a hung request.
      console.error(`[fake-server] ${host} ${rawUrl}:`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    };
    try {
      if (host === 'export.arxiv.org' && url.pathname === '/api/query') {
        const reply = arxivApi.answer(url, Date.now(), req.headers.cookie !== undefined);
        res.on('close', reply.done);
        res.writeHead(reply.status, { 'content-type': reply.status === 200 || reply.status === 400 ? 'application/atom+xml; charset=utf-8' : 'text/html' }).end(reply.body);
        return;
      }
      if ((ARXIV_HOSTS as readonly string[]).includes(host)) return void arxiv(host, url, res).catch(fail);
      if (host === HF_HOST) return void hf(req, url, res).catch(fail);
      if ((OTHER_SITE_HOSTS as readonly string[]).includes(host)) {
        return void data().then((all) => {
          const titleOf = (id: string) => {
            const title = all.byId.get(id)?.paper['title'];
            return typeof title === 'string' ? title : undefined;
          };
          const page = otherSitePage(host, url, titleOf);
          res.writeHead(page.status, { 'content-type': page.type, 'cache-control': 'no-store' }).end(page.body);
        }).catch(fail);
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`fake-server: unknown host ${host}`);
    } catch (error) {
      fail(error);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });

  const api: FakeServer = {
    port: (server.address() as AddressInfo).port,
    spki: spkiHash(tls.cert),
    log,
    hfRequests: (since = 0) => log.filter((e) => e.host === HF_HOST && e.time >= since),
    resetLog: () => void log.splice(0),
    resetRateLimit: () => {
      windowStart = Date.now();
      used = 0;
    },
    hfFault: undefined,
    arxivApi,
    hfEditPaper(id, edit) {
      const before = edits.get(id);
      edits.set(id, { ...before, ...edit, paper: { ...before?.paper, ...edit.paper }, linked: { ...before?.linked, ...edit.linked } });
    },
    arxivOverride(prefix, handler) {
      const entry = { prefix, handler };
      arxivOverrides.push(entry);
      return () => {
        const i = arxivOverrides.indexOf(entry);
        if (i >= 0) arxivOverrides.splice(i, 1);
      };
    },
    async hfItems() {
      const all = await data();
      return { byDate: all.corpusByDate, byId: all.byId, latest: all.latest };
    },
    arxivCss: true,
    hfOverride(pathPrefix, handler) {
      const entry = { prefix: pathPrefix, handler };
      overrides.push(entry);
      return () => {
        const i = overrides.indexOf(entry);
        if (i >= 0) overrides.splice(i, 1);
      };
    },
    close: () => new Promise<void>((resolve) => {
      // Chromium keeps connections alive; without this, close() waits for them to time out.
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return api;
}
