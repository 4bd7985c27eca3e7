/**
 * The shipped build and the optional sites (issue 15): it has no access to them until asked, so their pages stay
 * exactly as they are and no content script is registered; the options page's "Enable on …" button asks the browser.
 * Chromium's prompt can't be answered headless (other-sites.md §7), so the granted side is other-sites.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPTIONAL_SITES } from '../../src/shared/other-sites';
import { collectErrors, launchExtension, shot, type LaunchedExtension } from './browser';

declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  permissions: { contains(p: object): Promise<boolean> };
};

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 8_000 });

describe('optional sites before they are enabled', () => {
  test('no access, no script, the pages unmarked; each site has its Enable button, which asks the browser', async () => {
    for (const site of OPTIONAL_SITES) {
      expect(await ext.sw.evaluate((origins) => chrome.permissions.contains({ origins }), site.origins)).toBe(false);
    }
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto('https://scholar.google.com/scholar?q=agent+environments');
    await page.locator('.gs_r').first().waitFor();
    const alpha = await ext.ctx.newPage();
    await alpha.goto('https://www.alphaxiv.org/abs/2608.19880');
    await alpha.locator('h1').waitFor();

    const options = await ext.ctx.newPage();
    await options.goto(`chrome-extension://${ext.extId}/options.html#other-sites`);
    for (const site of OPTIONAL_SITES) {
      const row = options.getByTestId(`site-${site.key}`);
      await eventually(() => row.getAttribute('data-granted')).toBe('false');
      expect(await row.getByTestId('site-enable').textContent()).toBe(`Enable on ${site.name}`);
      expect(await row.getByTestId('site-switch').count()).toBe(0);
    }
    expect(await options.getByTestId('site-openreview').locator('.hint').nth(1).textContent())
      .toBe('Asks your browser for access to https://openreview.net; nothing is sent there.');
    await options.locator('#other-sites').scrollIntoViewIfNeeded();
    await shot(options, 'other-sites-options-not-granted');
    // The click asks the browser; its prompt stays open headless, so the button says it is waiting.
    const scholar = options.getByTestId('site-scholar');
    await scholar.getByTestId('site-enable').click();
    await eventually(() => scholar.getByTestId('site-enable').textContent()).toBe('Waiting for your browser’s answer…');
    expect(await scholar.getByTestId('site-enable').isDisabled()).toBe(true);

    // Meanwhile, and after all that time, nothing of ours on either page and nothing registered.
    await page.waitForTimeout(500);
    expect(await page.locator('[data-paper-pulse]').count()).toBe(0);
    expect(await alpha.locator('[data-paper-pulse]').count()).toBe(0);
    expect(await ext.sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    expect(errors.filter((e) => e.includes('Paper Pulse') || e.includes('chrome-extension://'))).toEqual([]);
  });
});
