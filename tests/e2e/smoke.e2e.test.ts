/**
 * Smoke test of the E2E rig itself, independent of the extension's UI: Chromium starts with an extension, the fake
 * server answers arxiv.org page loads and huggingface.co fetches from the service worker over pinned TLS.
 *
 * It uses dist/chrome when a build exists. Otherwise (the product may not build yet) it loads a throwaway minimal MV3
 * extension, so a failure here always means the rig is broken, not the product.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, type LaunchedExtension } from './browser';

let launched: LaunchedExtension | undefined;
let throwawayExt: string | undefined;

/** The smallest MV3 extension with a worker and the host permissions the product has. */
function buildThrowawayExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-e2e-minimal-ext-'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3,
    name: 'Paper Pulse E2E smoke stand-in',
    version: '0.0.1',
    background: { service_worker: 'sw.js' },
    host_permissions: ['https://arxiv.org/*', 'https://*.arxiv.org/*', 'https://huggingface.co/*'],
  }));
  writeFileSync(path.join(dir, 'sw.js'), '// Intentionally empty: the smoke test only needs a running worker.\n');
  return dir;
}

beforeAll(async () => {
  if (!existsSync('dist/chrome/manifest.json')) throwawayExt = buildThrowawayExtension();
  launched = await launchExtension(throwawayExt ? { ext: throwawayExt } : {});
});

afterAll(async () => {
  await launched?.close();
  if (throwawayExt) rmSync(throwawayExt, { recursive: true, force: true });
});

test('fake arXiv page loads in the browser and the worker fetches the fake HF API', async () => {
  const { ctx, sw, extId, fake } = launched!;
  expect(extId).toMatch(/^[a-p]{32}$/);

  const page = await ctx.newPage();
  await page.goto('https://arxiv.org/abs/2101.04792v2');
  expect(await page.title()).toContain('2101.04792');
  expect(fake.log).toContainEqual(expect.objectContaining({ host: 'arxiv.org', method: 'GET', url: '/abs/2101.04792v2' }));

  const since = Date.now();
  const items = await sw.evaluate(() =>
    fetch('https://huggingface.co/api/daily_papers?date=2026-08-21').then((r) => r.json() as Promise<unknown[]>));
  expect(items).toHaveLength(17);
  expect(fake.hfRequests(since)).toContainEqual(
    expect.objectContaining({ method: 'GET', url: '/api/daily_papers?date=2026-08-21' }));

  await page.close();
});
