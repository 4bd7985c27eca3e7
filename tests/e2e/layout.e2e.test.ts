/**
 * Our UI's geometry on arXiv's pages as arXiv styles them (the fake serves arXiv's own CSS: arxiv-css.ts), in
 * Chromium, at 1280 px, arXiv's 768 px breakpoint and 375 px: the abs and HTML badges start where the title's text
 * starts, the card opens inside the viewport, listing chips keep the id line whole, the controls bar lines up with
 * the list. Screenshots of each at each width land in artifacts/screenshots/layout-chromium-*.png. The same checks
 * run in Firefox (firefox.e2e.test.ts, layout-firefox-*.png).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, shot, type LaunchedExtension } from './browser';
import { expectChipLines, expectInTitleColumn, measureBadge, measureChipLines, VIEWPORT_HEIGHT, WIDTHS, type BadgeGeometry } from './geometry';
import { buildListingData, fixtureIds, serveListingData } from './listing-data';
import { BADGE_PAGES, htmlViewPaper, HTML_VIEW_ID } from './styled-pages';

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
  serveListingData(ext.fake, buildListingData([...fixtureIds('list-new-cs.LG.html'), ...fixtureIds('list-pastweek-cs.LG-show2000.html')]));
  ext.fake.hfOverride(`/api/papers/${HTML_VIEW_ID}`, () => ({ json: htmlViewPaper() }));
});
afterAll(async () => ext?.close());

const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));

/** Opens `url`, waits for the badge's final state, scrolls it to mid-screen and measures it (card opened by focus). */
async function badgeAt(page: Page, url: string, titleSelector: string): Promise<BadgeGeometry> {
  await page.goto(url);
  const host = page.locator('[data-paper-pulse="badge"][data-state]');
  await host.waitFor();
  await host.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  // The offset is set in a ResizeObserver callback (after layout, before paint): one frame at most.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(measureBadge, titleSelector);
}

/** Opens a listing and waits for at least `min` chips. */
async function listingAt(page: Page, url: string, min: number): Promise<void> {
  await page.goto(url);
  await expect.poll(() => page.locator('[data-paper-pulse="chip"]').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(min);
  // Chips now go in while the page parses (the chip index); the controls bar comes with the parsed list, so a page can
  // have its chips before its bar: the geometry below measures both.
  await page.locator('[data-paper-pulse="controls"] .controls').waitFor({ state: 'attached', timeout: 20_000 });
}

describe('abs and HTML badges in the title column (arXiv CSS)', () => {
  test('2026 abs (card), 2025 abs (Save alone) and HTML view (card): badge left = title text left ± 1 px; card in the viewport', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    const log: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
      for (const p of BADGE_PAGES) {
        log.push(expectInTitleColumn(await badgeAt(page, p.url, p.title), `${p.name} at ${width}`, p.card));
        if (p.card) await page.locator('[data-paper-pulse="badge"] a.pill').focus();
        await shot(page, `layout-chromium-${p.name}-${width}`);
      }
    }
    console.info(log.join('\n'));
    expect(ours(errors)).toEqual([]);
    await page.close();
  }, 90_000);

  test('the badge follows a live resize across arXiv\'s 768 px breakpoint (no reload)', async () => {
    const page = await ext.ctx.newPage();
    const [abs] = BADGE_PAGES;
    await page.setViewportSize({ width: 1280, height: VIEWPORT_HEIGHT });
    const wide = await badgeAt(page, abs.url, abs.title);
    expectInTitleColumn(wide, 'before the resize, 1280', abs.card);
    for (const width of [375, 1024]) {
      await page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const g = await page.evaluate(measureBadge, abs.title);
      expectInTitleColumn(g, `resized to ${width}`, abs.card);
      if (width === 375) expect(g.textLeft).not.toBeCloseTo(wide.textLeft, 0); // arXiv's indent did change
    }
    await page.close();
  });

  test('the offset is the page\'s, not a constant: unstyled, the badge follows the unindented title', async () => {
    const page = await ext.ctx.newPage();
    ext.fake.arxivCss = false;
    try {
      const [abs] = BADGE_PAGES;
      const g = await badgeAt(page, abs.url, abs.title);
      expectInTitleColumn(g, 'unstyled abs', abs.card);
      expect(g.textLeft).toBeLessThan(15); // the body's 8 px: no arXiv indent to copy
    } finally {
      ext.fake.arxivCss = true;
    }
    await page.close();
  });
});

describe('listing chips on arXiv\'s id line (arXiv CSS)', () => {
  test('2,000 entries at 768 and 375 px, the new page at 1280, 768, 375 px: a chip never breaks an id line it fits on', async () => {
    const page = await ext.ctx.newPage();
    const log: string[] = [];
    for (const width of [768, 375]) {
      await page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
      await listingAt(page, 'https://arxiv.org/list/cs.LG/pastweek?show=2000', 1000);
      log.push(expectChipLines(await page.evaluate(measureChipLines), `2,000 entries at ${width}`, width));
    }
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
      await listingAt(page, 'https://arxiv.org/list/cs.LG/new', 1);
      log.push(expectChipLines(await page.evaluate(measureChipLines), `new at ${width}`, width));
      await shot(page, `layout-chromium-listing-${width}`);
    }
    console.info(log.join('\n'));
    await page.close();
  }, 90_000);
});
