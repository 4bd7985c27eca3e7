/**
 * Phone width (Firefox for Android, issue 16): the popup and the options page at 375×700, in Chromium's mobile
 * emulation (Playwright's isMobile + hasTouch: a 375 px screen and viewport) and in Firefox ESR (viewport + a coarse, hover-less primary
 * pointer through its `ui.primaryPointerCapabilities` pref) — the two signals src/popup/phone.ts reads. Nothing may stick out sideways or need
 * horizontal scrolling, and each view's main controls must be on screen. Screenshots: artifacts/screenshots/phone-*.png.
 *
 * Firefox: same rig as firefox.e2e.test.ts (fake server on :443, every host resolved to it); the extension's
 * moz-extension UUID is fixed through `extensions.webextensions.uuids` so its pages have a known address.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, SCREENSHOT_DIR, shot, tabIdOf, type LaunchedExtension } from './browser';
import { FIREFOX, launchFirefox } from './firefox-browser';
import { startFakeServer, type FakeServer } from './fake-server';
import { setFirefoxViewport } from './firefox-viewport';

const PHONE = { width: 375, height: 700 };
const GECKO_ID = 'paper-pulse@paper-pulse.dev';
const FIREFOX_UUID = '3c6f2a5e-8d1b-4c7e-9f00-16a0d0e0c375';
/** The top paper of the fake's latest Daily Papers list (2026-08-21): its abs page gives the popup's "This paper" view. */
const PAPER = '2608.19880';

/** What sticks out of the viewport sideways: the page's scroll width and the visible elements past either edge. */
function sideways(): { scrollWidth: number; innerWidth: number; outside: string[] } {
  const outside: string[] = [];
  for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    // Inside a horizontally scrolling strip (the view tabs) is fine: that strip itself must fit.
    if (el.parentElement?.closest('.tabs')) continue;
    if (r.right > innerWidth + 1 || r.left < -1) outside.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, outside: outside.slice(0, 10) };
}

function expectFits(layout: { scrollWidth: number; innerWidth: number; outside: string[] }, what: string): void {
  expect(layout.innerWidth, `${what}: viewport`).toBe(PHONE.width);
  expect(layout.outside, `${what}: elements past the edges`).toEqual([]);
  expect(layout.scrollWidth, `${what}: horizontal scroll`).toBeLessThanOrEqual(PHONE.width);
}

describe('Chromium, mobile emulation at 375×700', () => {
  let ext: LaunchedExtension;
  beforeAll(async () => {
    // Playwright's own mobile emulation: it keeps the metrics across clicks (a CDP override of ours didn't).
    ext = await launchExtension({ emulate: { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } });
  });
  afterAll(async () => ext?.close());

  async function phonePage(url: string): Promise<Page> {
    const page = await ext.ctx.newPage();
    await page.goto(url);
    return page;
  }

  test('popup: every view fits the phone width, with its controls on screen', async () => {
    const abs = await ext.ctx.newPage();
    await abs.goto(`https://arxiv.org/abs/${PAPER}`);
    const tabId = await tabIdOf(ext.sw, `https://arxiv.org/abs/${PAPER}*`);
    const popup = await phonePage(`chrome-extension://${ext.extId}/popup.html?tab=${tabId}`);
    const errors = collectErrors(popup);
    expect(await popup.evaluate(() => document.body.classList.contains('phone'))).toBe(true);

    await popup.getByRole('tab', { name: 'This paper' }).waitFor({ timeout: 10_000 });
    await popup.locator('.card .stats').waitFor({ timeout: 10_000 });
    expectFits(await popup.evaluate(sideways), 'This paper');
    await shot(popup, 'phone-chromium-popup-paper');

    await popup.getByRole('tab', { name: 'Trending', exact: true }).click();
    const firstRow = popup.getByTestId('list').locator('li').first();
    await firstRow.waitFor({ timeout: 10_000 });
    expectFits(await popup.evaluate(sideways), 'Trending');
    // The save star of a row is reachable (on screen, tappable) at this width.
    const star = firstRow.getByTestId('list-save');
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    await shot(popup, 'phone-chromium-popup-trending');

    await popup.getByRole('tab', { name: 'Reading list' }).click();
    await popup.getByTestId('reading-list').locator('li').first().waitFor({ timeout: 10_000 });
    expectFits(await popup.evaluate(sideways), 'Reading list');
    await shot(popup, 'phone-chromium-popup-reading-list');

    await popup.getByRole('tab', { name: 'Digest' }).click();
    await popup.getByTestId('digest-settings').waitFor({ state: 'attached' });
    expectFits(await popup.evaluate(sideways), 'Digest');
    await shot(popup, 'phone-chromium-popup-digest');
    expect(errors).toEqual([]);
    await Promise.all([popup.close(), abs.close()]);
  });

  test('options page fits the phone width', async () => {
    const options = await phonePage(`chrome-extension://${ext.extId}/options.html`);
    const errors = collectErrors(options);
    await options.getByRole('heading', { name: 'What is sent where' }).waitFor({ timeout: 10_000 });
    expectFits(await options.evaluate(sideways), 'options');
    await options.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-chromium-options-full.png'), fullPage: true });
    await shot(options, 'phone-chromium-options');
    expect(errors).toEqual([]);
    await options.close();
  });
});

