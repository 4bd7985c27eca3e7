/**
 * The only code that talks to huggingface.co. Every request passes a persisted rate gate so that a busy
 * worker (or one restarted by the browser) can neither exceed our budget nor hammer HF while it is failing.
 */
import { HfDataError, parseDailyPapers, parsePaperDetail, parseRateLimit, parseSearchResults } from '../../shared/hf-schema';
import type { PaperRecord } from '../../shared/types';

export const HF_BASE = 'https://huggingface.co';

const WINDOW_MS = 5 * 60_000;
/** Our own budget per 5 min, well below HF's anonymous 500. */
const BUDGET = 200;
const MAX_BODY = 5 * 1024 * 1024;
const DEFAULT_429_MS = 60_000;
/** A hostile or buggy Retry-After must not block us for days. */
const MAX_BLOCK_MS = 60 * 60_000;
const FAILURE_BLOCK_MS = 5_000;
const MAX_FAILURE_BLOCK_MS = 5 * 60_000;
const RETRY_BASE_MS = 250;
const MAX_RETRY_MS = 2_000;
const PAPER_ID = /^\d{4}\.\d{4,5}(v\d+)?$/;

export type HfErrorKind = 'network' | 'timeout' | 'http' | 'rate-limited' | 'invalid';

export class HfError extends Error {
  override readonly name = 'HfError';
  readonly kind: HfErrorKind;
  readonly status?: number;
  /** When asking again makes sense (ms since epoch). */
  readonly retryAt?: number;
  constructor(kind: HfErrorKind, message: string, opts: { status?: number; retryAt?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.kind = kind;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAt !== undefined) this.retryAt = opts.retryAt;
  }
}

// ---- rate gate -------------------------------------------------------------------------------------------

export interface GateState {
  /** No request before this time (ms since epoch). */
  blockedUntil: number;
  /** Consecutive failed requests (5xx / network / timeout, after the retry). */
  failures: number;
  /** Send times in the last 5 minutes. */
  window: number[];
}

export interface RateGate {
  load(): Promise<GateState>;
  save(s: GateState): Promise<void>;
}

