/**
 * The optional HF access token: kept in the worker's IndexedDB (`meta`), which only extension pages and the worker
 * can open — never in extension storage, which content scripts on arxiv.org can read. The options page sets and
 * removes it through the protocol (content scripts may not call these methods: messages.ts `isAllowed`) and is only
 * told whether one is set, never the value.
 */
import browser from 'webextension-polyfill';
import { db } from '../db';

const KEY = 'hfToken';
/** Where earlier releases kept it (extension storage): moved on first use, then removed. */
const LEGACY_LOCAL_KEY = 'hfToken';

let cached: Promise<string | undefined> | undefined;

async function load(): Promise<string | undefined> {
  const database = await db();
  const legacy = String((await browser.storage.local.get({ [LEGACY_LOCAL_KEY]: '' }))[LEGACY_LOCAL_KEY] ?? '');
  if (legacy) {
    await database.put('meta', legacy, KEY);
    await browser.storage.local.remove(LEGACY_LOCAL_KEY);
    return legacy;
  }
  const stored = await database.get('meta', KEY);
  return typeof stored === 'string' && stored ? stored : undefined;
}

/** For the HF client's Authorization header. */
export function hfToken(): Promise<string | undefined> {
  cached ??= load().catch(() => {
    cached = undefined;
    return undefined;
  });
  return cached;
}

/** Sets (or with '' removes) the token; answers whether one is set now. */
export async function setHfToken(raw: unknown): Promise<{ set: boolean }> {
  const token = typeof raw === 'string' ? raw.trim() : '';
  if (token.length > 200 || /\s/.test(token)) throw new Error('That does not look like a Hugging Face token (one word, hf_…).');
  const database = await db();
  await hfToken(); // a legacy copy is moved first, so it can't come back after a removal
  if (token) await database.put('meta', token, KEY);
  else await database.delete('meta', KEY);
  cached = Promise.resolve(token || undefined);
  return { set: token !== '' };
}

export async function hfTokenState(): Promise<{ set: boolean }> {
  return { set: (await hfToken()) !== undefined };
}
