/**
 * The HF token lives in the worker's IndexedDB, never in extension storage (content scripts can read that). A token
 * an earlier release left in storage.local moves over on first use and is gone from there.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

const TOKEN = 'hf_unitTestToken0123456789';

beforeEach(async () => {
  fakeBrowser.reset();
  vi.resetModules();
  const { db } = await import('../../src/background/db');
  await (await db()).delete('meta', 'hfToken');
});

describe('HF token', () => {
  test('set, read by the client, removed; never in extension storage', async () => {
    const token = await import('../../src/background/hf/token');
    expect(await token.hfTokenState()).toEqual({ set: false });
    expect(await token.setHfToken(`  ${TOKEN} `)).toEqual({ set: true });
    expect(await token.hfToken()).toBe(TOKEN);
    expect(JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.sync.get(null)])).not.toContain(TOKEN);
    vi.resetModules(); // a restarted worker reads it back from IndexedDB
    expect(await (await import('../../src/background/hf/token')).hfToken()).toBe(TOKEN);
    const again = await import('../../src/background/hf/token');
    expect(await again.setHfToken('')).toEqual({ set: false });
    expect(await again.hfToken()).toBeUndefined();
    await expect(again.setHfToken('hf_a b')).rejects.toThrow(/Hugging Face token/);
  });

  test('a token an earlier release kept in storage.local moves to IndexedDB and leaves storage.local', async () => {
    await fakeBrowser.storage.local.set({ hfToken: TOKEN });
    const token = await import('../../src/background/hf/token');
    expect(await token.hfToken()).toBe(TOKEN);
    expect(await fakeBrowser.storage.local.get('hfToken')).toEqual({});
    const { db } = await import('../../src/background/db');
    expect(await (await db()).get('meta', 'hfToken')).toBe(TOKEN);
  });

  test('removing it right after an upgrade does not let the old copy come back', async () => {
    await fakeBrowser.storage.local.set({ hfToken: TOKEN });
    const token = await import('../../src/background/hf/token');
    await token.setHfToken('');
    vi.resetModules();
    expect(await (await import('../../src/background/hf/token')).hfToken()).toBeUndefined();
  });
});
