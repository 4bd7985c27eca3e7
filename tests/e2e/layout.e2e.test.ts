/**
 * Our UI's geometry on arXiv's pages as arXiv styles them (the fake serves arXiv's own CSS: arxiv-css.ts), in
 * Chromium, at 1280 px, arXiv's 768 px breakpoint and 375 px: the abs and HTML badges start where the title's text
 * starts, the card opens inside the viewport, listing chips keep the id line whole, the controls bar lines up with
 * the list. Screenshots of each at each width land in artifacts/screenshots/layout-*.png. Firefox: firefox.e2e.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, shot, type LaunchedExtension } from './browser';
import { measureBadge, measureChipLines, VIEWPORT_HEIGHT, WIDTHS, type BadgeGeometry } from './geometry';
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

function expectInTitleColumn(g: BadgeGeometry, where: string): void {
  expect(Math.abs(g.badgeLeft - g.textLeft), `${where}: badge at ${g.badgeLeft}, title text at ${g.textLeft}`).toBeLessThanOrEqual(1);
  if (!g.card) return;
  expect(g.card.left, `${where}: card left`).toBeGreaterThanOrEqual(0);
  expect(g.card.right, `${where}: card right ${g.card.right} > ${g.viewport.width}`).toBeLessThanOrEqual(g.viewport.width);
  expect(g.card.bottom, `${where}: card bottom`).toBeLessThanOrEqual(g.viewport.height);
}

describe('abs and HTML badges in the title column (arXiv CSS)', () => {
  test('2026 abs (card), 2025 abs (Save alone) and HTML view (card): badge left = title text left ± 1 px; card in the viewport', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    const seen: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
      for (const p of BADGE_PAGES) {
        const g = await badgeAt(page, p.url, p.title);
        seen.push(`${p.name}@${width}: title ${g.textLeft.toFixed(1)} badge ${g.badgeLeft.toFixed(1)}${g.card ? ` card ${g.card.left.toFixed(0)}–${g.card.right.toFixed(0)}` : ''}`);
        expectInTitleColumn(g, `${p.name} at ${width}`);
        expect(g.card !== null, `${p.name}: a card`).toBe(p.card);
        if (p.card) await page.locator('[data-paper-pulse="badge"] a.pill').focus();
        await shot(page, `layout-chromium-${p.name}-${width}`);
      }
    }
    console.info(seen.join('\n'));
    expect(ours(errors)).toEqual([]);
    await page.close();
  }, 90_000);

  test('the offset is the page\'s, not a constant: unstyled, the badge follows the unindented title', async () => {
    const page = await ext.ctx.newPage();
    ext.fake.arxivCss = false;
    try {
      const [abs] = BADGE_PAGES;
      const g = await badgeAt(page, abs.url, abs.title);
      expectInTitleColumn(g, 'unstyled abs');
      expect(g.textLeft).toBeLessThan(15); // the body's 8 px: no arXiv indent to copy
    } finally {
      ext.fake.arxivCss = true;
    }
    await page.close();
  });
});

describe('listing chips on arXiv\'s id line (arXiv CSS)', () => {
  test('2,000-entry page at 768 px: no chip line breaks; the controls bar lines up with the list', async () => {
    const page = await ext.ctx.newPage();
    await page.setViewportSize({ width: 768, height: VIEWPORT_HEIGHT });
    await page.goto('https://arxiv.org/list/cs.LG/pastweek?show=2000');
    await expect.poll(() => page.locator('[data-paper-pulse="chip"]').count(), { timeout: 20_000 }).toBeGreaterThan(1000);
    const lines = await page.evaluate(measureChipLines);
    expect(lines.broken).toEqual([]);
    expect(Math.abs(lines.bar!.left - lines.bar!.listLeft)).toBeLessThanOrEqual(1);
    expect(Math.abs(lines.bar!.right - lines.bar!.listRight)).toBeLessThanOrEqual(1);
    await page.close();
  }, 60_000);

  test('new page at 1280, 768, 375 px and the 2,000-entry page at 375 px: a chip never breaks an id line it fits on', async () => {
    const page = await ext.ctx.newPage();
    const report: string[] = [];
    const check = async (where: string, wide: boolean) => {
      const lines = await page.evaluate(measureChipLines);
      report.push(`${where}: ${lines.chips} chips, ${lines.broken.length} id lines broken, ${lines.brokenByChip.length} by the chip ${JSON.stringify(lines.brokenByChip)}`);
      // From 768 px up every id line with a chip is whole. At 375 px arXiv's own lines break (cross-lists, 4-digit
      // item numbers: ~20 % of them); a chip may only break one that has less room left than a chip takes.
      if (wide) expect(lines.broken, where).toEqual([]);
      for (const b of lines.brokenByChip) expect(b.room, `${where} ${b.id}`).toBeLessThan(b.chipWidth);
      expect(Math.abs(lines.bar!.left - lines.bar!.listLeft), `${where}: bar`).toBeLessThanOrEqual(1);
    };
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: VIEWPORT_HEIGHT });
      await page.goto('https://arxiv.org/list/cs.LG/new');
      await expect.poll(() => page.locator('[data-paper-pulse="chip"]').count()).toBeGreaterThan(0);
      await check(`new at ${width}`, width >= 768);
      await shot(page, `layout-chromium-listing-${width}`);
    }
    await page.goto('https://arxiv.org/list/cs.LG/pastweek?show=2000');
    await expect.poll(() => page.locator('[data-paper-pulse="chip"]').count(), { timeout: 20_000 }).toBeGreaterThan(1000);
    await check('2,000 entries at 375', false);
    console.info(report.join('\n'));
    await page.close();
  }, 90_000);
});
