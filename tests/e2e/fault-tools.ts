/**
 * Helpers for the fault-matrix and worker-lifecycle E2E tests: switching the fake HF into a failure mode, ageing
 * cached rows inside the worker's IndexedDB, resetting the persisted rate gate, and collecting the worker's own
 * uncaught errors.
 */
import type { Worker } from 'playwright-core';
import type { FakeServer } from './fake-server';

export interface Fault {
  name: string;
  /** Puts the fake HF in this mode; returns the function that heals it. */
  apply(fake: FakeServer): () => void;
  /** Worst case for the client: 8 s timeout, a retry, another 8 s (src/background/hf/client.ts). */
  slow?: boolean;
}

const overrideAll = (fake: FakeServer, reply: Parameters<FakeServer['hfOverride']>[1]) => fake.hfOverride('/api/', reply);

/** HF-shaped data with the wrong types and missing fields (hf-api.md: wrong types must be rejected, not stored). */
const driftedItem = (i: number) => ({ paper: { id: 1000 + i, upvotes: 'many', authors: 'someone', title: ['t'] }, extra: { nested: true } });

export const faults: Fault[] = [
  { name: 'offline (connection dropped)', apply: (fake) => ((fake.hfFault = { kind: 'close' }), () => (fake.hfFault = undefined)) },
  {
    name: '429 + Retry-After: 8',
    apply: (fake) => ((fake.hfFault = { kind: 'status', status: 429, headers: { 'retry-after': '8' } }), () => (fake.hfFault = undefined)),
  },
  { name: '500', apply: (fake) => ((fake.hfFault = { kind: 'status', status: 500 }), () => (fake.hfFault = undefined)) },
  { name: '503', apply: (fake) => ((fake.hfFault = { kind: 'status', status: 503 }), () => (fake.hfFault = undefined)) },
  { name: '30 s stall', slow: true, apply: (fake) => ((fake.hfFault = { kind: 'stall', ms: 30_000 }), () => (fake.hfFault = undefined)) },
  { name: 'malformed JSON', apply: (fake) => overrideAll(fake, () => ({ body: '[{"paper": {"id": "2505.24098", "upvo' })) },
  {
    name: 'schema drift',
    apply: (fake) => overrideAll(fake, (_req, url) => (url.pathname.startsWith('/api/papers/')
      ? { json: { id: url.pathname.split('/').pop(), title: 42, upvotes: '12', authors: null, brandNew: { x: 1 } } }
      : { json: Array.from({ length: 20 }, (_, i) => driftedItem(i)) })),
  },
  {
    name: '10 MB response',
    apply: (fake) => overrideAll(fake, () => ({ body: Buffer.alloc(10 * 1024 * 1024, 0x20) })),
  },
];

/** Forget the persisted backoff (storage.session) so each fault starts from a healthy client. */
export const resetGate = (sw: Worker) => sw.evaluate(() => (globalThis as unknown as GlobalChrome).chrome.storage.session.remove('hfRateGate'));

/** When the client's gate lets the next request through (ms since epoch; 0 = now). */
export const gateBlockedUntil = (sw: Worker) => sw.evaluate(async () => {
  const got = await (globalThis as unknown as GlobalChrome).chrome.storage.session.get('hfRateGate');
  return Number((got['hfRateGate'] as { blockedUntil?: number } | undefined)?.blockedUntil ?? 0);
});

interface GlobalChrome {
  chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>>; remove(k: string): Promise<void> } } };
}

/**
 * Rewrites `fetchedAt` as if fetched `ageMs` ago: of cached papers (by id, inside their shards: db.ts) or of list
 * snapshots (by key). Resolves to the number of records changed.
 */
export function ageRows(sw: Worker, store: 'papers' | 'lists', keys: string[], ageMs: number): Promise<number> {
  return sw.evaluate(([kind, keyList, age]) => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('paper-pulse');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const database = open.result;
      const storeName = kind === 'papers' ? 'paperShards' : 'lists';
      const tx = database.transaction(storeName, 'readwrite');
      const os = tx.objectStore(storeName);
      // Papers: one get and one put per shard, with every wanted paper of it changed (two puts would race).
      const groups = new Map<string, string[]>();
      for (const key of keyList) {
        const at = kind === 'papers' ? key.slice(0, 7) : key;
        groups.set(at, [...(groups.get(at) ?? []), key]);
      }
      let changed = 0;
      for (const [at, wanted] of groups) {
        const get = os.get(at);
        get.onsuccess = () => {
          const row = get.result as { fetchedAt: number; papers?: Record<string, { fetchedAt: number }> } | undefined;
          if (!row) return;
          if (kind === 'lists') row.fetchedAt = Date.now() - age;
          for (const id of kind === 'papers' ? wanted : []) {
            const paper = row.papers?.[id];
            if (paper) paper.fetchedAt = Date.now() - age;
          }
          changed += kind === 'papers' ? wanted.filter((id) => row.papers?.[id]).length : 1;
          os.put(row);
        };
      }
      tx.oncomplete = () => (database.close(), resolve(changed));
      tx.onerror = () => (database.close(), reject(tx.error));
    };
  }), [store, keys, ageMs] as const);
}

/** Starts recording the worker's uncaught errors, unhandled rejections and console.error calls. */
export function watchWorkerErrors(sw: Worker): Promise<void> {
  return sw.evaluate(() => {
    const g = globalThis as unknown as { __ppErrors?: string[] };
    if (g.__ppErrors) return;
    const errors: string[] = (g.__ppErrors = []);
    addEventListener('error', (e) => errors.push(`error: ${(e as ErrorEvent).message}`));
    addEventListener('unhandledrejection', (e) => errors.push(`unhandledrejection: ${String((e as PromiseRejectionEvent).reason)}`));
    const original = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      errors.push(`console.error: ${args.map(String).join(' ')}`);
      original(...args);
    };
  });
}

export const workerErrors = (sw: Worker): Promise<string[]> =>
  sw.evaluate(() => [...((globalThis as unknown as { __ppErrors?: string[] }).__ppErrors ?? ['(error watch lost: the worker restarted)'])]);