describe('Firefox ESR at 375×700 with a coarse pointer', () => {
  let skipReason: string | undefined;
  let fake: FakeServer | undefined;
  let browser: FirefoxBrowser | undefined;

  beforeAll(async () => {
    if (!existsSync(FIREFOX)) {
      skipReason = `${FIREFOX} not installed`;
      return;
    }
    // :443 may be briefly held by another run's Firefox test on a shared machine: wait for it a while, then skip.
    for (let attempt = 0; !fake; attempt++) {
      try {
        fake = await startFakeServer({ port: 443 });
      } catch (error) {
        if (attempt === 30) {
          skipReason = `cannot listen on :443 (${(error as Error).message})`;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
    browser = await launchFirefox({
      // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access.
      args: ['--remote-allow-system-access'],
      prefs: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        // A phone's pointer: coarse, no hover (bit 0x01 coarse, 0x02 fine, 0x04 hover).
        'ui.primaryPointerCapabilities': 1,
        'ui.allPointerCapabilities': 1,
      },
    });
    await browser.installExtension(path.resolve(`${process.env.PP_DIST ?? 'dist'}/firefox`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await fake?.close();
  });

  async function phonePage(url: string): Promise<FirefoxPage> {
    const page = await browser!.newPage();
    await setFirefoxViewport(page, PHONE);
    await open(page, url);
    return page;
  }

  /**
   * Firefox loads a moz-extension:// page but puppeteer's BiDi navigation never reports it done (it times out on an
   * about:blank URL), so: start the navigation, ignore its outcome, poll until the document is the page. Polled by
   * hand: an evaluation that lands while the old document is torn down fails, and must just be asked again.
   */
  async function open(page: FirefoxPage, url: string): Promise<void> {
    void page.goto(url, { timeout: 3_000 }).catch(() => undefined);
    const deadline = Date.now() + 15_000;
    while (!(await page.evaluate((u) => location.href === u && document.readyState !== 'loading', url).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`${url} did not open in Firefox`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function firefoxShot(page: FirefoxPage, name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) as `${string}.png` });
  }

  test('popup (Trending, Reading list, Digest) and options page fit', async (ctx) => {
    if (skipReason) {
      console.warn(`SKIPPED Firefox phone width: ${skipReason}`);
      ctx.skip();
      return;
    }
    const popup = await phonePage(`moz-extension://${FIREFOX_UUID}/popup.html`);
    // Firefox's screen stays desktop-sized here: the coarse pointer alone makes it a phone. Polled: the popup's module
    // script (which sets the class) runs after readyState is already "interactive", where phonePage() stops waiting.
    await expect.poll(() => popup.evaluate(() => [matchMedia('(hover: none) and (pointer: coarse)').matches, screen.width < 600, document.body.classList.contains('phone')]))
      .toEqual([true, false, true]);
    await popup.waitForSelector('[data-testid="list"] li', { timeout: 20_000 });
    expectFits(await popup.evaluate(sideways), 'Firefox Trending');
    await firefoxShot(popup, 'phone-firefox-popup-trending');
    for (const [view, ready] of [['reading-list', '.rl-tools'], ['digest', '[data-testid="digest-settings"]']] as const) {
      await open(popup, `moz-extension://${FIREFOX_UUID}/popup.html?view=${view}`);
      await popup.waitForSelector(ready, { timeout: 10_000 });
      expectFits(await popup.evaluate(sideways), `Firefox ${view}`);
      await firefoxShot(popup, `phone-firefox-popup-${view}`);
    }
    await popup.close();

    const options = await phonePage(`moz-extension://${FIREFOX_UUID}/options.html`);
    await options.waitForSelector('table', { timeout: 10_000 });
    expectFits(await options.evaluate(sideways), 'Firefox options');
    await firefoxShot(options, 'phone-firefox-options');
    await options.close();
  }, 90_000);
});
