/**
 * Foundation, end to end in Chromium: abs-page badge from the worker's cache, zero repeat requests,
 * negative caching, old-style ids, the PDF action badge, and the popup's two faces.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, openPopup, readCachedPapers, shot, tabIdOf, type LaunchedExtension } from './browser';

type DailyItem = { paper: { id: string; upvotes: number; title: string; githubRepo?: string; projectPage?: string }; numComments?: number };
const fixture = (date: string): DailyItem[] =>
  JSON.parse(readFileSync(path.resolve(`../shared/fixtures/hf-api/real/daily_papers.date-${date}.json`), 'utf8'));

// A paper from an older day: not in the "today" list the worker prefetches, so it needs `papers/{id}`.
const known = fixture('2025-06-02')[1]!;
const latest = fixture('2026-08-21');
const UNKNOWN_ID = '2101.04792'; // the real abs fixture's paper; predates HF Daily Papers

declare const chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

/** The fixture pages' own missing assets and scripts are arXiv's business; ours carry our URL or name. */
const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));
const badge = (page: import('playwright-core').Page) => page.locator('[data-paper-pulse="badge"]');
const paperRequests = (since: number) => ext.fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/'));

describe('abs page badge', () => {
  test('shows the fixture upvotes and caches the paper in IndexedDB', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(`https://arxiv.org/abs/${known.paper.id}v2`);
    const host = badge(page);
    await expect.poll(() => host.getAttribute('data-upvotes')).toBe(String(known.paper.upvotes));
    await expect(host.getAttribute('data-arxiv-id')).resolves.toBe(known.paper.id);
    // Open shadow root: the visible text says the same.
    await expect.poll(() => host.evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain(`▲ ${known.paper.upvotes}`);
    await expect(host.evaluate((el) => el.shadowRoot?.querySelector('a.pill')?.getAttribute('href'))).resolves
      .toBe(`https://huggingface.co/papers/${known.paper.id}`);
    const rows = await readCachedPapers<{ id: string; upvotes: number }>(ext.sw);
    expect(rows.find((r) => r.id === known.paper.id)?.upvotes).toBe(known.paper.upvotes);
    await host.locator('a.pill').focus();
    // The card's hop row: HF, alphaXiv, and code / project page when HF knows them (arXiv's PDF/HTML are on the page).
    const hops = await host.evaluate((el) => [...el.shadowRoot!.querySelectorAll('.card .hops a')].map((a) => [a.textContent, a.getAttribute('href')]));
    expect(hops).toEqual([
      ['HF paper', `https://huggingface.co/papers/${known.paper.id}`],
      ['alphaXiv', `https://www.alphaxiv.org/abs/${known.paper.id}`],
      ...(known.paper.githubRepo ? [['Code', known.paper.githubRepo]] : []),
      ...(known.paper.projectPage ? [['Project page', known.paper.projectPage]] : []),
    ]);
    await shot(page, 'abs-badge-focused');
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('a second visit makes zero requests to huggingface.co', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${known.paper.id}`);
    await expect.poll(() => badge(page).getAttribute('data-upvotes')).toBe(String(known.paper.upvotes));
    expect(ext.fake.hfRequests(since)).toEqual([]);
    await page.close();
  });

  test('an id HF does not know shows the muted mark, and a revisit asks nothing', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${UNKNOWN_ID}v2`);
    await expect.poll(() => badge(page).getAttribute('data-state')).toBe('not-on-hf');
    expect(await badge(page).getAttribute('data-upvotes')).toBeNull();
    expect(await badge(page).evaluate((el) => el.shadowRoot?.textContent)).toContain('not on HF Papers');
    expect(paperRequests(since).map((r) => r.url)).toEqual([`/api/papers/${UNKNOWN_ID}`]);
    await shot(page, 'abs-not-on-hf');

    const again = Date.now();
    await page.reload();
    await expect.poll(() => badge(page).getAttribute('data-state')).toBe('not-on-hf');
    expect(ext.fake.hfRequests(again)).toEqual([]);
    await page.close();
  });

  test('an old-style id is detected, asks nothing and shows no error', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto('https://arxiv.org/abs/hep-th/9901001');
    expect(await page.locator('h1.title').textContent()).toContain('Title');
    // The worker answers 'old-style': no HF data to show (only the Save toggle), nothing asked.
    await expect.poll(() => badge(page).getAttribute('data-state')).toBe('old-style');
    expect(await badge(page).getAttribute('data-upvotes')).toBeNull();
    expect(ext.fake.hfRequests(since)).toEqual([]);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('the badge does not restyle the page and the page does not restyle the badge', async () => {
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${known.paper.id}`);
    await expect.poll(() => badge(page).getAttribute('data-upvotes')).toBe(String(known.paper.upvotes));
    // Nothing of ours in document.styleSheets: every sheet belongs to a <style>/<link> arXiv wrote.
    const sheets = await page.evaluate(() => [...document.styleSheets].every((s) => s.ownerNode && !(s.ownerNode as Element).closest('[data-paper-pulse]')));
    expect(sheets).toBe(true);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    // Only the host element is in the page's DOM; everything else sits in its shadow root.
    expect(await page.evaluate(() => document.querySelectorAll('[data-paper-pulse] *').length)).toBe(0);
    // A hostile page rule can't reach inside.
    await page.addStyleTag({ content: '* { color: rgb(255, 0, 0) !important; font-size: 40px !important; }' });
    const inner = await badge(page).evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.up')!).color);
    expect(inner).not.toBe('rgb(255, 0, 0)');
    await page.close();
  });
});

describe('action badge', () => {
  test('a PDF tab gets the upvotes as toolbar badge text', async () => {
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/pdf/${known.paper.id}v2`).catch(() => undefined); // PDF viewer navigation may not "load"
    const tabId = await tabIdOf(ext.sw, 'https://arxiv.org/pdf/*');
    await expect.poll(() => ext.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(String(known.paper.upvotes));
    await page.close();
  });

  test('an HF paper page gets the badge too (no content script there)', async () => {
    const top = [...latest].sort((a, b) => b.paper.upvotes - a.paper.upvotes)[0]!;
    const page = await ext.ctx.newPage();
    await page.goto(`https://huggingface.co/papers/${top.paper.id}`).catch(() => undefined);
    const tabId = await tabIdOf(ext.sw, 'https://huggingface.co/papers/*');
    await expect.poll(() => ext.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(String(top.paper.upvotes));
    await page.close();
  });
});

describe('popup', () => {
  test('shows the current paper card for an abs tab', async () => {
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${known.paper.id}v2`);
    const tabId = await tabIdOf(ext.sw, `https://arxiv.org/abs/${known.paper.id}v2`);
    const popup = await openPopup(ext.ctx, ext.extId, tabId);
    const card = popup.getByTestId('paper-card');
    await expect.poll(() => card.getAttribute('data-arxiv-id')).toBe(known.paper.id);
    await expect.poll(() => card.getByTestId('upvotes').textContent()).toContain(String(known.paper.upvotes));
    await shot(popup, 'popup-paper-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'popup-paper-dark');
    await popup.close();
    await page.close();
  });

  test("shows today's Daily Papers by upvotes otherwise", async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    const items = popup.getByTestId('list').locator('li');
    await expect.poll(() => items.count()).toBe(latest.length);
    const shown = await items.evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-arxiv-id'), Number(li.getAttribute('data-upvotes'))]));
    const expected = [...latest].sort((a, b) => b.paper.upvotes - a.paper.upvotes).map((i) => [i.paper.id, i.paper.upvotes]);
    expect(shown).toEqual(expected);
    await shot(popup, 'popup-today-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'popup-today-dark');
    // Keyboard only: header Subscribe switch + HF link → tab list → panel → list tabs → the first paper's title
    // link, in a handful of Tab presses.
    let focused = '';
    for (let i = 0; i < 8 && focused !== 'ptitle'; i++) {
      await popup.keyboard.press('Tab');
      focused = await popup.evaluate(() => document.activeElement?.className ?? '');
    }
    expect(focused).toBe('ptitle');
    expect(await popup.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-arxiv-id'))).toBe(expected[0]![0]);
    await popup.close();
  });
});
