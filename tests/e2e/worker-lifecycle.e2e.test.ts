/**
 * Worker lifecycle and data safety (issue 6):
 * - the worker is stopped (CDP ServiceWorker.stopAllWorkers, recipe §11) at several moments of a list refresh: after a
 *   restart the `today` snapshot is the old one or the new one, never a mix, and every id in it has its paper row;
 * - IndexedDB failing (every transaction throws, as when the profile's storage is broken or over quota): the abs page
 *   still gets its badge from the network and says the data is not saved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, DB_NAME, launchExtension, readCachedPapers, readStore, readStoreEntries, type LaunchedExtension } from './browser';
import { ageRows } from './fault-tools';

type DailyItem = { paper: { id: string; upvotes: number; submittedOnDailyAt?: string } };
const fixture = (date: string): DailyItem[] =>
  JSON.parse(readFileSync(path.resolve(`../shared/fixtures/hf-api/real/daily_papers.date-${date}.json`), 'utf8'));
const oldDay = fixture('2026-08-21');
const newDay = fixture('2025-06-02'); // served as "latest" once the fake switches
const DAY = 86_400_000;

let ext: LaunchedExtension;
let extPage: Page;
beforeAll(async () => {
  ext = await launchExtension();
  // An extension page to send runtime messages from (what the popup does).
  extPage = await ext.ctx.newPage();
  await extPage.goto(`chrome-extension://${ext.extId}/options.html`);
});
afterAll(async () => ext?.close());

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> }; storage: { local: { get(k: null): Promise<Record<string, unknown>> } } };
const ask = (page: Page, pp: string, ...args: unknown[]) =>
  page.evaluate(([name, a]) => chrome.runtime.sendMessage({ pp: name, args: a }).catch((e: Error) => ({ error: e.message })), [pp, args] as const);

async function stopWorker(page: Page): Promise<void> {
  const cdp = await ext.ctx.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

describe('worker stopped mid-refresh', () => {
  test('the today snapshot is whole: old or new, every id with its paper', async () => {
    // Old snapshot in place (the install-time prefetch).
    await expect.poll(async () => (await readStore<{ key: string; ids: string[] }>(ext.sw, DB_NAME, 'lists')).find((l) => l.key === 'today')?.ids.length)
      .toBe(oldDay.length);
    const oldIds = [...oldDay].sort((a, b) => b.paper.upvotes - a.paper.upvotes).map((i) => i.paper.id);
    const newIds = [...newDay].sort((a, b) => b.paper.upvotes - a.paper.upvotes).map((i) => i.paper.id);
    const seen: string[] = [];
    // HF answers 150 ms after the request arrives; the worker is stopped before that, and at several moments after
    // it (around the one write transaction).
    for (const delay of [50, 120, 150, 152, 155, 160, 170, 190, 230, 310]) {
      let answered = 0;
      const stop = ext.fake.hfOverride('/api/daily_papers', async (_req, url) => {
        if (url.searchParams.has('date') || url.searchParams.has('week') || url.searchParams.has('sort')) return undefined;
        answered = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { json: newDay };
      });
      await ageRows(ext.sw, 'lists', ['today'], 8 * DAY); // expired: getList must refresh
      const pending = ask(extPage, 'getList', 'today');
      await expect.poll(() => answered, { timeout: 5_000 }).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, delay));
      await ext.sw.evaluate(() => void ((globalThis as unknown as { __life?: number }).__life = 1));
      await stopWorker(extPage);
      await pending; // answered, or failed because the worker died: either is fine for the caller
      stop();
      // Restart (any message) and read what the new worker life sees.
      await ask(extPage, 'getPaper', '2101.04792');
      expect(await ext.sw.evaluate(() => (globalThis as unknown as { __life?: number }).__life), 'the worker really restarted').toBeUndefined();
      const lists = await readStore<{ key: string; ids: string[] }>(ext.sw, DB_NAME, 'lists');
      const today = lists.find((l) => l.key === 'today')!;
      const papers = new Set((await readCachedPapers<{ id: string }>(ext.sw)).map((p) => p.id));
      const which = JSON.stringify(today.ids) === JSON.stringify(oldIds) ? 'old' : JSON.stringify(today.ids) === JSON.stringify(newIds) ? 'new' : 'MIXED';
      seen.push(`${delay} ms → ${which}`);
      expect(which, `stopped ${delay} ms after the answer`).not.toBe('MIXED');
      expect(today.ids.filter((id) => !papers.has(id)), 'ids without a paper row').toEqual([]);
      // Put the old list back for the next round (fresh fetch from the fake's real data).
      if (which === 'new') {
        await ageRows(ext.sw, 'lists', ['today'], 8 * DAY);
        await ask(extPage, 'getList', 'today');
      }
    }
    console.info(`worker stopped after the request arrived: ${seen.join(', ')}`);
    expect(seen.some((x) => x.endsWith('old')) && seen.some((x) => x.endsWith('new')), seen.join(', ')).toBe(true);
    // The meta store holds no half-written refresh marker either.
    const meta = await readStoreEntries(ext.sw, DB_NAME, 'meta');
    expect(meta.filter(([k]) => String(k).startsWith('lastError:today'))).toEqual([]);
  }, 90_000);
});

describe('reading list under concurrency and restarts', () => {
  test('five tabs saving and unsaving at once: the final state is each paper\'s last action, in IDB and the mirror', async () => {
    const ids = fixture('2024-05-27').slice(0, 10).map((i) => i.paper.id);
    const tabs = await Promise.all(Array.from({ length: 5 }, async () => {
      const page = await ext.ctx.newPage();
      await page.goto(`chrome-extension://${ext.extId}/options.html`);
      return page;
    }));
    // Tab t owns papers 2t and 2t+1: saves both, then unsaves the second, re-saves it, unsaves it again (its last
    // action). All five tabs run at the same time, so the worker sees their messages interleaved.
    await Promise.all(tabs.map(async (tab, t) => {
      const [keep, drop] = [ids[2 * t]!, ids[2 * t + 1]!];
      for (const [pp, id] of [['readingListSave', keep], ['readingListSave', drop], ['readingListRemove', drop], ['readingListSave', drop], ['readingListRemove', drop]] as const) {
        const reply = await ask(tab, pp, id);
        expect(reply).not.toHaveProperty('error');
      }
    }));
    const expected = ids.filter((_, i) => i % 2 === 0).sort();
    const inDb = (await readStore<{ id: string }>(ext.sw, DB_NAME, 'readingList')).map((e) => e.id).filter((id) => ids.includes(id)).sort();
    expect(inDb).toEqual(expected);
    const mirror = await tabs[0]!.evaluate(async () => Object.values(await chrome.storage.local.get(null)));
    const mirrored = mirror.flatMap((v) => (Array.isArray(v) ? v : [])).filter((id) => ids.includes(id as string)).sort();
    expect(mirrored).toEqual(expected);
    // A worker restart loses none of it.
    await stopWorker(tabs[0]!);
    await ask(tabs[0]!, 'readingList');
    const after = (await readStore<{ id: string }>(ext.sw, DB_NAME, 'readingList')).map((e) => e.id).filter((id) => ids.includes(id)).sort();
    expect(after).toEqual(expected);
    await Promise.all(tabs.map((tab) => tab.close()));
  }, 60_000);
});

describe('IndexedDB failing', () => {
  test('the abs page still badges from the network and says the data is not saved', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    const paper = fixture('2024-05-27')[3]!;
    // Break every transaction in the worker's global scope (the product's open connection included).
    await ext.sw.evaluate(() => {
      const g = globalThis as unknown as { __ppIdbBroken?: boolean };
      g.__ppIdbBroken = true;
      IDBDatabase.prototype.transaction = function broken() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.goto(`https://arxiv.org/abs/${paper.paper.id}`);
    const host = page.locator('[data-paper-pulse="badge"]');
    await expect.poll(() => host.getAttribute('data-upvotes'), { timeout: 10_000 }).toBe(String(paper.paper.upvotes));
    expect(await host.evaluate((el) => el.shadowRoot!.querySelector('.card .age')?.textContent)).toMatch(/not saved/i);
    // A second visit in the same worker life is served from memory: no second request.
    const since = Date.now();
    await page.reload();
    await expect.poll(() => host.getAttribute('data-upvotes')).toBe(String(paper.paper.upvotes));
    expect(ext.fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/'))).toEqual([]);
    expect(errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'))).toEqual([]);
    // The popup's list too comes from the network (and memory) instead of failing.
    const popup = await ext.ctx.newPage();
    const popupErrors = collectErrors(popup);
    await popup.goto(`chrome-extension://${ext.extId}/popup.html`);
    await expect.poll(() => popup.getByTestId('list').locator('li').count(), { timeout: 10_000 }).toBe(oldDay.length);
    expect(popupErrors).toEqual([]);
    await popup.close();
    await page.close();
  });
});
