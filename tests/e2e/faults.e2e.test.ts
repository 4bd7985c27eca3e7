/**
 * The fault matrix (issue 6): the fake HF is switched into one failure mode per test — connection dropped, 429 with
 * Retry-After, 500, 503, a 30 s stall, malformed JSON, schema drift, a 10 MB body — and, in a separate launch, DNS
 * failure. On the abs page (a cached paper and an uncached one) and in the popup (cached list, then no list):
 * - no uncaught error in the page (our script), the popup or the worker;
 * - cached data is still shown with its age; without cache there is a clear error state;
 * - requests are counted at the fake: the client backs off (reloads make no new requests) and honours Retry-After;
 * - when the fake heals, fresh data appears (popup Retry, page reload) without reloading the extension.
 * The observed matrix is written to artifacts/fault-matrix.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, openPopup, shot, type LaunchedExtension } from './browser';
import { ARXIV_HOSTS, startFakeServer } from './fake-server';
import { buildListingData, fixtureIds, serveListingData } from './listing-data';
import { ageRows, faults, gateBlockedUntil, resetGate, watchWorkerErrors, workerErrors } from './fault-tools';

type DailyItem = { paper: { id: string; upvotes: number } };
const fixture = (date: string): DailyItem[] =>
  JSON.parse(readFileSync(path.resolve(`../shared/fixtures/hf-api/real/daily_papers.date-${date}.json`), 'utf8'));
const older = fixture('2025-06-02'); // not in the "today" list: their badges need papers/{id}
const latest = fixture('2026-08-21');
const cachedPaper = older[0]!;
const HOUR = 3_600_000;

const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));
const badge = (page: Page) => page.locator('[data-paper-pulse="badge"]');
const shadowText = (page: Page, selector: string) =>
  badge(page).evaluate((el, sel) => el.shadowRoot?.querySelector(sel)?.textContent ?? '', selector);

interface Row { fault: string; surface: string; sees: string; requests: string }
const matrix: Row[] = [];

afterAll(() => {
  const dir = path.resolve('artifacts');
  mkdirSync(dir, { recursive: true });
  const lines = ['| fault | surface | what the user sees | requests at the fake HF |', '|---|---|---|---|',
    ...matrix.map((r) => `| ${r.fault} | ${r.surface} | ${r.sees} | ${r.requests} |`)];
  writeFileSync(path.join(dir, 'fault-matrix.md'), `${lines.join('\n')}\n`);
});

describe('fault matrix (cache warm, then the fake fails, then heals)', () => {
  let ext: LaunchedExtension;
  let page: Page;
  let popup: Page;
  let pageErrors: string[];
  let popupErrors: string[];

  beforeAll(async () => {
    ext = await launchExtension();
    await watchWorkerErrors(ext.sw);
    page = await ext.ctx.newPage();
    pageErrors = collectErrors(page);
    popup = await ext.ctx.newPage();
    popupErrors = collectErrors(popup);
    // Warm: the cached paper and today's list.
    await page.goto(`https://arxiv.org/abs/${cachedPaper.paper.id}`);
    await page.locator(`[data-paper-pulse="badge"][data-upvotes="${cachedPaper.paper.upvotes}"]`).waitFor();
    await popup.goto(`chrome-extension://${ext.extId}/popup.html`);
    await popup.getByTestId('list').locator('li').nth(latest.length - 1).waitFor();
  });
  afterAll(async () => ext?.close());

  faults.forEach((fault, i) => {
    const uncached = older[2 + i]!; // one fresh id per fault: never cached before its test
    test(fault.name, async () => {
      const patience = { timeout: fault.slow ? 25_000 : 8_000 };
      // Each fault starts healthy with today's list cached, whatever the previous test left behind.
      await resetGate(ext.sw);
      await popup.goto(`chrome-extension://${ext.extId}/popup.html`);
      await popup.getByTestId('list').locator('li').nth(latest.length - 1).waitFor();
      await ageRows(ext.sw, 'papers', [cachedPaper.paper.id], 8 * HOUR); // stale: served, revalidated in background
      await ageRows(ext.sw, 'lists', ['today'], 2 * HOUR);
      const since = Date.now();
      const heal = fault.apply(ext.fake);
      try {
        // Abs page, cached paper: the old count with its age.
        await page.goto(`https://arxiv.org/abs/${cachedPaper.paper.id}`);
        await expect.poll(() => badge(page).getAttribute('data-upvotes')).toBe(String(cachedPaper.paper.upvotes));
        expect(await shadowText(page, '.card .age')).toContain('8 h ago');

        // Abs page, uncached paper: a clear error state, then reloads ask nothing more (backoff).
        await page.goto(`https://arxiv.org/abs/${uncached.paper.id}`);
        await expect.poll(() => badge(page).getAttribute('data-state'), patience).toBe('error');
        const uncachedSees = await shadowText(page, '.badge');
        const firstEpisode = ext.fake.hfRequests(since);
        const afterFirst = firstEpisode.length;
        const firstEnd = Math.max(since, ...firstEpisode.map((r) => r.time));
        for (let r = 0; r < 3; r++) {
          await page.reload();
          await expect.poll(() => badge(page).getAttribute('data-state'), patience).toBe('error');
        }
        const reloadLog = ext.fake.hfRequests(since).slice(afterFirst);
        const reloadRequests = reloadLog.length;

        // Popup with a cached list: the papers and their age.
        await popup.reload();
        await expect.poll(() => popup.getByTestId('list').locator('li').count()).toBe(latest.length);
        // The stale list shows at once; its refresh fails, so the same open then says offline, with the data's age.
        await expect.poll(() => popup.getByTestId('data-age').textContent(), patience).toContain('Offline — showing data from 2 h ago');
        const popupCachedSees = (await popup.getByTestId('data-age').textContent()) ?? '';

        // Popup with nothing cached: a clear error with a Retry button.
        await ext.sw.evaluate(() => new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('paper-pulse');
          open.onsuccess = () => {
            const tx = open.result.transaction('lists', 'readwrite');
            tx.objectStore('lists').delete('today');
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }));
        await popup.reload();
        const emptyState = popup.locator('.state.error');
        await expect.poll(() => emptyState.count(), patience).toBe(1);
        const popupEmptySees = (await emptyState.textContent()) ?? '';
        if (i === 0) {
          await shot(popup, 'fault-popup-nothing-cached');
          await shot(page, 'fault-abs-uncached');
        }
        expect(popupEmptySees).toContain("Couldn't load the list");

        const during = ext.fake.hfRequests(since);
        const summary = during.map((r) => r.url.replace(/\?.*/, '')).reduce<Record<string, number>>((acc, u) => ((acc[u] = (acc[u] ?? 0) + 1), acc), {});
        // No storm: a failing server sees at most a first try and one retry per logical request, and reloads add nothing.
        // Reloads during the pause (≥ 5 s after a failed episode, doubling) reach nobody; a reload after it may try once more.
        const log = JSON.stringify(during.map((r) => [r.url, r.time - since]));
        // Requests come in episodes (a first try, its one retry, and whatever was already in flight); after a failed
        // episode the client pauses ≥ 5 s, so episodes never follow each other closely, however often the user reloads.
        // A stalled server holds each request until the client's 8 s timeout: while one waits, another paper's first try
        // is no new episode, so for the slow faults an episode lasts as long as a request can be in flight.
        const episodes = episodesOf(during.map((r) => r.time), fault.slow ? 8_000 + 1_500 : 1_500);
        for (let e = 1; e < episodes.length; e++) {
          expect(episodes[e]![0]! - episodes[e - 1]!.at(-1)!, `${fault.name}: a new episode inside the pause: ${log}`).toBeGreaterThan(4_000);
        }
        // ≤ 6: a dropped connection is retried by Chromium's own network stack too (seen: 3 tries within 7 ms), below us.
        for (const episode of episodes) expect(episode.length, `${fault.name}: storm: ${log}`).toBeLessThanOrEqual(6);
        expect(during.length, `${fault.name}: ${log}`).toBeLessThanOrEqual(8);
        if (fault.name.startsWith('429')) {
          // Retry-After honoured: nothing after the first 429 until it has passed.
          expect(during.length).toBeLessThanOrEqual(2);
        }
        const requestsText = Object.entries(summary).map(([u, n]) => `${n}× ${u}`).join(', ') || '0';
        matrix.push(
          { fault: fault.name, surface: 'abs page, cached paper', sees: `badge ▲ ${cachedPaper.paper.upvotes}, "as of 8 h ago"`, requests: '' },
          { fault: fault.name, surface: 'abs page, uncached paper', sees: `"${uncachedSees.trim()}"; 3 reloads → ${reloadRequests} requests (first ${reloadLog[0] ? `${reloadLog[0].time - firstEnd} ms` : 'never'} after the failure)`, requests: '' },
          { fault: fault.name, surface: 'popup, cached list', sees: `${latest.length} papers, "${popupCachedSees.trim()}"`, requests: '' },
          { fault: fault.name, surface: 'popup, nothing cached', sees: `"${popupEmptySees.trim()}"`, requests: `${during.length} in all: ${requestsText}` },
        );
      } finally {
        heal();
      }

      // Recovery without reloading the extension: once the backoff has passed, Retry and reload bring fresh data.
      const healedAt = Date.now();
      const wait = Math.max(0, (await gateBlockedUntil(ext.sw)) - Date.now());
      expect(wait, 'backoff after one fault episode').toBeLessThanOrEqual(30_000);
      await page.waitForTimeout(wait + 100);
      await popup.getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => popup.getByTestId('list').locator('li').count(), { timeout: 10_000 }).toBe(latest.length);
      await expect.poll(() => popup.getByTestId('data-age').textContent()).toContain('just now');
      await page.reload();
      await expect.poll(() => badge(page).getAttribute('data-upvotes'), { timeout: 10_000 }).toBe(String(uncached.paper.upvotes));
      matrix.push({ fault: fault.name, surface: 'recovery', sees: `fresh list and badge ${Date.now() - healedAt} ms after healing (backoff ${wait} ms)`, requests: '' });

      expect(ours(pageErrors)).toEqual([]);
      expect(popupErrors).toEqual([]);
      expect(await workerErrors(ext.sw)).toEqual([]);
    }, fault.slow ? 90_000 : 45_000);
  });
});

