/**
 * The local replica of HF Daily Papers (issue 11), end to end in Chromium with the built extension.
 *
 * The fake HF serves the real corpus shifted so its newest day is yesterday, as `month=` lists paged by `p` (100 per
 * page, an empty page past the end), thinned to one record in four: a full backfill is then ~50 requests, inside one
 * 5-minute budget, so the suite stays fast while the 60-per-5-minutes rule runs unchanged (the unit tests run it
 * over the whole corpus with an injected clock). The backfill is started through the worker's `paperPulse.replicaNow`
 * (what its alarm calls) rather than by waiting a minute for the first alarm.
 *
 * "A day later" is made by ageing what is stored (every upvote observation and the month's fetch time move 24 h back),
 * the way the fault tests age cached rows: a browser's clock can't be moved for its service worker.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, openPopup, shot, type LaunchedExtension } from './browser';
import { startFakeServer, type FakeServer } from './fake-server';
import { mostInAnyWindow } from '../request-windows';

let fake: FakeServer;
let ext: LaunchedExtension;
let extPage: Page;

beforeAll(async () => {
  fake = await startFakeServer({ corpus: { shiftToYesterday: true, keep: (_id, index) => index % 4 === 0 } });
  ext = await launchExtension({ fake, replica: true });
  extPage = await ext.ctx.newPage();
  await extPage.goto(`chrome-extension://${ext.extId}/options.html`);
});
afterAll(async () => {
  await ext?.close();
  await fake?.close();
});

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> }; storage: { sync: { set(v: Record<string, unknown>): Promise<void> } } };
declare const paperPulse: { replicaNow(): Promise<void> };
const ask = <T>(pp: string, ...args: unknown[]) =>
  extPage.evaluate(([name, a]) => chrome.runtime.sendMessage({ pp: name, args: a }), [pp, args] as const) as Promise<{ value: T }>;
interface Status { enabled: boolean; indexed: number; total: number; pausedUntil?: number }
const status = async () => (await ask<Status>('replicaStatus')).value;
const replicaNow = () => ext.sw.evaluate(() => paperPulse.replicaNow());

const monthRequests = () => fake.hfRequests().filter((r) => r.url.startsWith('/api/daily_papers') && r.url.includes('month='));
const pageOf = (url: string) => {
  const q = new URL(url, 'https://huggingface.co').searchParams;
  return `${q.get('month')}&p=${q.get('p') ?? 0}`;
};

async function stopWorker(): Promise<void> {
  const cdp = await ext.ctx.newCDPSession(extPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}


/**
 * An arXiv search results page (arxiv-search's markup, from the reconstructed fixture) listing these ids, one result
 * each: the first result block of the fixture repeated with each id.
 */
function searchPage(ids: readonly string[]): string {
  const html = readFileSync(path.resolve('../shared/fixtures/arxiv/reconstructed/search-results.html'), 'utf8');
  const start = html.indexOf('<li class="arxiv-result">');
  const end = html.lastIndexOf('</li>', html.indexOf('</ol>')) + '</li>'.length;
  const block = html.slice(start, html.indexOf('</li>', start) + '</li>'.length);
  const results = ids.map((id) => block.replaceAll('2606.27001', id)).join('\n');
  return html.slice(0, start) + results + html.slice(end);
}

