/**
 * The reading-list status on huggingface.co's Papers pages (issue 15), on the real captured daily list: a saved paper's
 * mark shows its status (to read / reading / read, the reading list's own), one click moves it on, and a change made
 * elsewhere (here: the extension's own page, as the popup's reading list does) shows in the open HF tab.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, DB_NAME, launchExtension, readStore, shot, type LaunchedExtension } from './browser';

const DAILY_URL = 'https://huggingface.co/papers/date/2024-08-01';

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 8_000 });
const entryStatus = async (id: string) => (await readStore<{ id: string; status: string }>(ext.sw, DB_NAME, 'readingList')).find((e) => e.id === id)?.status;
const mark = (page: Page, id: string) => page.locator(`[data-paper-pulse][data-arxiv-id="${id}"]`);

describe('reading status on HF Papers pages', () => {
  test('hidden until saved; To read → Reading → Read by click; changes made elsewhere follow; unsave hides it', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(DAILY_URL);
    await eventually(() => page.locator('[data-paper-pulse="save"]').count()).toBeGreaterThan(3);
    const id = (await page.locator('[data-paper-pulse="save"]').first().getAttribute('data-arxiv-id'))!;
    const status = mark(page, id).locator('button.status');
    expect(await status.isVisible()).toBe(false);

    await mark(page, id).locator('button.save').click();
    await eventually(() => status.textContent()).toBe('To read');
    expect(await status.isVisible()).toBe(true);
    await status.click();
    await eventually(() => entryStatus(id)).toBe('reading');
    await eventually(() => mark(page, id).getAttribute('data-status')).toBe('reading');
    expect(await status.getAttribute('aria-label')).toBe(`Reading status of arXiv:${id}: Reading. Click for Read`);
    await mark(page, id).evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(page, 'hf-daily-reading-status');

    // Another tab of HF, and a change from the extension's own page (the popup's reading list uses this message).
    const other = await ext.ctx.newPage();
    await other.goto(DAILY_URL);
    await eventually(() => mark(other, id).locator('button.status').textContent()).toBe('Reading');
    const extPage = await ext.ctx.newPage();
    await extPage.goto(`chrome-extension://${ext.extId}/options.html`);
    await extPage.evaluate((paper) => chrome.runtime.sendMessage({ pp: 'readingListUpdate', args: [paper, { status: 'read' }] }), id);
    for (const p of [page, other]) await eventually(() => mark(p, id).locator('button.status').textContent()).toBe('Read');
    // Read → To read wraps around.
    await status.click();
    await eventually(() => entryStatus(id)).toBe('to-read');
    await eventually(() => status.textContent()).toBe('To read');

    await mark(page, id).locator('button.save').click();
    await eventually(() => mark(page, id).getAttribute('data-paper-pulse')).toBe('save');
    expect(await status.isVisible()).toBe(false);
    expect(await mark(page, id).getAttribute('data-status')).toBeNull();
    expect(errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'))).toEqual([]);
    await Promise.all([page.close(), other.close(), extPage.close()]);
  });

  test('the status message refuses a paper that is not saved and a status the reading list doesn\'t have', async () => {
    const page = await ext.ctx.newPage();
    await page.goto(`chrome-extension://${ext.extId}/options.html`);
    const send = (args: unknown[]) => page.evaluate((a) => chrome.runtime.sendMessage({ pp: 'readingListSetStatus', args: a }), args);
    expect(await send(['2101.04792', 'read'])).toEqual({ error: '2101.04792 is not in the reading list' });
    await page.evaluate(() => chrome.runtime.sendMessage({ pp: 'readingListSave', args: ['2101.04792'] }));
    expect(await send(['2101.04792', 'done'])).toEqual({ error: 'unknown status done' });
    expect(await entryStatus('2101.04792')).toBe('to-read');
    await page.close();
  });
});

declare const chrome: { runtime: { sendMessage(m: object): Promise<unknown> } };
