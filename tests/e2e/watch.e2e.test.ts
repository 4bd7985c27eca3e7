/**
 * The watch on saved papers, end to end against the fake export.arxiv.org (fake-arxiv-api.ts: real Atom entries,
 * 429 for a request < 3 s after the previous one, 503, malformed XML, the 400 error feed): "Check now" asks arXiv
 * once, a new version found by the next day's pass (the alarm) gives ONE notification, the badge count, a Changes
 * entry, "v3 available (you saved v1)" in the reading list and a v3 BibTeX export; 250 saved papers go in spaced
 * batches of ≤ 100; arXiv down / malformed / 400 → a clear state, nothing lost, no request storm.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { collectErrors, launchExtension, openPopup, shot, type LaunchedExtension } from './browser';

declare const chrome: {
  alarms: { create(name: string, info: { when: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  action: { getBadgeText(d: { tabId?: number }): Promise<string>; getTitle(d: { tabId?: number }): Promise<string> };
  runtime: { sendMessage(m: unknown): Promise<{ value?: unknown; error?: string }> };
};

vi.setConfig({ expect: { poll: { timeout: 20_000, interval: 100 } }, testTimeout: 90_000 });

let ext: LaunchedExtension;
let popup: Page;
beforeAll(async () => {
  ext = await launchExtension();
  popup = await openPopup(ext.ctx, ext.extId);
});
afterAll(async () => ext?.close());

/** A protocol call from an extension page, as the popup makes it. */
const call = <T>(name: string, ...args: unknown[]) => popup.evaluate(async ([n, a]) => {
  const reply = await chrome.runtime.sendMessage({ pp: n, args: a });
  if (reply.error) throw new Error(reply.error);
  return reply.value;
}, [name, args] as const) as Promise<T>;

