/**
 * "New since you looked", end to end in Chromium with the built extension: an arXiv `new` listing opened a first time
 * (nothing marked, the bar says why), then on the next day (the fake arXiv serves the next announcement, built from
 * the fixture's own markup: listing-days.ts) marks exactly the entries that were not there, and "Only new" hides the
 * rest and restores the page; the popup's Today list marks the papers HF added since it was last opened.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { collectErrors, DB_NAME, injectContentScriptAgain, launchExtension, openPopup, readStoreEntries, shot, type LaunchedExtension } from './browser';
import { NEW_FILE, NEXT_DAY_IDS, nextDayNewListing } from './listing-days';
import { buildListingData, fixtureIds, serveListingData } from './listing-data';

vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const NEW_URL = 'https://arxiv.org/list/cs.LG/new';
const day1 = fixtureIds(NEW_FILE);
const fresh = [...NEXT_DAY_IDS.values()];

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
  // HF knows two in three of both days' papers: marks are checked on entries with and without a chip.
  serveListingData(ext.fake, buildListingData([...day1, ...fresh]));
});
afterAll(async () => ext?.close());

const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));
const bar = (page: Page) => page.locator('[data-paper-pulse="controls"]');
const note = (page: Page) => bar(page).evaluate((el) => el.shadowRoot?.querySelector('.new-note')?.textContent ?? null);
const button = (page: Page, name: string) => page.locator('[data-paper-pulse="controls"] button', { hasText: name });

interface Mark { id: string; text: string; beforeAbsLink: boolean; entryId: string }
const marks = (page: Page): Promise<Mark[]> => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-paper-pulse="new"]')].map((host) => ({
  id: host.dataset.arxivId ?? '',
  text: host.shadowRoot?.textContent ?? '',
  beforeAbsLink: host.nextElementSibling?.getAttribute('title') === 'Abstract',
  entryId: host.closest('dt')?.querySelector('a[title="Abstract"]')?.getAttribute('href')?.replace('/abs/', '') ?? '',
})));
/** Every entry in page order: its id and whether it is displayed. */
const entries = (page: Page) => page.evaluate(() => [...document.querySelectorAll('dt')].map((dt) => ({
  id: dt.querySelector('a[title="Abstract"]')?.getAttribute('href')?.replace('/abs/', '') ?? '',
  shown: getComputedStyle(dt).display !== 'none' && getComputedStyle(dt.nextElementSibling!).display !== 'none',
  chip: dt.querySelector('[data-paper-pulse="chip"]') !== null,
})));
const markup = (page: Page) => page.evaluate(() => [...document.querySelectorAll('dl')].map((dl) => {
  const copy = dl.cloneNode(true) as Element;
  copy.querySelectorAll('[data-paper-pulse]').forEach((host) => host.remove());
  return copy.innerHTML;
}));

async function open(page: Page, wantNote: RegExp): Promise<void> {
  await page.goto(NEW_URL);
  await expect.poll(() => bar(page).count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => note(page)).toMatch(wantNote);
}

