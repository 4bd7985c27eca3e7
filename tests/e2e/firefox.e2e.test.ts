/**
 * Firefox smoke test: Debian's firefox-esr with the built Firefox extension, driven by puppeteer-core over WebDriver
 * BiDi (Playwright's firefox needs its patched build: ../shared/docs/e2e-in-a-real-browser.md §14).
 *
 * Firefox has no per-host:port resolver map, so `network.dns.forceResolve` sends EVERY host to 127.0.0.1 and the
 * fake server must listen on :443 (needs root or CAP_NET_BIND_SERVICE). The fake's certificate is accepted through
 * `acceptInsecureCerts`, which in Firefox also covers the extension's background fetch.
 *
 * When the browser or the port is unavailable the test is skipped with the reason printed — never a silent pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { startFakeServer, type FakeServer } from './fake-server';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const extDir = path.resolve(`${process.env.PP_DIST ?? 'dist'}/firefox`);

type DailyItem = { paper: { id: string; upvotes: number } };
// An older day's paper: not in the prefetched "today" list, so the badge needs the worker's `papers/{id}` request.
const known = (JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2025-06-02.json'), 'utf8')) as DailyItem[])[1]!;

let skipReason: string | undefined;
let fake: FakeServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(FIREFOX)) {
    skipReason = `${FIREFOX} not installed (apt-get install -y firefox-esr; .ci/run does this)`;
    return;
  }
  if (!existsSync(path.join(extDir, 'manifest.json'))) throw new Error(`No Firefox build at ${extDir}: run npm run build`);
  try {
    fake = await startFakeServer({ port: 443 });
  } catch (error) {
    skipReason = `cannot listen on :443 for the Firefox fake server (${(error as Error).message}); run as root or grant CAP_NET_BIND_SERVICE`;
    return;
  }
  const puppeteer = (await import('puppeteer-core')).default;
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      // Firefox's own background traffic would otherwise also reach the fake (harmless, but noise in the log).
      'app.update.enabled': false,
      'browser.safebrowsing.downloads.remote.enabled': false,
      'extensions.getAddons.cache.enabled': false,
    },
  });
  await browser.installExtension(extDir);
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await fake?.close();
});

describe('Firefox ESR', () => {
  test('the abs page badge shows the paper\'s upvotes', async (ctx) => {
    if (skipReason) {
      console.warn(`SKIPPED Firefox smoke: ${skipReason}`);
      ctx.skip();
      return;
    }
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`https://arxiv.org/abs/${known.paper.id}v1`);
    const host = await page.waitForSelector(`[data-paper-pulse="badge"][data-upvotes]`, { timeout: 20_000 });
    expect(await host!.evaluate((el) => (el as HTMLElement).dataset.upvotes)).toBe(String(known.paper.upvotes));
    expect(await host!.evaluate((el) => el.getAttribute('data-arxiv-id'))).toBe(known.paper.id);
    expect(await host!.evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain(`▲ ${known.paper.upvotes}`);
    // The worker (Firefox: an event page) really asked the fake HF.
    expect(fake!.hfRequests().some((r) => r.url === `/api/papers/${known.paper.id}`)).toBe(true);
    expect(errors.filter((e) => e.includes('moz-extension://') || e.includes('Paper Pulse'))).toEqual([]);
    await page.close();
  }, 45_000);

  test('reading list: Save on the abs badge, then the saved mark on a listing (storage mirror, in Firefox)', async (ctx) => {
    if (skipReason) {
      ctx.skip();
      return;
    }
    const page = await browser!.newPage();
    await page.goto('https://arxiv.org/abs/2606.27003');
    const host = await page.waitForSelector('[data-paper-pulse="badge"][data-saved="false"]', { timeout: 20_000 });
    await host!.evaluate((el) => (el.shadowRoot!.querySelector('button.save') as HTMLButtonElement).click());
    await page.waitForSelector('[data-paper-pulse="badge"][data-saved="true"]', { timeout: 10_000 });
    const listing = await browser!.newPage();
    await listing.goto('https://arxiv.org/list/cs.LG/new');
    await listing.waitForSelector('[data-paper-pulse="saved"][data-arxiv-id="2606.27003"]', { timeout: 20_000 });
    expect(await listing.evaluate(() => document.querySelectorAll('[data-paper-pulse="saved"]').length)).toBe(1);
    await listing.close();
    await page.close();
  }, 60_000);
});
