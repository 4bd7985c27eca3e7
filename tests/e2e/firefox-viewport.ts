/**
 * `page.setViewport` for Firefox ESR through puppeteer's WebDriver BiDi. Puppeteer 24 sends
 * `emulation.setScreenOrientationOverride` beside `browsingContext.setViewport`; Firefox ESR 140.12 (Debian's, as
 * .ci/run installs it) doesn't know that command and the whole call rejects, though the viewport itself was set. Only
 * that one error is forgiven, and then the viewport is checked, so a real failure still fails.
 */
import type { Page } from 'puppeteer-core';

export async function setFirefoxViewport(page: Page, viewport: { width: number; height: number }): Promise<void> {
  try {
    await page.setViewport(viewport);
  } catch (error) {
    if (!/setScreenOrientationOverride/.test(String(error))) throw error;
    // The rejection can come before the viewport command's own answer: wait for the page to have the size.
    let size: number[] = [];
    for (const stop = Date.now() + 5_000; Date.now() < stop; await new Promise((r) => setTimeout(r, 50))) {
      size = await page.evaluate(() => [innerWidth, innerHeight]);
      if (size[0] === viewport.width && size[1] === viewport.height) return;
    }
    {
      throw new Error(`Firefox viewport: asked ${viewport.width}×${viewport.height}, got ${size.join('×')}`, { cause: error });
    }
  }
}