describe('backfill', () => {
  test('a fresh profile backfills every month, ≤ 60 requests in any 5 minutes; a worker stopped mid-way resumes without repeating a page', async () => {
    const total = (await status()).total;
    expect(total).toBeGreaterThanOrEqual(24);
    // Hold the 6th month page: the worker is stopped while it waits for it.
    let seen = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const removeHold = fake.hfOverride('/api/daily_papers', async (_req, url) => {
      if (!url.searchParams.has('month') || ++seen !== 6) return undefined;
      await held;
      return undefined;
    });
    void replicaNow().catch(() => undefined); // the stop below ends this call
    await expect.poll(() => seen, { timeout: 20_000 }).toBe(6);
    const partial = await status();
    expect(partial.indexed).toBeGreaterThan(0);
    expect(partial.indexed).toBeLessThan(total);
    const popup = await openPopup(ext.ctx, ext.extId);
    await expect.poll(() => popup.getByTestId('replica-status').textContent()).toMatch(new RegExp(`^Indexed \\d+ of ${total} months`));
    await shot(popup, 'replica-popup-indexing');
    await popup.close();
    await stopWorker();
    release();
    removeHold();
    // The worker starts again (here for a message; in use, for its alarm) and goes on.
    await expect.poll(async () => (await status()).indexed).toBe(partial.indexed);
    await replicaNow();
    await expect.poll(async () => (await status()).indexed, { timeout: 30_000 }).toBe(total);

    const pages = monthRequests().map((r) => pageOf(r.url));
    // Only the page in flight when the worker stopped was asked twice; every month was asked.
    expect(pages.length - new Set(pages).size).toBeLessThanOrEqual(1);
    expect(new Set(pages.map((p) => p.split('&')[0])).size).toBe(total);
    expect(mostInAnyWindow(monthRequests().map((r) => r.time))).toBeLessThanOrEqual(60);
    expect(fake.hfRequests().filter((r) => r.url.startsWith('/api/papers/'))).toEqual([]);
    console.info(`replica E2E: ${pages.length} month= requests for ${total} months`);

    const done = await openPopup(ext.ctx, ext.extId);
    await expect.poll(() => done.getByTestId('replica-status').textContent()).toMatch(new RegExp(`^All ${total} months of HF Daily Papers on this device`));
    await done.close();
  });
});

describe('complete chips from the replica', () => {
  test('a search page whose results span 20+ months gets every chip with the right numbers, and no per-paper request', async () => {
    const { byId } = await fake.hfItems();
    // One featured paper per arXiv month (by id), plus ids HF never featured.
    const perMonth = new Map<string, string>();
    for (const id of [...byId.keys()].sort()) if (!perMonth.has(id.slice(0, 4))) perMonth.set(id.slice(0, 4), id);
    const featured = [...perMonth.values()];
    expect(featured.length).toBeGreaterThanOrEqual(20);
    const unknown = ['2405.99991', '2511.99992', '2601.99993'];
    const ids = featured.flatMap((id, i) => (i < unknown.length ? [id, unknown[i]!] : [id]));
    const remove = fake.arxivOverride('/search/', () => searchPage(ids));
    const since = Date.now();
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto('https://arxiv.org/search/?query=replica&searchtype=all');
    await expect.poll(() => page.locator('[data-paper-pulse="chip"]').count(), { timeout: 15_000 }).toBe(featured.length);
    const chips = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-paper-pulse="chip"]')].map((c) => [c.dataset.arxivId, Number(c.dataset.upvotes)] as const));
    expect(new Map(chips)).toEqual(new Map(featured.map((id) => [id, (byId.get(id)!.paper as { upvotes: number }).upvotes])));
    expect(fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/'))).toEqual([]);
    await shot(page, 'replica-search-many-months');
    expect(errors.filter((e) => e.includes('chrome-extension://'))).toEqual([]);
    await page.close();
    remove();
  });
});

/** Moves every stored upvote observation and the month's fetch time `hours` back: "that was a day ago". */
function ageHistory(hours: number, monthKey: string): Promise<void> {
  return ext.sw.evaluate(([h, key]) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('paper-pulse');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const database = open.result;
      const tx = database.transaction(['paperShards', 'lists'], 'readwrite');
      const shards = tx.objectStore('paperShards').openCursor();
      shards.onsuccess = () => {
        const cursor = shards.result;
        if (!cursor) return;
        const shard = cursor.value as { history?: Record<string, number[]> };
        for (const points of Object.values(shard.history ?? {})) for (let i = 0; i < points.length; i += 2) points[i]! -= h;
        cursor.update(shard);
        cursor.continue();
      };
      const lists = tx.objectStore('lists');
      const get = lists.get(key);
      get.onsuccess = () => {
        if (get.result) lists.put({ ...get.result, fetchedAt: get.result.fetchedAt - h * 3_600_000 });
      };
      tx.oncomplete = () => {
        database.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  }), [hours, monthKey] as const);
}