/** A day passes: the stored pass and papers' check times move 25 h back (the worker's clock can't be moved). */
const aDayLater = () => ext.sw.evaluate(() => new Promise<void>((resolve, reject) => {
  const open = indexedDB.open('paper-pulse');
  open.onsuccess = () => {
    const tx = open.result.transaction('meta', 'readwrite');
    const store = tx.objectStore('meta');
    const shift = 25 * 3_600_000;
    const pass = store.get('watch:pass');
    pass.onsuccess = () => {
      if (pass.result) store.put({ ...pass.result, startedAt: pass.result.startedAt - shift }, 'watch:pass');
    };
    const papers = store.get('watch:papers');
    papers.onsuccess = () => {
      const all = (papers.result ?? {}) as Record<string, { checkedAt: number }>;
      for (const p of Object.values(all)) p.checkedAt -= shift;
      store.put(all, 'watch:papers');
    };
    tx.oncomplete = () => { open.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
  open.onerror = () => reject(open.error);
}));
/** Writes (or with `value` undefined deletes) one reading-list row behind the product's back: an id arXiv refuses. */
const rawReadingListRow = (id: string, value?: object) => ext.sw.evaluate(([key, row]) => new Promise<void>((resolve, reject) => {
  const open = indexedDB.open('paper-pulse');
  open.onsuccess = () => {
    const tx = open.result.transaction('readingList', 'readwrite');
    if (row) tx.objectStore('readingList').put(row);
    else tx.objectStore('readingList').delete(key);
    tx.oncomplete = () => { open.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
}), [id, value] as const);
const fireWatchAlarm = () => ext.sw.evaluate(() => chrome.alarms.create('watch', { when: Date.now() + 50 }));
const status = (page: Page) => page.getByTestId('watch-status').textContent();

describe('watch on saved papers (arXiv API)', () => {
  test('Check now → baseline; next day v3 → one notification, badge, Changes entry, reading list line, v3 BibTeX', async () => {
    const api = ext.fake.arxivApi;
    const errors = collectErrors(popup);
    await call('readingListSave', '1707.08567', { title: 'Proceedings of Workshop AEW10' });
    await call('readingListSave', '2104.12255', { title: 'Saved paper B' });
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=changes`);
    await expect.poll(() => status(popup)).toMatch(/Not checked yet/);
    await popup.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => status(popup)).toMatch(/Last checked .*: 2 papers, 0 changes/);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ status: 200, maxResults: '2', cookie: false });
    expect([...api.requests[0]!.ids].sort()).toEqual(['1707.08567', '2104.12255']);
    // The daily limit holds for the button too.
    expect(await popup.getByRole('button', { name: 'Check now' }).isDisabled()).toBe(true);
    expect(await status(popup)).toMatch(/Next check after/);

    api.newVersion('1707.08567', 3);
    await aDayLater();
    await fireWatchAlarm();
    await expect.poll(() => ext.sw.evaluate(() => chrome.notifications.getAll())).toEqual({ 'paper-pulse-watch': true });
    expect(api.requests).toHaveLength(2);
    expect(await ext.sw.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
    expect(await ext.sw.evaluate(() => chrome.action.getTitle({}))).toBe('Paper Pulse — 1 change on saved papers');

    await popup.reload();
    const entry = popup.locator('ol.changes li[data-arxiv-id="1707.08567"]');
    await expect.poll(() => entry.textContent()).toMatch(/^Proceedings of Workshop AEW10: Concepts in Information Theory and Communications.*New version: v1 → v3/);
    expect(await popup.locator('ol.changes li').count()).toBe(1);
    await shot(popup, 'watch-changes-view');
    // Seen: the badge count goes.
    await expect.poll(() => ext.sw.evaluate(() => chrome.action.getBadgeText({}))).toBe('');

    await popup.getByRole('tab', { name: 'Reading list' }).click();
    const line = popup.locator('li[data-arxiv-id="1707.08567"] [data-testid="watch-line"]');
    await expect.poll(() => line.textContent()).toMatch(/v3 available \(you saved v1\)/);
    expect(await popup.locator('li[data-arxiv-id="2104.12255"] [data-testid="watch-line"] .newer').count()).toBe(0);
    await shot(popup, 'watch-reading-list');
    const bib = await call<string>('readingListExport', 'bibtex');
    expect(bib).toMatch(/eprint = \{1707\.08567\},[\s\S]*version = \{3\},[\s\S]*url = \{https:\/\/arxiv\.org\/abs\/1707\.08567v3\}/);
    expect(api.spacingViolations).toBe(0);
    expect(errors).toEqual([]);
  });

  test('a paper switched off in the reading list is not sent; arXiv down, malformed, 400 → clear state, nothing lost', async () => {
    const api = ext.fake.arxivApi;
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=reading-list`);
    const box = popup.getByRole('checkbox', { name: 'Watch Saved paper B on arXiv' });
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.uncheck();
    await expect.poll(async () => (await call<{ off: string[] }>('watchView')).off).toEqual(['2104.12255']);

    const before = api.requests.length;
    const faults = [
      [503, 'arXiv unavailable (HTTP 503)', /failed: arXiv unavailable \(HTTP 503\)\. Nothing was lost\./],
      ['malformed', 'arXiv sent an unreadable answer', /failed: arXiv sent an unreadable answer/],
    ] as const;
    for (const [fault, outcome, message] of faults) {
      api.fault = fault;
      await aDayLater();
      await fireWatchAlarm();
      await expect.poll(async () => (await call<{ pass?: { outcome?: { message?: string } } }>('watchView')).pass?.outcome?.message ?? '').toContain(outcome);
      await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=changes`);
      await expect.poll(() => status(popup)).toMatch(message);
      // Nothing lost: the change found before is still listed.
      expect(await popup.locator('ol.changes li[data-arxiv-id="1707.08567"]').count()).toBe(1);
      // No storm: the hourly alarm firing again right away asks nothing (retry an hour later at the earliest).
      const count = api.requests.length;
      await fireWatchAlarm();
      await popup.waitForTimeout(1_000);
      expect(api.requests).toHaveLength(count);
    }
    await shot(popup, 'watch-changes-error');
    api.fault = undefined;
    // An id arXiv can't parse (a corrupted row): its 400 error feed's message is the outcome, in the view as is.
    const good = (await call<{ id: string }[]>('readingList'))[0]!;
    await rawReadingListRow('abc', { ...good, id: 'abc' });
    await aDayLater();
    await fireWatchAlarm();
    await popup.reload();
    await expect.poll(() => status(popup)).toMatch(/failed: arXiv refused the request: incorrect id format for abc\. Nothing was lost\./);
    await rawReadingListRow('abc');
    expect(api.requests.slice(before).every((r) => r.ids.filter((id) => id !== 'abc').join() === '1707.08567')).toBe(true);

    // The options page shows the last pass and its outcome.
    const options = await ext.ctx.newPage();
    await options.goto(`chrome-extension://${ext.extId}/options.html`);
    await expect.poll(() => options.getByTestId('options-watch-status').textContent()).toMatch(/Watch: Last check .* failed: arXiv refused the request: incorrect id format for abc/);
    await options.close();
    expect(api.spacingViolations).toBe(0);
  });

  test('250 saved papers → 3 requests of ≤ 100 ids, ≥ 3 s apart, one connection; privacy mode sends none', async () => {
    const api = ext.fake.arxivApi;
    const known = api.ids().filter((id) => !['2104.12255', '1707.08567'].includes(id));
    const unknown = Array.from({ length: 248 - known.length }, (_, i) => `2601.${20000 + i}`);
    for (const id of [...known, ...unknown]) await call('readingListSave', id, { title: `Paper ${id}` });
    await call('watchSetPaper', '2104.12255', true);
    await aDayLater();
    const before = api.requests.length;
    await fireWatchAlarm();
    await expect.poll(async () => (await call<{ pass?: { outcome?: { state: string } ; finishedAt?: number } }>('watchView')).pass?.outcome?.state, { timeout: 40_000 }).toBe('ok');
    const pass = api.requests.slice(before);
    expect(pass.map((r) => r.ids.length).sort((a, b) => b - a)).toEqual([100, 100, 50]);
    expect(pass.every((r) => r.status === 200 && r.maxResults === String(r.ids.length))).toBe(true);
    const gaps = pass.slice(1).map((r, i) => r.time - pass[i]!.time);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(3_000);
    expect(api.spacingViolations).toBe(0);
    const view = await call<{ pass: { outcome: { checked: number; missing: number } } }>('watchView');
    expect(view.pass.outcome).toMatchObject({ checked: known.length + 2, missing: unknown.length });

    await popup.evaluate(() => (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }).chrome.storage.sync.set({ privacyMode: true }));
    await aDayLater();
    const quiet = api.requests.length;
    await fireWatchAlarm();
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=changes`);
    await expect.poll(() => status(popup)).toMatch(/Privacy mode is on/);
    expect(await popup.getByRole('button', { name: 'Check now' }).isDisabled()).toBe(true);
    expect(api.requests).toHaveLength(quiet);
  });
});
