import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { type GateState, HfClient, HfError, memoryGate, storageGate } from '../../src/background/hf/client';

const REAL = path.resolve('../shared/fixtures/hf-api/real');
const dailyText = (date: string) => readFileSync(path.join(REAL, `daily_papers.date-${date}.json`), 'utf8');
const detailJson = () => ({ ...JSON.parse(dailyText('2026-08-21'))[0].paper, linkedModels: [{ id: 'a/b' }], numComments: 2 });

const T0 = 1_787_000_000_000;
type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

/** A fake fetch that records calls and answers from a queue (the last handler repeats). */
function setup(handlers: Handler[], opts: { token?: string; timeoutMs?: number; gate?: Partial<GateState> } = {}) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const sleeps: number[] = [];
  const clock = { t: T0 };
  const gate = memoryGate(opts.gate);
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    const h = handlers[Math.min(calls.length - 1, handlers.length - 1)]!;
    return h(url, init);
  }) as typeof globalThis.fetch;
  const client = new HfClient({
    fetch,
    now: () => clock.t,
    gate,
    timeoutMs: opts.timeoutMs ?? 1_000,
    token: async () => opts.token,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { client, calls, sleeps, clock, gate };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' }, ...init });
const status = (code: number, headers: Record<string, string> = {}) => () => new Response(`{"error":"x"}`, { status: code, headers });
const fixture = (date: string) => () => new Response(dailyText(date), { status: 200 });

async function caught(p: Promise<unknown>): Promise<HfError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HfError);
    return e as HfError;
  }
  throw new Error('expected an HfError');
}

