/**
 * Firefox smoke test: Debian's firefox-esr with the built Firefox extension, driven by puppeteer-core over WebDriver
 * BiDi (Playwright's firefox needs its patched build: ../shared/docs/e2e-in-a-real-browser.md §14).
 *
 * The fake server listens on :443 (firefox-browser.ts says why), which needs root or CAP_NET_BIND_SERVICE.
 *
 * When the browser or the port is unavailable the test is skipped with the reason printed — never a silent pass.
 *
 * The layout checks of layout.e2e.test.ts run here too (same launch): Gecko lays out arXiv's CSS and our shadow roots
 * on its own, so the badge's title-column offset and the chip lines are measured in both engines.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { SCREENSHOT_DIR } from './browser';
import { FIREFOX, launchFirefox } from './firefox-browser';
import { startFakeServer, type FakeServer } from './fake-server';
import { setFirefoxViewport } from './firefox-viewport';
import { expectChipLines, expectInTitleColumn, measureBadge, measureChipLines, VIEWPORT_HEIGHT, WIDTHS } from './geometry';
import { buildListingData, fixtureIds, serveListingData } from './listing-data';
import { BADGE_PAGES, htmlViewPaper, HTML_VIEW_ID } from './styled-pages';

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
  browser = await launchFirefox();
  await browser.installExtension(extDir);
  serveListingData(fake, buildListingData([...fixtureIds('list-new-cs.LG.html'), ...fixtureIds('list-pastweek-cs.LG-show2000.html')]));
  fake.hfOverride(`/api/papers/${HTML_VIEW_ID}`, () => ({ json: htmlViewPaper() }));
}, 60_000);

/** Like browser.ts `shot()`, for a Puppeteer page. */
async function shotFirefox(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) as `${string}.png` });
}

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

  test('layout: badge left = title text left ± 1 px (2026 abs, 2025 abs, HTML view) at 1280, 768, 375 px; card in the viewport', async (ctx) => {
    if (skipReason) {
      ctx.skip();
      return;
    }
    const page = await browser!.newPage();
    const log: string[] = [];
    for (const width of WIDTHS) {
      await setFirefoxViewport(page, { width, height: VIEWPORT_HEIGHT });
      for (const p of BADGE_PAGES) {
        await page.goto(p.url);
        const host = await page.waitForSelector('[data-paper-pulse="badge"][data-state]', { timeout: 20_000 });
        await host!.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        log.push(expectInTitleColumn(await page.evaluate(measureBadge, p.title), `${p.name} at ${width}`, p.card));
        if (p.card) await host!.evaluate((el) => el.shadowRoot!.querySelector<HTMLElement>('a.pill')!.focus());
        await shotFirefox(page, `layout-firefox-${p.name}-${width}`);
      }
    }
    console.info(log.join('\n'));
    await page.close();
  }, 90_000);

  test('layout: listing chips keep the id line whole (2,000 entries at 768 px; new page at 1280, 768, 375 px)', async (ctx) => {
    if (skipReason) {
      ctx.skip();
      return;
    }
    const page = await browser!.newPage();
    const listingAt = async (url: string, min: number) => {
      await page.goto(url);
      await page.waitForFunction((n) => document.querySelectorAll('[data-paper-pulse="chip"]').length >= n, { timeout: 30_000 }, min);
      // Chips can be in before the controls bar (they go in while the page parses): the geometry measures both.
      await page.waitForFunction(() => document.querySelector('[data-paper-pulse="controls"]')?.shadowRoot?.querySelector('.controls'), { timeout: 30_000 });
    };
    const log: string[] = [];
    await setFirefoxViewport(page, { width: 768, height: VIEWPORT_HEIGHT });
    await listingAt('https://arxiv.org/list/cs.LG/pastweek?show=2000', 1000);
    log.push(expectChipLines(await page.evaluate(measureChipLines), '2,000 entries at 768', 768));
    for (const width of WIDTHS) {
      await setFirefoxViewport(page, { width, height: VIEWPORT_HEIGHT });
      await listingAt('https://arxiv.org/list/cs.LG/new', 1);
      log.push(expectChipLines(await page.evaluate(measureChipLines), `new at ${width}`, width));
      await shotFirefox(page, `layout-firefox-listing-${width}`);
    }
    console.info(log.join('\n'));
    await page.close();
  }, 90_000);
});