describe('rising', () => {
  test('one refresh: no gain anywhere; after a second refresh a day later with moved upvotes, the chip and the Rising list show it', async () => {
    const { byDate, latest } = await fake.hfItems();
    const month = latest.slice(0, 7);
    const newest = (byDate.get(latest) ?? []).map((item) => item.paper as { id: string; upvotes: number });
    expect(newest.length).toBeGreaterThanOrEqual(3);
    const movers = new Map(newest.slice(0, 3).map((p, i) => [p.id, 40 - i * 10])); // +40, +30, +20

    // One refresh seen (the backfill): nothing rises yet.
    const popup = await openPopup(ext.ctx, ext.extId);
    await popup.getByRole('tab', { name: 'Rising' }).click();
    await expect.poll(() => popup.locator('#list-panel').textContent()).toContain('No gains to show yet');
    await popup.close();
    const remove = fake.arxivOverride('/search/', () => searchPage([...movers.keys()]));
    const before = await ext.ctx.newPage();
    await before.goto('https://arxiv.org/search/?query=rising&searchtype=all');
    await expect.poll(() => before.locator('[data-paper-pulse="chip"]').count()).toBe(3);
    expect(await before.evaluate(() => [...document.querySelectorAll('[data-paper-pulse="chip"]')].map((c) => c.shadowRoot?.textContent ?? ''))).toEqual(
      [...movers.keys()].map((id) => `▲ ${newest.find((p) => p.id === id)!.upvotes}`));
    await before.close();

    // A day later HF's counts have moved; the month is due again and refreshed.
    await ageHistory(24, `month:${month}`);
    const removeMoved = fake.hfOverride('/api/daily_papers', (_req, url) => {
      if (url.searchParams.get('month') !== month) return undefined;
      const items = [...byDate].filter(([date]) => date.startsWith(month)).flatMap(([, list]) => list)
        .map((item) => {
          const paper = item.paper as { id: string; upvotes: number };
          return { ...item, paper: { ...paper, upvotes: paper.upvotes + (movers.get(paper.id) ?? 0) } };
        })
        .sort((a, b) => b.paper.upvotes - a.paper.upvotes);
      const p = Number(url.searchParams.get('p') ?? 0);
      return { json: items.slice(p * 100, (p + 1) * 100) };
    });
    await replicaNow();
    removeMoved();

    const page = await ext.ctx.newPage();
    await page.goto('https://arxiv.org/search/?query=rising&searchtype=all');
    await expect.poll(() => page.locator('[data-paper-pulse="chip"]').count()).toBe(3);
    const texts = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-paper-pulse="chip"]')].map((c) => [c.dataset.arxivId, c.shadowRoot?.textContent ?? '', c.shadowRoot?.querySelector('a')?.title ?? ''] as const));
    for (const [id, text, title] of texts) {
      const gain = movers.get(id!)!;
      expect(text).toBe(`▲ ${newest.find((p) => p.id === id)!.upvotes + gain} +${gain}`);
      expect(title).toContain(`+${gain} upvotes in the last 24 h, from the counts this browser saw`);
    }
    await shot(page, 'replica-rising-chips');
    await page.close();
    remove();

    const rising = await openPopup(ext.ctx, ext.extId);
    await rising.getByRole('tab', { name: 'Rising' }).click();
    await expect.poll(() => rising.locator('#list-panel li').count()).toBeGreaterThanOrEqual(3);
    const rows = await rising.locator('#list-panel li').evaluateAll((lis) => lis.slice(0, 3).map((li) => [li.getAttribute('data-arxiv-id'), li.querySelector('[data-testid="gain"]')?.textContent]));
    expect(rows).toEqual([...movers].map(([id, gain]) => [id, `+${gain}`]));
    expect(await rising.getByTestId('measures').textContent()).toContain('Biggest upvote gains in the last 24 h');
    await shot(rising, 'replica-rising-list');
    await rising.emulateMedia({ colorScheme: 'dark' });
    await shot(rising, 'replica-rising-list-dark');
    await rising.close();
  });
});

describe('privacy mode', () => {
  test('loses nothing the replica holds, and sends no id', async () => {
    await extPage.evaluate(() => chrome.storage.sync.set({ privacyMode: true }));
    const { byId } = await fake.hfItems();
    const known = [...byId.values()].map((i) => i.paper as { id: string; upvotes: number }).find((p) => p.upvotes > 0)!;
    const since = Date.now();
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${known.id}`);
    await expect.poll(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-upvotes'), { timeout: 15_000 }).toBe(String(known.upvotes));
    await page.goto('https://arxiv.org/abs/2511.99992');
    await expect.poll(() => page.locator('[data-paper-pulse="badge"]').evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('not in the cached HF lists');
    expect(fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/'))).toEqual([]);
    await page.close();
    await extPage.evaluate(() => chrome.storage.sync.set({ privacyMode: false }));
  });
});
