/**
 * `npm run store-assets` (after `npm run build`): the store images, committed in store/images/:
 * - screenshots/1280x800/{1-badge,2-listing,3-popup,4-reading-list}.png — full-bleed 1280×800, what the Chrome Web
 *   Store, Edge Add-ons and AMO ask for;
 * - promo-440x280.png — the Chrome Web Store's small promo tile.
 * `npm run store-assets` then runs scripts/readme-screenshots.ts, so the README's images come from the same run, with
 * the same rig and data: the built extension in Debian
 * Chromium on the fake arxiv.org/huggingface.co, which serve arXiv's own CSS and coherent data
 * (tests/e2e/styled-pages.ts): the abs page is 2608.19880's, its card is HF's record of it.
 * The popup shot shows the real popup (400×600) where Chrome opens it, over the arXiv page it describes; the
 * composing is done on a copy of that page's screenshot, never on the page itself.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchExtension, openPopup, tabIdOf } from '../tests/e2e/browser';
import { buildListingData, fixtureIds, serveListingData } from '../tests/e2e/listing-data';
import { ABS_PAPER_ID } from '../tests/e2e/styled-pages';

export const STORE_IMAGES = path.resolve('store/images');
export const SCREENSHOT_SIZE = { width: 1280, height: 800 };
export const PROMO_SIZE = { width: 440, height: 280 };
const SHOTS = path.join(STORE_IMAGES, 'screenshots/1280x800');

const png = (buffer: Buffer) => `data:image/png;base64,${buffer.toString('base64')}`;

/** A page showing `background` full-bleed with `popup` where Chrome draws an action popup (under the toolbar, right). */
async function composePopupOver(ctx: BrowserContext, background: Buffer, popup: Buffer, file: string): Promise<void> {
  const page = await ctx.newPage();
  await page.setViewportSize(SCREENSHOT_SIZE);
  await page.setContent(`<!doctype html><style>
    html, body { margin: 0; width: 1280px; height: 800px; overflow: hidden; }
    .bg { position: absolute; inset: 0; }
    .popup { position: absolute; top: 8px; right: 24px; border-radius: 8px; box-shadow: 0 8px 28px rgb(0 0 0 / .35); }
  </style><img class="bg" src="${png(background)}"><img class="popup" src="${png(popup)}">`);
  await page.screenshot({ path: path.join(SHOTS, file) });
  await page.close();
  console.log(`wrote ${path.relative(process.cwd(), path.join(SHOTS, file))}`);
}

/**
 * Scrolls `selector` near the top: the fake arXiv has no logo images or banner script, so arXiv's site header would
 * show broken; the paper and the listing are what the shots are about.
 */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 12));
}

async function viewportShot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, file) });
  console.log(`wrote ${path.relative(process.cwd(), path.join(SHOTS, file))}`);
}

/** The small promo tile: icon, name, what it does, and the badge as it looks on arXiv. */
async function promoTile(ctx: BrowserContext): Promise<void> {
  const icon = readFileSync(path.resolve('icons/128.png'));
  const page = await ctx.newPage();
  await page.setViewportSize(PROMO_SIZE);
  await page.setContent(`<!doctype html><style>
    html, body { margin: 0; width: 440px; height: 280px; overflow: hidden; }
    body { font-family: system-ui, "Liberation Sans", sans-serif; background: linear-gradient(135deg, #fff8ec, #fde7c2);
      color: #1f2328; display: grid; place-content: center; gap: 14px; text-align: center; }
    .name { display: flex; align-items: center; justify-content: center; gap: 12px; font-size: 34px; font-weight: 700; }
    .name img { width: 56px; height: 56px; }
    .tag { font-size: 17px; color: #3d444d; }
    .pill { justify-self: center; border: 1px solid #f5c27a; background: #fff; border-radius: 999px; padding: 5px 14px;
      font-size: 17px; font-weight: 700; color: #b45309; }
  </style><div class="name"><img src="${png(icon)}" alt="">Paper Pulse</div>
  <div class="tag">Hugging Face Papers' signal on arXiv</div>
  <div class="pill">▲ 163 · #1 on 2026-08-21</div>`);
  await page.screenshot({ path: path.join(STORE_IMAGES, 'promo-440x280.png') });
  await page.close();
  console.log('wrote store/images/promo-440x280.png');
}

async function main(): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const ext = await launchExtension();
  try {
    serveListingData(ext.fake, buildListingData(fixtureIds('list-new-cs.LG.html')));
    const page = await ext.ctx.newPage();
    await page.setViewportSize(SCREENSHOT_SIZE);

    // 1. The badge on the abs page, its card open (hovered, so no focus ring).
    await page.goto(`https://arxiv.org/abs/${ABS_PAPER_ID}`);
    await page.locator('[data-paper-pulse="badge"][data-upvotes]').waitFor();
    await scrollTo(page, '#abs .dateline');
    await page.locator('[data-paper-pulse="badge"] a.pill').hover();
    await page.waitForTimeout(300); // the card's fade-in
    await viewportShot(page, '1-badge.png');

    // 3 (background first). The same abs page without the card, then the popup describing it.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    const absShot = await page.screenshot();
    const popup = await openPopup(ext.ctx, ext.extId, await tabIdOf(ext.sw, `https://arxiv.org/abs/${ABS_PAPER_ID}*`));
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.locator('.card .stats').waitFor();
    await popup.locator('#related-heading').waitFor().catch(() => undefined);
    await composePopupOver(ext.ctx, absShot, await popup.screenshot(), '3-popup.png');

    // 2. Chips and the sort/filter bar on a listing.
    await page.goto('https://arxiv.org/list/cs.LG/new');
    await page.locator('[data-paper-pulse="chip"]').first().waitFor();
    await scrollTo(page, '#dlpage > h1');
    await viewportShot(page, '2-listing.png');

    // 4. The reading list in the full-page view: four of today's papers saved from the popup, one being read.
    await popup.goto(`chrome-extension://${ext.extId}/popup.html`);
    await popup.getByRole('tab', { name: 'Trending', exact: true }).waitFor().catch(() => undefined);
    const stars = popup.getByTestId('list-save');
    await stars.first().waitFor();
    for (let i = 0; i < 4; i++) {
      await stars.nth(i).click();
      await popup.waitForFunction((n) => document.querySelectorAll('[data-testid="list-save"][aria-pressed="true"]').length > n, i);
    }
    const full = await ext.ctx.newPage();
    await full.setViewportSize(SCREENSHOT_SIZE);
    await full.goto(`chrome-extension://${ext.extId}/popup.html?view=reading-list&full=1`);
    await full.getByTestId('reading-list').locator('li').nth(3).waitFor();
    await full.getByTestId('reading-list').locator('li').first().locator('select').first().selectOption('reading');
    await full.waitForTimeout(300);
    await viewportShot(full, '4-reading-list.png');

    await promoTile(ext.ctx);
  } finally {
    await ext.close();
  }
}

if (process.argv[1]?.endsWith('store-assets.ts')) await main();
