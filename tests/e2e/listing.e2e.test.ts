/**
 * Listing, search and HTML pages, end to end in Chromium: chips from the worker's bulk lists only (no `papers/{id}`
 * request while these pages are open), the sort/filter bar, idempotent re-injection, and the HTML-view badge.
 *
 * HF data: the fixtures' synthetic ids are not in the corpus, so listing-data.ts re-keys REAL corpus records (real
 * titles and upvotes) to the fixtures' ids and serves them as the `month=` Daily Papers lists; chips are checked
 * against that data (`data.expected`), and entries it doesn't contain must have no chip.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, injectContentScriptAgain, launchExtension, shot, type LaunchedExtension } from './browser';
import { buildListingData, FIXTURES, fixtureIds, serveListingData, type ListingData } from './listing-data';

const PAGES = {
  new: { url: 'https://arxiv.org/list/cs.LG/new', file: 'list-new-cs.LG.html' },
  pastweek: { url: 'https://arxiv.org/list/cs.LG/pastweek?show=2000', file: 'list-pastweek-cs.LG-show2000.html' },
  month: { url: 'https://arxiv.org/list/cs.AI/2024-03', file: 'list-month-cs.AI-2024-03.html' },
  classic: { url: 'https://export.arxiv.org/list/cs.IR/new', file: 'list-new-classic-pre2024.html' },
  search: { url: 'https://arxiv.org/search/?query=keyword+spotting&searchtype=all', file: 'search-results.html' },
} as const;

let ext: LaunchedExtension;
let data: ListingData;
beforeAll(async () => {
  ext = await launchExtension();
  data = buildListingData(Object.values(PAGES).flatMap((p) => fixtureIds(p.file)));
  serveListingData(ext.fake, data);
});
afterAll(async () => ext?.close());

const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));
const paperRequests = (since: number) => ext.fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/'));

interface ChipInfo { id: string; upvotes: string; text: string; href: string; afterAbsLink: boolean; inMathjax: boolean }
const chips = (page: Page): Promise<ChipInfo[]> => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-paper-pulse="chip"]')].map((host) => {
  const link = host.shadowRoot?.querySelector('a');
  const prev = host.previousElementSibling;
  return {
    id: host.dataset.arxivId ?? '',
    upvotes: host.dataset.upvotes ?? '',
    text: link?.textContent ?? '',
    href: link?.getAttribute('href') ?? '',
    afterAbsLink: prev?.tagName === 'A' && /\/abs\//.test(prev.getAttribute('href') ?? ''),
    inMathjax: host.closest('.mathjax') !== null,
  };
}));

const byId = (list: ChipInfo[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/** Opens `url` and checks every chip against the served data: the count, the ids (in page order) and the upvotes. */
async function expectChips(page: Page, url: string, file: string): Promise<ChipInfo[]> {
  const want = fixtureIds(file).filter((id) => data.expected.has(id));
  await page.goto(url);
  await expect.poll(() => page.locator('[data-paper-pulse="controls"]').count(), { timeout: 15_000 }).toBe(1);
  // Chips go in time slices right after the bar.
  await expect.poll(() => page.locator('[data-paper-pulse="chip"]').count()).toBe(want.length);
  // By id: the page may open sorted by upvotes (a remembered choice); page order is checked by the sort tests.
  const got = byId(await chips(page));
  want.sort();
  expect(got.map((c) => c.id)).toEqual(want);
  expect(got.map((c) => Number(c.upvotes))).toEqual(want.map((id) => data.expected.get(id)));
  for (const chip of got) {
    expect(chip.text).toBe(`▲ ${chip.upvotes}`);
    expect(chip.href).toBe(`https://huggingface.co/papers/${chip.id}`);
    expect(chip.afterAbsLink).toBe(true);
    expect(chip.inMathjax).toBe(false);
  }
  return got;
}