/** The storage area subset we need; pass `browser.storage.session` so the gate survives worker restarts. */
export interface GateStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Stored state is only trusted after a shape check: a corrupt value must not wedge the client. */
function sanitize(raw: unknown): GateState {
  const o = (raw !== null && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof GateState, unknown>>;
  return {
    blockedUntil: finite(o.blockedUntil) ? o.blockedUntil : 0,
    failures: finite(o.failures) ? Math.max(0, Math.floor(o.failures)) : 0,
    window: Array.isArray(o.window) ? o.window.filter(finite) : [],
  };
}

export function memoryGate(initial?: Partial<GateState>): RateGate {
  let state = sanitize(initial);
  return {
    load: async () => structuredClone(state),
    save: async (s) => void (state = structuredClone(s)),
  };
}

export function storageGate(area: GateStorageArea, key = 'hfRateGate'): RateGate {
  return {
    load: async () => sanitize((await area.get(key))[key]),
    save: (s) => area.set({ [key]: s }),
  };
}

// ---- client ----------------------------------------------------------------------------------------------

export interface HfClientOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Per request, body included. */
  timeoutMs?: number;
  /** Optional HF token; raises HF's quota. */
  token?: () => Promise<string | undefined>;
  gate: RateGate;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DailyPapersParams {
  date?: string;
  week?: string;
  month?: string;
  sort?: 'publishedAt' | 'trending';
  limit?: number;
  p?: number;
}

type Query = Record<string, string | number | undefined>;
type Raw = { status: number; headers: Headers; text?: string };

const clampInt = (n: number | undefined, lo: number, hi: number) =>
  n === undefined || !Number.isFinite(n) ? undefined : Math.min(hi, Math.max(lo, Math.trunc(n)));

export class HfClient {
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly token: () => Promise<string | undefined>;
  private readonly gate: RateGate;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Serializes load→modify→save of the gate so concurrent requests can't lose each other's updates. */
  private gateLock: Promise<unknown> = Promise.resolve();

  constructor(opts: HfClientOptions) {
    const f = opts.fetch ?? globalThis.fetch;
    this.fetchFn = (input, init) => f(input, init); // unbound call: browsers reject fetch with a foreign `this`
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? 8_000;
    this.token = opts.token ?? (async () => undefined);
    this.gate = opts.gate;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** `GET /api/daily_papers`. Ranks are only assigned for a `date` list (trending ignores `date`). */
  async dailyPapers(params: DailyPapersParams = {}): Promise<PaperRecord[]> {
    const limit = clampInt(params.limit, 1, 100);
    const p = clampInt(params.p, 0, Number.MAX_SAFE_INTEGER);
    const rankDate = params.sort === 'trending' ? undefined : params.date;
    const records = await this.parsed(async () => {
      const { json, fetchedAt } = await this.getJson('/api/daily_papers', {
        date: params.date,
        week: params.week,
        month: params.month,
        sort: params.sort,
        limit,
        p,
      });
      return this.validate(() => parseDailyPapers(json, fetchedAt, rankDate));
    });
    // Page p continues the ranking of the pages before it (HF's default page size is 50).
    const offset = (p ?? 0) * (limit ?? 50);
    if (offset) for (const r of records) if (r.dailyRank !== undefined) r.dailyRank += offset;
    return records;
  }

  /** `GET /api/papers/{id}`; `undefined` when HF doesn't know the paper. */
  async paper(id: string): Promise<PaperRecord | undefined> {
    if (!PAPER_ID.test(id)) throw new HfError('invalid', `not a new-style arXiv id: ${id.slice(0, 40)}`);
    return this.parsed(async () => {
      const res = await this.request(`/api/papers/${id}`, {}, true);
      return res && this.validate(() => parsePaperDetail(res.json, res.fetchedAt));
    });
  }

  /** `GET /api/papers/search`; HF caps `q` at 250 chars and `limit` at 120. */
  async search(q: string, limit: number): Promise<PaperRecord[]> {
    const query = q.trim().slice(0, 250);
    if (!query) return [];
    return this.parsed(async () => {
      const { json, fetchedAt } = await this.getJson('/api/papers/search', { q: query, limit: clampInt(limit, 1, 120) ?? 20 });
      return this.validate(() => parseSearchResults(json, fetchedAt));
    });
  }

  // ---- plumbing ----

  /**
   * Garbage from HF (not JSON, too large, schema drift) is a server failure too: it backs off exponentially like a
   * 5xx instead of being re-asked on every page view. Only a 2xx that parsed resets the failure count.
   */
  private async parsed<T>(run: () => Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await run();
    } catch (e) {
      const fromServer = e instanceof HfError && e.kind === 'invalid' && (e.status !== undefined || e.cause instanceof HfDataError);
      if (!fromServer) throw e;
      const retryAt = await this.recordFailure();
      throw new HfError('invalid', e.message, { status: e.status, retryAt, cause: e.cause });
    }
    await this.withGate((s) => void (s.failures = 0));
    return value;
  }

  private validate<T>(parse: () => T): T {
    try {
      return parse();
    } catch (e) {
      if (e instanceof HfDataError) throw new HfError('invalid', e.message, { cause: e });
      throw e;
    }
  }

  private async getJson(path: string, query: Query): Promise<{ json: unknown; fetchedAt: number }> {
    const res = await this.request(path, query, false);
    if (!res) throw new HfError('http', 'HTTP 404', { status: 404 }); // unreachable: 404 throws when not allowed
    return res;
  }

  /** One logical request: gate, send, at most one retry on 5xx/network/timeout, then gate bookkeeping. */
  private async request(path: string, query: Query, allow404: boolean): Promise<{ json: unknown; fetchedAt: number } | undefined> {
    const url = new URL(path, HF_BASE);
    for (const [k, val] of Object.entries(query)) if (val !== undefined && val !== '') url.searchParams.set(k, String(val));

    for (let attempt = 0; ; attempt++) {
      const failures = await this.reserve();
      let failure: HfError;
      try {
        const raw = await this.send(url);
        const retryAt = await this.afterResponse(raw);
        if (raw.status === 429) {
          throw new HfError('rate-limited', 'Hugging Face rate limit reached', { status: 429, retryAt: retryAt ?? this.now() + DEFAULT_429_MS });
        }
        if (raw.status < 500) return this.result(raw, allow404);
        failure = new HfError('http', `HTTP ${raw.status}`, { status: raw.status });
      } catch (e) {
        if (!(e instanceof HfError) || (e.kind !== 'network' && e.kind !== 'timeout')) throw e;
        failure = e;
      }
      if (attempt === 0) {
        await this.sleep(Math.min(RETRY_BASE_MS * 2 ** failures, MAX_RETRY_MS));
        continue;
      }
      const retryAt = await this.recordFailure();
      throw new HfError(failure.kind, failure.message, { status: failure.status, retryAt, cause: failure.cause });
    }
  }

  private result(raw: Raw, allow404: boolean): { json: unknown; fetchedAt: number } | undefined {
    if (raw.status === 404 && allow404) return undefined;
    if (raw.status < 200 || raw.status >= 300) {
      const detail = raw.headers.get('x-error-message')?.slice(0, 200);
      throw new HfError('http', `HTTP ${raw.status}${detail ? `: ${detail}` : ''}`, { status: raw.status });
    }
    try {
      return { json: JSON.parse(raw.text ?? ''), fetchedAt: this.now() };
    } catch (e) {
      throw new HfError('invalid', 'response is not JSON', { status: raw.status, cause: e });
    }
  }

  /** Fetch with a timeout covering headers and body. Only a 2xx body is read; it is size-capped. */
  private async send(url: URL): Promise<Raw> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const headers: Record<string, string> = { Accept: 'application/json' };
      const token = await this.token();
      if (token) headers.Authorization = `Bearer ${token}`;
      const res = await this.fetchFn(url.href, { headers, signal: controller.signal, credentials: 'omit' });
      if (!res.ok) {
        void res.body?.cancel().catch(() => undefined);
        return { status: res.status, headers: res.headers };
      }
      return { status: res.status, headers: res.headers, text: await readCapped(res) };
    } catch (e) {
      if (e instanceof HfError) throw e;
      if (controller.signal.aborted) throw new HfError('timeout', `no answer within ${this.timeoutMs} ms`, { cause: e });
      throw new HfError('network', 'network error', { cause: e });
    } finally {
      clearTimeout(timer);
    }
  }

  private withGate<T>(fn: (s: GateState, now: number) => T): Promise<T> {
    const run = this.gateLock.then(async () => {
      const s = await this.gate.load();
      const out = fn(s, this.now());
      await this.gate.save(s);
      return out;
    });
    this.gateLock = run.catch(() => undefined);
    return run;
  }

  /** Claims a send slot or refuses; returns the current failure count (for the retry backoff). */
  private reserve(): Promise<number> {
    return this.withGate((s, now) => {
      // Shown to users as is (popup, badge tooltip): say what happens next, not how the client works.
      const wait = () => `next try in ${Math.max(1, Math.ceil((s.blockedUntil - now) / 1000))} s`;
      if (s.blockedUntil > now) throw new HfError('rate-limited', `Hugging Face is unavailable right now; ${wait()}`, { retryAt: s.blockedUntil });
      s.window = s.window.filter((t) => t > now - WINDOW_MS).sort((a, b) => a - b);
      if (s.window.length >= BUDGET) {
        const oldest = s.window[s.window.length - BUDGET] ?? now;
        throw new HfError('rate-limited', 'too many requests to Hugging Face in 5 minutes; waiting', { retryAt: oldest + WINDOW_MS });
      }
      s.window.push(now);
      return s.failures;
    });
  }

  /** Applies rate-limit headers; returns the block end it set, if any. Any non-5xx answer proves HF is up. */
  private afterResponse(raw: Raw): Promise<number | undefined> {
    return this.withGate((s, now) => {
      const rl = parseRateLimit(raw.headers, now);
      let until: number | undefined;
      if (raw.status === 429) until = rl.retryAt ?? now + DEFAULT_429_MS;
      else if (rl.remaining === 0 && rl.retryAt !== undefined) until = rl.retryAt;
      // A 2xx only proves HF is up once it parses (see `parsed`); an error answer proves it at once.
      if (raw.status >= 300 && raw.status < 500 && raw.status !== 429) s.failures = 0;
      if (until === undefined) return undefined;
      until = Math.min(until, now + MAX_BLOCK_MS);
      s.blockedUntil = Math.max(s.blockedUntil, until);
      return until;
    });
  }

  /** Exponential pause after a failed request so callers can't storm a struggling server. */
  private recordFailure(): Promise<number> {
    return this.withGate((s, now) => {
      const wait = Math.min(2 ** s.failures * FAILURE_BLOCK_MS, MAX_FAILURE_BLOCK_MS);
      s.failures = Math.min(s.failures + 1, 30);
      s.blockedUntil = Math.max(s.blockedUntil, now + wait);
      return s.blockedUntil;
    });
  }
}

/** Reads a body up to MAX_BODY bytes; a lying or missing Content-Length can't make us buffer more. */
async function readCapped(res: Response): Promise<string> {
  const tooLarge = () => new HfError('invalid', `response larger than ${MAX_BODY} bytes`, { status: res.status });
  if (Number(res.headers.get('content-length')) > MAX_BODY) {
    void res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) {
    const text = await res.text();
    if (text.length > MAX_BODY) throw tooLarge();
    return text;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
