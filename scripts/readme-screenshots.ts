/**
 * `npm run screenshots`: regenerates the README's images in .github/ from the same styled pages the E2E suite
 * measures — the built extension in Debian Chromium against the fake arxiv.org/huggingface.co (tests/e2e), which
 * serves arXiv's own CSS (tests/e2e/arxiv-css.ts). Needs `npm run build` first.
 *
 * Coherent data only (tests/e2e/styled-pages.ts): the abs page is 2608.19880's own page and its card is HF's record
 * of that paper; the popup lists the same day (2026-08-21), where that paper is #1; the listing's chips come from the
 * listing test data. Light and dark where the page has both: the popup. arXiv's abs and listing pages have no dark
 * theme, so they are shown light.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, openPopup } from '../tests/e2e/browser';
import { buildListingData, fixtureIds, serveListingData } from '../tests/e2e/listing-data';
import { ABS_PAPER_ID } from '../tests/e2e/styled-pages';

const OUT = path.resolve('.github');

/** Screenshot of the box spanning `from`'s top to `to`'s bottom (plus `pad`), `width` wide from the left edge. */
async function clipShot(page: Page, file: string, from: string, to: string, width: number, pad = 12): Promise<void> {
  const top = await page.locator(from).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const bottom = await page.locator(to).first().evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
  await page.screenshot({ path: path.join(OUT, file), clip: { x: 0, y: Math.max(0, top - pad), width, height: bottom - top + 2 * pad } });
  console.log(`wrote .github/${file}`);
}

const ext = await launchExtension();
try {
  serveListingData(ext.fake, buildListingData(fixtureIds('list-new-cs.LG.html')));
  const page = await ext.ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });

  // Abs page: the dateline to the end of the abstract, the left column only (the sidebar is arXiv's, not ours).
  await page.goto(`https://arxiv.org/abs/${ABS_PAPER_ID}`);
  await page.locator('[data-paper-pulse="badge"][data-upvotes]').waitFor();
  await page.locator('[data-paper-pulse="badge"] a.pill').hover(); // opens the card, without a focus ring
  const column = await page.locator('.leftcolumn').evaluate((el) => Math.ceil(el.getBoundingClientRect().right));
  await clipShot(page, 'badge.png', '#abs .dateline', '#abs blockquote.abstract', column, 6);

  // Listing: the page heading, the controls bar and the first entries with their chips.
  await page.mouse.move(0, 0);
  await page.goto('https://arxiv.org/list/cs.LG/new');
  await page.locator('[data-paper-pulse="chip"]').first().waitFor();
  await clipShot(page, 'listing.png', '#dlpage > h1', '#dlpage dl dd:nth-of-type(3)', 1280);

  // Popup: today's Daily Papers (2026-08-21), light and dark.
  const popup = await openPopup(ext.ctx, ext.extId);
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.locator('[data-arxiv-id]').first().waitFor();
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    const file = scheme === 'light' ? 'popup.png' : 'popup-dark.png';
    await popup.screenshot({ path: path.join(OUT, file) });
    console.log(`wrote .github/${file}`);
  }
} finally {
  await ext.close();
}