describe('chips on every page type', () => {
  test('new: chips in the New, Cross-lists and Replacements sections; none for unknown, withdrawn-unknown or old-style ids', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    const got = await expectChips(page, PAGES.new.url, PAGES.new.file);
    // The three dl#articles sections (duplicate ids) each hold at least one chip.
    const perSection = await page.evaluate(() => [...document.querySelectorAll('dl')].map((dl) => dl.querySelectorAll('[data-paper-pulse="chip"]').length));
    expect(perSection).toHaveLength(3);
    expect(perSection.every((n) => n > 0)).toBe(true);
    expect(got.some((c) => c.id === 'cs/0112017')).toBe(false);
    expect(await page.locator('[data-paper-pulse="controls"]').evaluate((el) => el.shadowRoot?.textContent)).toContain(`${got.length} of 8 entries on HF Daily Papers`);
    await shot(page, 'listing-new-chips');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'listing-new-chips-dark');
    expect(paperRequests(since)).toEqual([]);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('pastweek show=2000: 2,000 entries in 5 day sections, one chip per known id, zero per-paper requests', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    const got = await expectChips(page, PAGES.pastweek.url, PAGES.pastweek.file);
    expect(got.length).toBeGreaterThan(1000);
    expect(paperRequests(since)).toEqual([]);
    // Every HF request was a bulk list; June's list (shared with the `new` page) was fetched once, paged while full.
    expect(ext.fake.hfRequests(since).every((r) => r.url.startsWith('/api/daily_papers'))).toBe(true);
    const june = ext.fake.hfRequests(0).filter((r) => r.url.includes('month=2026-06')).length;
    expect(june).toBe(Math.floor((data.byMonth.get('2026-06')?.length ?? 0) / 100) + 1);
    await page.close();
  });

  test('a revisit of the 2,000-entry page makes no HF request at all', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    await expectChips(page, PAGES.pastweek.url, PAGES.pastweek.file);
    expect(ext.fake.hfRequests(since)).toEqual([]);
    await page.close();
  });

  test('month page (single dl, no h3)', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    await expectChips(page, PAGES.month.url, PAGES.month.file);
    expect(paperRequests(since)).toEqual([]);
    await page.close();
  });

  test('classic span.list-identifier markup on export.arxiv.org', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    const got = await expectChips(page, PAGES.classic.url, PAGES.classic.file);
    expect(got.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => [...document.querySelectorAll('[data-paper-pulse="chip"]')].every((c) => c.parentElement?.matches('span.list-identifier')))).toBe(true);
    expect(paperRequests(since)).toEqual([]);
    await shot(page, 'listing-classic-chips');
    await page.close();
  });

  test('search results: chip after the result link; the old-style and pre-HF results get none', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    const got = await expectChips(page, PAGES.search.url, PAGES.search.file);
    expect(got.map((c) => c.id)).toEqual(['2606.27001']);
    expect(paperRequests(since)).toEqual([]);
    await shot(page, 'search-chips');
    await page.close();
  });

  test('catchup and author pages use the listing markup', async () => {
    const since = Date.now();
    const page = await ext.ctx.newPage();
    // The fake server has no catchup/author routes; they render the same item_list macro as /list/ (arxiv-pages.md §3).
    const html = readFileSync(path.join(FIXTURES, PAGES.new.file), 'utf8');
    await page.route(/\/(catchup|a)\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await expectChips(page, 'https://arxiv.org/catchup/cs.LG/2026-06-30', PAGES.new.file);
    await expectChips(page, 'https://arxiv.org/a/lovelace_a_1', PAGES.new.file);
    expect(paperRequests(since)).toEqual([]);
    await page.close();
  });

  test('lists that are not siblings (each in a wrapper of its own) still get every chip, and the bar counts every entry', async () => {
    const page = await ext.ctx.newPage();
    // The parse-time walk goes from list to sibling list (arXiv's markup); any other list is found by the full scan
    // at DOMContentLoaded (content/prefetch.ts).
    const html = readFileSync(path.join(FIXTURES, PAGES.new.file), 'utf8').replace(/<dl\b[\s\S]*?<\/dl>/g, (list) => `<div class="wrapped">${list}</div>`);
    expect(html.match(/<div class="wrapped"><dl/g)).toHaveLength(3);
    await page.route('https://arxiv.org/list/cs.LG/new', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    const got = await expectChips(page, PAGES.new.url, PAGES.new.file);
    expect(await page.locator('[data-paper-pulse="controls"]').evaluate((el) => el.shadowRoot?.textContent)).toContain(`${got.length} of 8 entries on HF Daily Papers`);
    await page.close();
  });
});

/** Entry ids per section, in DOM order, and whether each entry is displayed. */
const sections = (page: Page) => page.evaluate(() => [...document.querySelectorAll('dl')].map((dl) => [...dl.querySelectorAll('dt')].map((dt) => ({
  id: dt.querySelector('a[title="Abstract"]')?.getAttribute('href')?.replace('/abs/', '') ?? '',
  upvotes: Number(dt.querySelector<HTMLElement>('[data-paper-pulse="chip"]')?.dataset.upvotes ?? -1),
  shown: getComputedStyle(dt).display !== 'none' && getComputedStyle(dt.nextElementSibling!).display !== 'none',
}))));
/** The page's own markup of each section, without any extension host (ours, or other features' like Save). */
const markup = (page: Page) => page.evaluate(() => [...document.querySelectorAll('dl')].map((dl) => {
  const copy = dl.cloneNode(true) as Element;
  copy.querySelectorAll('[data-paper-pulse]').forEach((host) => host.remove());
  return copy.innerHTML;
}));
const button = (page: Page, name: string) => page.locator('[data-paper-pulse="controls"] button', { hasText: name });