describe('requests', () => {
  test('daily papers from a real response, with params serialized only when set', async () => {
    const { client, calls } = setup([fixture('2026-08-21'), () => json([])]);
    const recs = await client.dailyPapers({ date: '2026-08-21', limit: 50, p: 0, sort: 'publishedAt' });
    expect(recs).toHaveLength(17);
    expect(recs[0]).toMatchObject({ id: '2608.19880', upvotes: 163, dailyRank: 1, dailyDate: '2026-08-21', fetchedAt: T0 });
    const { url, init } = calls[0]!;
    expect(url.origin + url.pathname).toBe('https://huggingface.co/api/daily_papers');
    expect(Object.fromEntries(url.searchParams)).toEqual({ date: '2026-08-21', sort: 'publishedAt', limit: '50', p: '0' });
    expect(new Headers(init.headers).get('authorization')).toBeNull();
    expect(init.signal).toBeInstanceOf(AbortSignal);

    await client.dailyPapers();
    expect(calls[1]!.url.href).toBe('https://huggingface.co/api/daily_papers');
  });

  test('week/month/trending: no ranks; limit clamped to the API range', async () => {
    const { client, calls } = setup([fixture('2025-06-02')]);
    const recs = await client.dailyPapers({ date: '2025-06-02', sort: 'trending', limit: 500 });
    expect(recs.every((r) => r.dailyRank === undefined)).toBe(true);
    expect(calls[0]!.url.searchParams.get('limit')).toBe('100');
    await client.dailyPapers({ week: '2025-W23' });
    await client.dailyPapers({ month: '2025-06' });
    expect(calls.slice(1).map((c) => c.url.search)).toEqual(['?week=2025-W23', '?month=2025-06']);
  });

  test('ranks on later pages continue from earlier ones', async () => {
    const { client } = setup([fixture('2024-05-27')]);
    const recs = await client.dailyPapers({ date: '2024-05-27', limit: 13, p: 1 });
    expect(recs.map((r) => r.dailyRank)).toEqual(Array.from({ length: 13 }, (_, i) => 14 + i));
  });

  test('paper detail; 404 → undefined; malformed ids never reach the network', async () => {
    const { client, calls } = setup([() => json(detailJson()), status(404)]);
    expect(await client.paper('2608.19880')).toMatchObject({ id: '2608.19880', numModels: 1, numComments: 2 });
    expect(calls[0]!.url.href).toBe('https://huggingface.co/api/papers/2608.19880');
    expect(await client.paper('2608.99999')).toBeUndefined();
    await expect(client.paper('../../api/whoami')).rejects.toMatchObject({ kind: 'invalid' });
    expect(calls).toHaveLength(2);
  });

  test('404 on a list is an http error, other 4xx too (no retry)', async () => {
    const { client, calls } = setup([status(404), status(400, { 'X-Error-Message': 'Invalid date' })]);
    expect(await caught(client.dailyPapers({ date: '2026-08-22' }))).toMatchObject({ kind: 'http', status: 404 });
    const err = await caught(client.dailyPapers({ date: '2025-13-40' }));
    expect(err).toMatchObject({ kind: 'http', status: 400 });
    expect(err.message).toContain('Invalid date');
    expect(calls).toHaveLength(2);
  });

  test('search: q and limit sent, bare Paper hits tolerated, blank query skipped', async () => {
    const items = JSON.parse(dailyText('2025-06-02'));
    const { client, calls } = setup([() => json([items[0], items[1].paper])]);
    const recs = await client.search('  reasoning RL ', 500);
    expect(recs.map((r) => r.id)).toEqual(['2505.24864', '2505.24863']);
    expect(Object.fromEntries(calls[0]!.url.searchParams)).toEqual({ q: 'reasoning RL', limit: '120' });
    expect(await client.search('   ', 5)).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  test('Authorization only when a token is available', async () => {
    const { client, calls } = setup([() => json([])], { token: 'hf_secret' });
    await client.dailyPapers();
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer hf_secret');
  });
});

describe('invalid responses', () => {
  test('non-JSON and schema drift → invalid', async () => {
    const { client, clock } = setup([() => new Response('<html>oops</html>'), () => json({ error: 'nope' }), () => json({ id: 1 })]);
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'invalid' });
    clock.t += 3_600_000; // past the pause bad data sets (next test)
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'invalid' });
    clock.t += 3_600_000;
    expect(await caught(client.paper('2608.19880'))).toMatchObject({ kind: 'invalid' });
  });

  test('bad data backs off like a 5xx: growing pauses, no fetch meanwhile; a good answer resets', async () => {
    const { client, calls, clock, gate } = setup([() => new Response('[{"paper":'), () => json({ id: 1 }), fixture('2025-06-02')]);
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'invalid', retryAt: T0 + 5_000 });
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'rate-limited', retryAt: T0 + 5_000 });
    expect(calls).toHaveLength(1); // no retry of garbage, and nothing while paused
    clock.t = T0 + 5_000;
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'invalid', retryAt: T0 + 15_000 });
    expect((await gate.load()).failures).toBe(2);
    clock.t = T0 + 15_000;
    expect(await client.dailyPapers({ date: '2025-06-02' })).toHaveLength(20);
    expect(await gate.load()).toMatchObject({ failures: 0 });
    // An id we refuse before sending is our problem, not HF's: no pause.
    await caught(client.paper('../x'));
    expect((await gate.load()).blockedUntil).toBeLessThanOrEqual(clock.t);
  });

  test('bodies over 5 MB are refused, by Content-Length or by actual size', async () => {
    const big = `[${'0,'.repeat(2.7 * 1024 * 1024)}0]`;
    const { client, clock } = setup([
      () => new Response('[]', { headers: { 'Content-Length': String(6 * 1024 * 1024) } }),
      () => new Response(big),
    ]);
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'invalid' });
    clock.t += 3_600_000;
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'invalid' });
  });
});