describe('DNS failure (huggingface.co does not resolve; nothing cached)', () => {
  test('abs page and popup show clear error states, no uncaught errors, no retry storm', async () => {
    const fake = await startFakeServer();
    // The later --host-resolver-rules wins in Chromium, so it lists every host: HF first, unresolvable.
    const rules = ['MAP huggingface.co ~NOTFOUND', ...ARXIV_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${fake.port}`)].join(', ');
    const ext = await launchExtension({ fake, args: [`--host-resolver-rules=${rules}`] });
    try {
      await watchWorkerErrors(ext.sw);
      const page = await ext.ctx.newPage();
      const errors = collectErrors(page);
      await page.goto(`https://arxiv.org/abs/${older[1]!.paper.id}`);
      await expect.poll(() => badge(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('error');
      const sees = await shadowText(page, '.badge');
      const popup = await openPopup(ext.ctx, ext.extId);
      const popupErrors = collectErrors(popup);
      await expect.poll(() => popup.locator('.state.error').count(), { timeout: 10_000 }).toBe(1);
      const popupSees = (await popup.locator('.state.error').textContent()) ?? '';
      // The client's own bookkeeping proves it backed off instead of looping: a pause is set.
      expect(await gateBlockedUntil(ext.sw)).toBeGreaterThan(Date.now() - 1_000);
      expect(fake.hfRequests()).toEqual([]);
      expect(ours(errors)).toEqual([]);
      expect(popupErrors).toEqual([]);
      expect(await workerErrors(ext.sw)).toEqual([]);
      matrix.push(
        { fault: 'DNS failure', surface: 'abs page, uncached paper', sees: `"${sees.trim()}"`, requests: '0 (name does not resolve)' },
        { fault: 'DNS failure', surface: 'popup, nothing cached', sees: `"${popupSees.trim()}"`, requests: '0' },
      );
    } finally {
      await ext.close();
      await fake.close();
    }
  }, 60_000);
});

describe('fault matrix on the 2000-entry listing (chips come from bulk lists only)', () => {
  const LISTING = 'https://arxiv.org/list/cs.LG/pastweek?show=2000';
  let ext: LaunchedExtension;
  let page: Page;
  let extPage: Page;
  let errors: string[];
  let warmChips = 0;
  const chips = () => page.locator('[data-paper-pulse="chip"]').count();
  const settled = (timeout = 10_000) => page.locator('[data-paper-pulse="controls"]').waitFor({ timeout });

  beforeAll(async () => {
    ext = await launchExtension();
    serveListingData(ext.fake, buildListingData(fixtureIds('list-pastweek-cs.LG-show2000.html')));
    await watchWorkerErrors(ext.sw);
    extPage = await ext.ctx.newPage();
    await extPage.goto(`chrome-extension://${ext.extId}/options.html`);
    page = await ext.ctx.newPage();
    errors = collectErrors(page);
    await page.goto(LISTING);
    await settled(30_000);
    warmChips = await chips();
  });
  afterAll(async () => ext?.close());

  // One fault per kind (network, rate limit, server error, bad data) keeps this block near a minute; every fault passed
  // here when run once (PP_LISTING_FAULTS=all runs them all: the stall alone takes ~50 s).
  const kinds = ['offline (connection dropped)', '429 + Retry-After: 8', '503', 'schema drift'];
  faults.filter((f) => process.env.PP_LISTING_FAULTS === 'all' || kinds.includes(f.name)).forEach((fault) => {
    test(fault.name, async () => {
      expect(warmChips).toBeGreaterThan(100);
      const patience = fault.slow ? 60_000 : 15_000;
      await resetGate(ext.sw);
      const keys = (await readStoreKeys(ext.sw)).filter((k) => k.startsWith('month:'));
      await ageRows(ext.sw, 'lists', keys, 8 * 24 * HOUR); // stale: served at once, refreshed in the background
      const since = Date.now();
      const heal = fault.apply(ext.fake);
      let cachedRequests = 0;
      try {
        // Cached lists: every chip is still there.
        await page.reload();
        await settled(patience);
        expect(await chips()).toBe(warmChips);
        cachedRequests = ext.fake.hfRequests(since).length;
        // Nothing cached: the page stays intact, no chips, no errors.
        await extPage.evaluate(() => chrome.runtime.sendMessage({ pp: 'clearCache', args: [] }));
        await page.reload();
        await settled(patience);
        expect(await chips()).toBe(0);
        expect(await page.locator('dl#articles > dt, dl > dt').count()).toBeGreaterThan(1000);
      } finally {
        heal();
      }
      const during = ext.fake.hfRequests(since);
      expect(during.filter((r) => r.url.startsWith('/api/papers/')), 'listing pages never ask per paper').toEqual([]);
      expect(during.length, JSON.stringify(during.map((r) => [r.url, r.time - since]))).toBeLessThanOrEqual(12);
      matrix.push({
        fault: fault.name,
        surface: '2000-entry listing',
        sees: `cached: all ${warmChips} chips; nothing cached: page intact, 0 chips, controls bar`,
        requests: `${during.length} (${cachedRequests} with cache), 0 papers/{id}`,
      });
      // Recovery: after the backoff, a reload brings every chip back.
      const wait = Math.max(0, (await gateBlockedUntil(ext.sw)) - Date.now());
      await page.waitForTimeout(wait + 100);
      await page.reload();
      await settled(30_000);
      expect(await chips()).toBe(warmChips);
      expect(ours(errors)).toEqual([]);
      expect(await workerErrors(ext.sw)).toEqual([]);
    }, fault.slow ? 150_000 : 60_000);
  });
});

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };

/** Keys of the lists store (list snapshots are keyed `today`, `month:YYYY-MM`, …). */
function readStoreKeys(sw: import('playwright-core').Worker): Promise<string[]> {
  return sw.evaluate(() => new Promise<string[]>((resolve, reject) => {
    const open = indexedDB.open('paper-pulse');
    open.onsuccess = () => {
      const req = open.result.transaction('lists').objectStore('lists').getAllKeys();
      req.onsuccess = () => (open.result.close(), resolve(req.result.map(String)));
      req.onerror = () => reject(req.error);
    };
  }));
}

/** Groups request times (ascending) into bursts: a request within 1.5 s of the previous one joins its burst. */
function episodesOf(times: number[], span = 1_500): number[][] {
  const episodes: number[][] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    const last = episodes.at(-1);
    if (last && t - last.at(-1)! < span) last.push(t);
    else episodes.push([t]);
  }
  return episodes;
}