describe('a new listing, the next day', () => {
  let stopNextDay: (() => void) | undefined;
  afterAll(() => stopNextDay?.());

  test('the first visit marks nothing and says so; the next day marks exactly the entries that were not there', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await open(page, /^ · First visit: new entries are marked from next time$/);
    await expect.poll(() => page.locator('[data-paper-pulse="chip"]').count()).toBeGreaterThan(0);
    expect(await marks(page)).toEqual([]);
    expect(await button(page, 'Only new').count()).toBe(0);
    // A reload is no new visit of a different listing: still the first.
    await open(page, /First visit/);
    await shot(page, 'new-since-listing-first-visit');

    const nextDay = nextDayNewListing();
    stopNextDay = ext.fake.arxivOverride('/list/cs.LG/new', () => nextDay);
    await open(page, /^ · 5 new since your last visit \((just now|\d+ min ago)\)$/);
    await expect.poll(async () => (await marks(page)).map((m) => m.id)).toEqual(fresh);
    const got = await marks(page);
    const chips = new Map((await entries(page)).map((e) => [e.id, e.chip]));
    for (const mark of got) {
      expect(mark.text).toBe('New');
      expect(mark.entryId).toBe(mark.id);
      expect(mark.beforeAbsLink).toBe(true);
    }
    // Some new entries have a chip, some don't; the replacements seen the day before have no mark.
    expect(new Set(got.map((m) => chips.get(m.id)))).toEqual(new Set([true, false]));
    expect((await entries(page)).filter((e) => !fresh.includes(e.id)).map((e) => e.id)).toEqual(['2506.01234', '2604.11111', 'cs/0112017']);
    await shot(page, 'new-since-listing-marks');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'new-since-listing-marks-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('"Only new" (keyboard) hides the rest, combines with "Only HF papers", restores the exact markup, and is remembered', async () => {
    const page = await ext.ctx.newPage();
    // Reopening the unchanged listing keeps the marks of the visit that found them.
    await open(page, /^ · 5 new since your last visit/);
    await expect.poll(async () => (await marks(page)).length).toBe(fresh.length);
    const original = await markup(page);
    const all = await entries(page);
    expect(all.every((e) => e.shown)).toBe(true);

    await button(page, 'Only new').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => button(page, 'Only new').getAttribute('aria-pressed')).toBe('true');
    expect((await entries(page)).filter((e) => e.shown).map((e) => e.id)).toEqual(fresh);
    await shot(page, 'new-since-listing-only-new');

    await button(page, 'Only HF papers').click();
    expect((await entries(page)).filter((e) => e.shown).map((e) => e.id)).toEqual(all.filter((e) => e.chip && fresh.includes(e.id)).map((e) => e.id));
    await button(page, 'Only HF papers').click();
    await page.waitForTimeout(100); // storage.sync write

    const next = await ext.ctx.newPage();
    await open(next, /5 new/);
    await expect.poll(async () => (await entries(next)).filter((e) => e.shown).map((e) => e.id)).toEqual(fresh);
    expect(await button(next, 'Only new').getAttribute('aria-pressed')).toBe('true');
    await button(next, 'Only new').press('Enter');
    await expect.poll(async () => (await entries(next)).every((e) => e.shown)).toBe(true);
    expect(await markup(next)).toEqual(original);
    await next.waitForTimeout(100);
    await next.close();
    await page.close();
  });

  test('the content script running twice leaves one mark per new entry and one bar', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await open(page, /5 new/);
    await expect.poll(async () => (await marks(page)).length).toBe(fresh.length);
    await injectContentScriptAgain(ext, page);
    await page.waitForTimeout(500); // give a (wrong) second copy time to add more
    expect((await marks(page)).map((m) => m.id)).toEqual(fresh);
    expect(await bar(page).count()).toBe(1);
    expect(await note(page)).toMatch(/^ · 5 new since your last visit/);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('a month listing keeps no track: no note, no mark', async () => {
    const page = await ext.ctx.newPage();
    await page.goto('https://arxiv.org/list/cs.AI/2024-03');
    await expect.poll(() => bar(page).count(), { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(300);
    expect(await note(page)).toBeNull();
    expect(await marks(page)).toEqual([]);
    await page.close();
  });
});

type DailyItem = { paper: { id: string; upvotes: number } };
const latest = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8')) as DailyItem[];

describe('popup lists', () => {
  const rows = (popup: Page) => popup.getByTestId('list').locator('li');
  const clearCache = (popup: Page) => popup.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
    .chrome.runtime.sendMessage({ pp: 'clearCache', args: [] }));
  const marked = (popup: Page) => rows(popup).evaluateAll((lis) => lis.filter((li) => li.hasAttribute('data-new')).map((li) => li.getAttribute('data-arxiv-id')));

  test("Today marks the papers HF added since it was last opened; This week keeps its own record", async () => {
    // Earlier that day HF listed fewer papers: the three with the fewest upvotes came later (they had less time to collect them).
    const later = [...latest].sort((a, b) => a.paper.upvotes - b.paper.upvotes).slice(0, 3).map((i) => i.paper.id);
    const earlier = latest.filter((i) => !later.includes(i.paper.id));
    const stop = ext.fake.hfOverride('/api/daily_papers', (_req, url) => (['date', 'week', 'month', 'sort'].some((p) => url.searchParams.has(p)) ? undefined : { json: earlier }));
    const first = await openPopup(ext.ctx, ext.extId);
    const errors = collectErrors(first);
    await clearCache(first); // the worker fetched the full list at start-up
    await first.reload();
    await expect.poll(() => rows(first).count()).toBe(earlier.length);
    await expect.poll(() => first.getByTestId('new-note').textContent()).toBe('First visit: papers that arrive later are marked new.');
    expect(await marked(first)).toEqual([]);
    stop();
    await clearCache(first);
    await first.close();

    const popup = await openPopup(ext.ctx, ext.extId);
    await expect.poll(() => rows(popup).count()).toBe(latest.length);
    await expect.poll(() => popup.getByTestId('new-note').textContent()).toMatch(/^3 new since you last opened this list \((just now|\d+ min ago)\)\.$/);
    expect((await marked(popup))!.sort()).toEqual([...later].sort());
    const mark = popup.locator('li[data-new] .new-mark').first();
    expect(await mark.textContent()).toBe('New');
    expect(await mark.getAttribute('title')).toBe('New since you last opened this list');
    await shot(popup, 'new-since-popup-today-note');
    await popup.locator('li[data-new]').first().scrollIntoViewIfNeeded(); // the latecomers have the fewest upvotes: last
    await shot(popup, 'new-since-popup-today');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'new-since-popup-today-dark');
    await popup.emulateMedia({ colorScheme: 'light' });

    // Each list has its own record: This week is opened for the first time.
    await popup.getByRole('tab', { name: 'This week' }).click();
    await expect.poll(() => popup.getByTestId('new-note').textContent()).toBe('First visit: papers that arrive later are marked new.');

    // Reopened two hours later with nothing added since: the stale list is shown while it refreshes, the visit is
    // recorded when it has settled (and not again while the popup stays open), and Today keeps its marks.
    await popup.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('paper-pulse');
      open.onsuccess = () => {
        const tx = open.result.transaction('lists', 'readwrite');
        const store = tx.objectStore('lists');
        const get = store.get('today');
        get.onsuccess = () => store.put({ ...get.result, fetchedAt: get.result.fetchedAt - 2 * 3_600_000 });
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    }));
    await popup.close();
    const again = await openPopup(ext.ctx, ext.extId);
    await expect.poll(async () => (await marked(again))?.sort()).toEqual([...later].sort());
    const seenAt = async () => ((await readStoreEntries<{ seenAt: number }>(ext.sw, DB_NAME, 'meta')).find(([key]) => key === 'newSince:popup/today')?.[1].seenAt);
    const recorded = await seenAt();
    await again.waitForTimeout(500);
    expect(await seenAt()).toBe(recorded);
    expect(ours(errors)).toEqual([]);
    await again.close();
  });
});
