/**
 * Options page (product.md §6), end to end: changes apply to open tabs without a reload; privacy mode sends no paper
 * id (counted at the fake); the HF token is stored locally only and sent only to huggingface.co; minimum upvotes hides
 * listing chips live; clear cache empties the cache and keeps the reading list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, DB_NAME, launchExtension, readCachedPapers, readStore, readStoreEntries, shot, type LaunchedExtension } from './browser';
import { buildListingData, fixtureIds, serveListingData } from './listing-data';

type DailyItem = { paper: { id: string; upvotes: number } };
const fixture = (date: string): DailyItem[] =>
  JSON.parse(readFileSync(path.resolve(`../shared/fixtures/hf-api/real/daily_papers.date-${date}.json`), 'utf8'));
const older = fixture('2025-06-02');

let ext: LaunchedExtension;
let options: Page;
let optionErrors: string[];
beforeAll(async () => {
  ext = await launchExtension();
  serveListingData(ext.fake, buildListingData(fixtureIds('list-new-cs.LG.html')));
  options = await ext.ctx.newPage();
  optionErrors = collectErrors(options);
  await options.goto(`chrome-extension://${ext.extId}/options.html`);
});
afterAll(async () => ext?.close());

const badge = (page: Page) => page.locator('[data-paper-pulse="badge"]');
const checkbox = (label: string) => options.getByRole('checkbox', { name: label });
const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));

describe('options page', () => {
  test('turning the abs badge off and on applies to an open tab without reloading it', async () => {
    const paper = older[0]!;
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(`https://arxiv.org/abs/${paper.paper.id}`);
    await expect.poll(() => badge(page).getAttribute('data-upvotes')).toBe(String(paper.paper.upvotes));
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await checkbox('Badge on abstract and HTML pages').uncheck();
    await expect.poll(() => badge(page).evaluate((el) => el.shadowRoot?.querySelector('a.pill') === null).catch(() => true)).toBe(true);
    expect(await page.locator('[data-paper-pulse="badge"][data-upvotes]').count()).toBe(0);

    await checkbox('Badge on abstract and HTML pages').check();
    await expect.poll(() => badge(page).getAttribute('data-upvotes')).toBe(String(paper.paper.upvotes));
    expect(await page.locator('[data-paper-pulse="badge"]').count()).toBe(1); // no duplicate after the re-run
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true); // not reloaded
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('privacy mode: an uncached paper makes zero papers/{id} requests', async () => {
    await checkbox('Privacy mode').check();
    await expect.poll(() => options.evaluate(async () => (await chrome.storage.sync.get('privacyMode'))['privacyMode'])).toBe(true);
    const since = Date.now();
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${older[5]!.paper.id}`);
    await expect.poll(() => badge(page).getAttribute('data-state')).not.toBeNull();
    await page.waitForTimeout(300); // a late request would still be counted
    // Honest about it: HF wasn't asked, so the badge doesn't claim the paper isn't on HF.
    expect(await badge(page).evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('privacy mode');
    expect(ext.fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/'))).toEqual([]);
    await checkbox('Privacy mode').uncheck();
    // Off again: the same paper is looked up.
    await page.reload();
    await expect.poll(() => badge(page).getAttribute('data-upvotes')).toBe(String(older[5]!.paper.upvotes));
    expect(ext.fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/')).map((r) => r.url)).toEqual([`/api/papers/${older[5]!.paper.id}`]);
    await page.close();
  });

  test('the HF token is kept by the worker only, never shown back, and sent only to huggingface.co', async () => {
    const token = 'hf_testTokenForE2E0123456789';
    const seen: (string | undefined)[] = [];
    const stop = ext.fake.hfOverride('/api/papers/', (req) => void seen.push(req.headers.authorization));
    await options.getByTestId('hf-token').fill(token);
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByTestId('token-status').textContent()).toBe('Token saved on this device.');
    // In the worker's IndexedDB; not in extension storage, which the content scripts on arXiv pages can read.
    expect(await readStoreEntries(ext.sw, DB_NAME, 'meta')).toContainEqual(['hfToken', token]);
    expect(await options.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null as unknown as string), await chrome.storage.sync.get(null as unknown as string)]))).not.toContain(token);
    expect(await options.getByTestId('hf-token').inputValue()).toBe('');
    await options.reload();
    await expect.poll(() => options.getByRole('button', { name: 'Remove' }).isVisible()).toBe(true);
    expect(await options.getByTestId('hf-token').inputValue()).toBe('');
    const page = await ext.ctx.newPage();
    let leakedToPage = false;
    page.on('request', (r) => void (r.headers()['authorization'] && (leakedToPage = true)));
    await page.goto(`https://arxiv.org/abs/${older[6]!.paper.id}`);
    await expect.poll(() => badge(page).getAttribute('data-upvotes')).toBe(String(older[6]!.paper.upvotes));
    expect(seen).toContain(`Bearer ${token}`);
    expect(leakedToPage).toBe(false);
    await options.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => options.getByTestId('token-status').textContent()).toBe('Token removed.');
    expect((await readStoreEntries(ext.sw, DB_NAME, 'meta')).map(([key]) => key)).not.toContain('hfToken');
    stop();
    await page.close();
  });

  test('minimum upvotes hides listing chips below it, live', async () => {
    const page = await ext.ctx.newPage();
    await page.goto('https://arxiv.org/list/cs.LG/new');
    const chips = page.locator('[data-paper-pulse="chip"][data-upvotes]');
    await expect.poll(() => chips.count()).toBeGreaterThan(3);
    const counts = (await chips.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-upvotes'))))).sort((a, b) => a - b);
    const threshold = counts[Math.floor(counts.length / 2)]!; // the median: about half the chips go
    await options.getByTestId('min-upvotes').fill(String(threshold));
    await options.getByTestId('min-upvotes').press('Tab'); // change event
    const expected = counts.filter((n) => n >= threshold).length;
    await expect.poll(() => chips.count()).toBe(expected);
    expect(expected).toBeLessThan(counts.length);
    await options.getByTestId('min-upvotes').fill('0');
    await options.getByTestId('min-upvotes').press('Tab');
    await expect.poll(() => chips.count()).toBe(counts.length);
    await page.close();
  });

  test('clear cache empties papers and lists, keeps the reading list', async () => {
    // A reading-list row written straight into the store (independent of the reading-list UI).
    await ext.sw.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('paper-pulse');
      open.onsuccess = () => {
        const tx = open.result.transaction('readingList', 'readwrite');
        tx.objectStore('readingList').put({ id: '2505.24864', title: 'kept', authors: [], abstract: '', addedAt: 1, updatedAt: 1, status: 'to-read', tags: [], note: '' });
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    }));
    expect((await readCachedPapers(ext.sw)).length).toBeGreaterThan(0);
    await options.getByTestId('clear-cache').click();
    await expect.poll(() => options.getByTestId('clear-status').textContent()).toContain('Cache cleared');
    expect(await readCachedPapers(ext.sw)).toEqual([]);
    expect(await readStore(ext.sw, DB_NAME, 'lists')).toEqual([]);
    expect(await readStore(ext.sw, DB_NAME, 'misses')).toEqual([]);
    expect((await readStore<{ id: string }>(ext.sw, DB_NAME, 'readingList')).map((r) => r.id)).toContain('2505.24864');
    await shot(options, 'options-light');
    await options.emulateMedia({ colorScheme: 'dark' });
    await shot(options, 'options-dark');
    await options.emulateMedia({ colorScheme: 'light' });
    expect(optionErrors).toEqual([]);
  });
});

declare const chrome: {
  storage: {
    sync: { get(k: string | null): Promise<Record<string, unknown>> };
    local: { get(k: string): Promise<Record<string, unknown>> };
  };
};