describe('sort and filter bar', () => {
  test('sorts each section by upvotes, filters to HF papers, and restores the exact original markup', async () => {
    const page = await ext.ctx.newPage();
    await expectChips(page, PAGES.pastweek.url, PAGES.pastweek.file);
    const before = await sections(page);
    const original = await markup(page);
    expect(before).toHaveLength(5);

    // Keyboard: focus the real button and press Space.
    await button(page, 'Sort by upvotes').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => button(page, 'Sort by upvotes').getAttribute('aria-pressed')).toBe('true');
    const sorted = await sections(page);
    for (const [i, section] of sorted.entries()) {
      // Same entries in each section (sorting never moves an entry to another day), upvotes non-increasing.
      expect(section.map((e) => e.id).sort()).toEqual(before[i]!.map((e) => e.id).sort());
      expect(section.map((e) => e.upvotes)).toEqual([...section.map((e) => e.upvotes)].sort((a, b) => b - a));
    }
    expect(sorted.flat().map((e) => e.id)).not.toEqual(before.flat().map((e) => e.id));
    await shot(page, 'listing-pastweek-sorted');

    await button(page, 'Only HF papers').click();
    await expect.poll(async () => (await sections(page)).flat().filter((e) => e.shown).length).toBe((await chips(page)).length);
    expect((await sections(page)).flat().filter((e) => e.shown).every((e) => e.upvotes >= 0)).toBe(true);

    await button(page, 'Only HF papers').press('Enter');
    await button(page, 'Sort by upvotes').click();
    await expect.poll(() => button(page, 'Sort by upvotes').getAttribute('aria-pressed')).toBe('false');
    expect(await sections(page)).toEqual(before);
    expect(await markup(page)).toEqual(original);
    await page.close();
  });

  test('the choice is remembered: the next listing opens sorted and filtered', async () => {
    const page = await ext.ctx.newPage();
    await expectChips(page, PAGES.new.url, PAGES.new.file);
    await button(page, 'Sort by upvotes').click();
    await button(page, 'Only HF papers').click();
    await expect.poll(() => button(page, 'Only HF papers').getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(100); // storage.sync write

    const next = await ext.ctx.newPage();
    await expectChips(next, PAGES.new.url, PAGES.new.file);
    expect(await button(next, 'Sort by upvotes').getAttribute('aria-pressed')).toBe('true');
    const shown = (await sections(next)).map((s) => s.filter((e) => e.shown));
    for (const section of shown) expect(section.map((e) => e.upvotes)).toEqual([...section.map((e) => e.upvotes)].sort((a, b) => b - a));
    expect(shown.flat().every((e) => e.upvotes >= 0)).toBe(true);
    await shot(next, 'listing-new-sorted-filtered');
    // Back to the defaults for the other tests.
    await button(next, 'Sort by upvotes').click();
    await button(next, 'Only HF papers').click();
    await next.waitForTimeout(100);
    await next.close();
    await page.close();
  });
});

describe('idempotence', () => {
  test('running the content script a second time leaves one chip per entry and one bar', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    const first = await expectChips(page, PAGES.new.url, PAGES.new.file);
    const original = await markup(page);
    await button(page, 'Sort by upvotes').click(); // the old copy must also put the order back when it stands down

    await injectContentScriptAgain(ext, page);

    await expect.poll(async () => (await chips(page)).length).toBe(first.length);
    await expect.poll(() => page.locator('[data-paper-pulse="controls"]').count()).toBe(1);
    await page.waitForTimeout(300); // give a (wrong) second copy time to add more
    expect(byId(await chips(page))).toEqual(first);
    expect(await page.locator('[data-paper-pulse="controls"]').count()).toBe(1);
    // The new copy starts from the remembered setting (sorted), over the order the old copy put back.
    expect(await button(page, 'Sort by upvotes').getAttribute('aria-pressed')).toBe('true');
    await button(page, 'Sort by upvotes').click();
    expect(await markup(page)).toEqual(original);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });
});

describe('HTML view', () => {
  test('badge under the LaTeXML title with the paper\'s upvotes; one request cold, none warm', async () => {
    const id = '2609.01222';
    const record = buildListingData(['2606.27001']).byMonth.values().next().value![0] as { paper: Record<string, unknown> };
    const upvotes = record.paper['upvotes'] as number;
    const stop = ext.fake.hfOverride(`/api/papers/${id}`, () => ({ json: { ...record.paper, id } }));
    const since = Date.now();
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(`https://arxiv.org/html/${id}v2`);
    const badge = page.locator('[data-paper-pulse="badge"]');
    await expect.poll(() => badge.getAttribute('data-upvotes')).toBe(String(upvotes));
    expect(await badge.getAttribute('data-arxiv-id')).toBe(id);
    expect(await page.evaluate(() => document.querySelector('h1.ltx_title_document')?.nextElementSibling?.getAttribute('data-paper-pulse'))).toBe('badge');
    expect(paperRequests(since).map((r) => r.url)).toEqual([`/api/papers/${id}`]);
    await shot(page, 'html-badge');
    // The HTML view's own dark switch (html[data-theme]) reaches the badge, live.
    const textColor = () => badge.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.up') ?? el).color);
    const light = await textColor();
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await expect.poll(() => badge.getAttribute('data-theme')).toBe('dark');
    expect(await textColor()).not.toBe(light);
    await shot(page, 'html-badge-dark-theme');
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));

    const again = Date.now();
    await page.reload();
    await expect.poll(() => badge.getAttribute('data-upvotes')).toBe(String(upvotes));
    expect(paperRequests(again)).toEqual([]);
    expect(ours(errors)).toEqual([]);
    stop();
    await page.close();
  });
});