describe('rate limiting and failures', () => {
  test('429 with Retry-After blocks until then, without calling fetch', async () => {
    const { client, calls, clock } = setup([status(429, { 'Retry-After': '30' }), () => json([])]);
    const err = await caught(client.dailyPapers());
    expect(err).toMatchObject({ kind: 'rate-limited', status: 429, retryAt: T0 + 30_000 });
    clock.t += 10_000;
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'rate-limited', retryAt: T0 + 30_000 });
    expect(calls).toHaveLength(1);
    clock.t = T0 + 30_000;
    expect(await client.dailyPapers()).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  test('429 without hints blocks for 60 s; absurd Retry-After is capped at an hour', async () => {
    const a = setup([status(429)]);
    expect(await caught(a.client.dailyPapers())).toMatchObject({ retryAt: T0 + 60_000 });
    const b = setup([status(429, { 'Retry-After': '99999999' })]);
    expect((await caught(b.client.dailyPapers())).retryAt).toBe(T0 + 3_600_000);
  });

  test('RateLimit r=0 on a success blocks until the window resets', async () => {
    const { client, calls, clock } = setup([() => json([], { headers: { RateLimit: '"api";r=0;t=42' } }), () => json([])]);
    expect(await client.dailyPapers()).toEqual([]);
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'rate-limited', retryAt: T0 + 42_000 });
    clock.t += 42_000;
    await client.dailyPapers();
    expect(calls).toHaveLength(2);
  });

  test('500 then 200: one retry after a short backoff succeeds', async () => {
    const { client, calls, sleeps, gate } = setup([status(500), fixture('2025-06-02')]);
    expect(await client.dailyPapers({ date: '2025-06-02' })).toHaveLength(20);
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([250]);
    expect(await gate.load()).toMatchObject({ failures: 0, blockedUntil: 0 });
  });

  test('5xx twice: http error, then a growing pause; success resets it', async () => {
    const { client, calls, sleeps, clock, gate } = setup([status(503), status(502), status(503), status(503), () => json([])]);
    const first = await caught(client.dailyPapers());
    expect(first).toMatchObject({ kind: 'http', status: 502, retryAt: T0 + 5_000 });
    expect(calls).toHaveLength(2);
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'rate-limited', retryAt: T0 + 5_000 });
    expect(calls).toHaveLength(2);

    clock.t = T0 + 5_000;
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'http', retryAt: clock.t + 10_000 });
    expect(sleeps).toEqual([250, 500]);
    expect((await gate.load()).failures).toBe(2);

    clock.t += 10_000;
    await client.dailyPapers();
    expect(await gate.load()).toMatchObject({ failures: 0 });
  });

  test('failure pause is capped at 5 minutes', async () => {
    const { client } = setup([status(500)], { gate: { failures: 12 } });
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'http', retryAt: T0 + 300_000 });
  });

  test('network errors retry once, then fail as network', async () => {
    const { client, calls } = setup([
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    expect(await caught(client.dailyPapers())).toMatchObject({ kind: 'network', retryAt: T0 + 5_000 });
    expect(calls).toHaveLength(2);
  });

  test('a fetch that never answers times out (and is aborted)', async () => {
    const hang: Handler = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal!.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    const { client, calls } = setup([hang], { timeoutMs: 20 });
    const err = await caught(client.paper('2608.19880'));
    expect(err.kind).toBe('timeout');
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.init.signal!.aborted)).toBe(true);
  });

  test('own budget: the 201st request within 5 minutes is refused without fetching', async () => {
    const { client, calls, clock } = setup([() => json([])]);
    for (let i = 0; i < 200; i++) {
      await client.dailyPapers();
      clock.t += 1_000;
    }
    const err = await caught(client.dailyPapers());
    expect(err).toMatchObject({ kind: 'rate-limited', retryAt: T0 + 300_000 });
    expect(calls).toHaveLength(200);
    clock.t = T0 + 300_001; // the oldest send left the window
    await client.dailyPapers();
    expect(calls).toHaveLength(201);
  });

  test('concurrent requests all count against the budget', async () => {
    const { client, calls } = setup([() => json([])], { gate: { window: Array.from({ length: 195 }, () => T0 - 1_000) } });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.dailyPapers()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(calls).toHaveLength(5);
  });
});

describe('gates', () => {
  test('storageGate persists through an area and survives a new client', async () => {
    const data: Record<string, unknown> = {};
    const area = {
      get: async (key: string) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
      set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
    };
    const fetch = (async () => new Response('{}', { status: 429, headers: { 'Retry-After': '30' } })) as typeof globalThis.fetch;
    const opts = { fetch, now: () => T0, gate: storageGate(area), sleep: async () => {} };
    await expect(new HfClient(opts).dailyPapers()).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(data.hfRateGate).toMatchObject({ blockedUntil: T0 + 30_000, window: [T0] });
    let fetched = false;
    const again = new HfClient({ ...opts, fetch: (async () => ((fetched = true), new Response('[]'))) as typeof globalThis.fetch });
    await expect(again.dailyPapers()).rejects.toMatchObject({ kind: 'rate-limited', retryAt: T0 + 30_000 });
    expect(fetched).toBe(false);
  });

  test('corrupt stored state is reset instead of wedging the client', async () => {
    const area = { get: async () => ({ hfRateGate: { blockedUntil: 'never', window: 'x', failures: -3 } }), set: async () => {} };
    expect(await storageGate(area).load()).toEqual({ blockedUntil: 0, failures: 0, window: [] });
  });
});
