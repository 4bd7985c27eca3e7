/**
 * The watch on saved papers, end to end against the fake export.arxiv.org (fake-arxiv-api.ts: real Atom entries,
 * 429 for a request < 3 s after the previous one, 503, malformed XML, the 400 error feed): "Check now" asks arXiv
 * once, a new version found by the next day's pass (the alarm) gives ONE notification, the badge count, a Changes
 * entry, "v3 available (you saved v1)" in the reading list and a v3 BibTeX export; 250 saved papers go in spaced
 * batches of ≤ 100; arXiv down / malformed / 400 → a clear state, nothing lost, no request storm. The HF side against
 * the fake huggingface.co (real shapes, 429 with Retry-After; hfEditPaper changes what it says): code, linked models,
 * comments and an HF page appearing → Changes lines, badge count, one notification per pass, dismiss; a 429 → a clear
 * line and no ask before its Retry-After.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { collectErrors, launchExtension, openPopup, shot, type LaunchedExtension } from './browser';

declare const chrome: {
  alarms: { create(name: string, info: { when: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
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
    // The HF side: its asks and observations, and the last notification (one per pass, never twice in 20 h).
    const hfPapers = store.get('watch:hf:papers');
    hfPapers.onsuccess = () => {
      const all = (hfPapers.result ?? {}) as Record<string, { seenAt: number; requestedAt?: number }>;
      for (const p of Object.values(all)) {
        p.seenAt -= shift;
        if (p.requestedAt !== undefined) p.requestedAt -= shift;
      }
      store.put(all, 'watch:hf:papers');
    };
    const notified = store.get('watch:notifiedAt');
    notified.onsuccess = () => {
      if (typeof notified.result === 'number') store.put(notified.result - shift, 'watch:notifiedAt');
    };
    tx.oncomplete = () => { open.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
  open.onerror = () => reject(open.error);
}));
/** The same day passing for the HF cache: papers' fetch and detail times, "not on HF" answers, list snapshots. */
const cacheADayOlder = () => ext.sw.evaluate(() => new Promise<void>((resolve, reject) => {
  const open = indexedDB.open('paper-pulse');
  open.onsuccess = () => {
    const tx = open.result.transaction(['paperShards', 'misses', 'lists'], 'readwrite');
    const shift = 25 * 3_600_000;
    const each = (name: string, edit: (row: Record<string, unknown>) => void) => {
      const store = tx.objectStore(name);
      const all = store.getAll();
      all.onsuccess = () => {
        for (const row of all.result as Record<string, unknown>[]) {
          edit(row);
          store.put(row);
        }
      };
    };
    const older = (o: Record<string, unknown>, key: string) => {
      if (typeof o[key] === 'number') o[key] = (o[key] as number) - shift;
    };
    each('paperShards', (shard) => {
      for (const paper of Object.values(shard.papers as Record<string, Record<string, unknown>>)) {
        older(paper, 'fetchedAt');
        older(paper, 'detailFetchedAt');
      }
    });
    each('misses', (miss) => older(miss, 'checkedAt'));
    each('lists', (list) => older(list, 'fetchedAt'));
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

  test('HF side: code, linked models, comments and an HF page → Changes lines, badge, one notification; dismissable; the replica spares asks', async () => {
    const fake = ext.fake;
    const errors = collectErrors(popup);
    // A paper HF knows from an older month (not in this browser's cache), one HF doesn't know yet, and one of
    // today's Daily Papers, which the popup's Today list has put in the local copy.
    const { byId } = await fake.hfItems();
    const older = [...byId.values()].find((i) => !i.paper['githubRepo'] && String(i.paper['publishedAt']).startsWith('2024-09'))!;
    const olderId = older.paper.id;
    const olderTitle = String(older.paper['title']).replace(/\s+/g, ' ').trim();
    const newId = '2608.55555';
    await popup.goto(`chrome-extension://${ext.extId}/popup.html`);
    const today = await call<{ papers: { id: string; title: string }[] }>('getList', 'today', true);
    const held = today.papers[0]!;
    await call('readingListSave', olderId, { title: olderTitle });
    await call('readingListSave', newId, { title: 'A paper HF has not indexed yet' });
    await call('readingListSave', held.id, { title: held.title });
    const asks = (id: string) => fake.hfRequests().filter((r) => r.url.startsWith(`/api/papers/${id}`)).length;

    // First look: the baseline (no change), each paper asked once at most.
    const t0 = Date.now();
    await fireWatchAlarm();
    await expect.poll(async () => (await call<{ hf: { step?: { at: number } } }>('watchView')).hf.step?.at ?? 0).toBeGreaterThanOrEqual(t0);
    expect([asks(olderId), asks(newId), asks(held.id)]).toEqual([1, 1, 1]);
    expect((await call<{ changes: { paperId: string }[] }>('watchView')).changes.filter((c) => [olderId, newId, held.id].includes(c.paperId))).toEqual([]);

    // HF learns things: code and more linked models and comments for one, a page for the other.
    fake.hfEditPaper(olderId, { paper: { githubRepo: 'https://github.com/example/released-code' }, numComments: 3, linked: { models: 5 } });
    fake.hfEditPaper(newId, { paper: { title: 'A paper HF has not indexed yet', upvotes: 1 } });
    await ext.sw.evaluate(() => chrome.notifications.clear('paper-pulse-watch'));
    await aDayLater();
    await cacheADayOlder();
    // The hourly list refresh brings today's list again: the local copy holds today's paper fresh.
    await call('getList', 'today', true);
    const t1 = Date.now();
    await fireWatchAlarm();
    await expect.poll(() => ext.sw.evaluate(() => chrome.notifications.getAll()), { timeout: 40_000 }).toEqual({ 'paper-pulse-watch': true });
    await expect.poll(async () => (await call<{ hf: { step?: { at: number } } }>('watchView')).hf.step?.at ?? 0).toBeGreaterThanOrEqual(t1);
    // Asked again a day later, except today's paper: the local copy holds it, its counts come from there, and its
    // linked repos are asked weekly.
    expect([asks(olderId), asks(newId), asks(held.id)]).toEqual([2, 2, 1]);
    expect(await ext.sw.evaluate(() => chrome.action.getBadgeText({}))).toBe('4');
    expect(await ext.sw.evaluate(() => chrome.action.getTitle({}))).toBe('Paper Pulse — 4 changes on saved papers');

    // One notification per pass: the next hourly alarm with the changes still unseen shows none.
    await ext.sw.evaluate(() => chrome.notifications.clear('paper-pulse-watch'));
    await fireWatchAlarm();
    await popup.waitForTimeout(1_500);
    expect(await ext.sw.evaluate(() => chrome.notifications.getAll())).toEqual({});

    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=changes`);
    const lines = popup.locator(`ol.changes li[data-arxiv-id="${olderId}"] .change`);
    await expect.poll(() => lines.allTextContents()).toEqual(expect.arrayContaining([
      'Code released: github.com/example/released-code',
      'Linked models: 2 models → 5 models',
      'Comments on HF: 0 comments → 3 comments',
    ]));
    expect(await popup.locator(`ol.changes li[data-arxiv-id="${newId}"] .change`).textContent()).toBe('On Hugging Face: not on HF Papers → has a Hugging Face page');
    expect(await popup.locator(`[data-kind="code"] a.to`).getAttribute('href')).toBe('https://github.com/example/released-code');
    await expect.poll(() => popup.getByTestId('watch-hf-status').textContent()).toMatch(/^Hugging Face: \d+ saved papers looked at .*: \d+ updated from the local copy, \d+ asked\.$/);
    await shot(popup, 'watch-changes-hf');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'watch-changes-hf-dark');
    await popup.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => ext.sw.evaluate(() => chrome.action.getBadgeText({}))).toBe('');

    // Dismissed: gone from the view, and for good.
    await popup.getByRole('button', { name: `Dismiss: Code released on ${olderTitle}` }).click();
    await expect.poll(() => popup.locator('[data-kind="code"]').count()).toBe(0);
    await popup.reload();
    await expect.poll(() => popup.locator(`ol.changes li[data-arxiv-id="${olderId}"] .change`).count()).toBe(2);
    expect(await popup.locator('[data-kind="code"]').count()).toBe(0);
    expect(errors).toEqual([]);
    // Unsaved: out of the watch, their changes with them (the next test counts the saved papers).
    for (const id of [olderId, newId, held.id]) await call('readingListRemove', id);
  });

  test('HF side: a 429 with Retry-After stops the step with a clear line, nothing lost, no ask until it has passed', async () => {
    const fake = ext.fake;
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=changes`);
    // The saved paper's change found earlier (the unsaved papers' changes go with them at the next write).
    const savedChanges = popup.locator('ol.changes li[data-arxiv-id="1707.08567"] .change');
    await expect.poll(() => savedChanges.count()).toBe(1);
    await aDayLater();
    await cacheADayOlder();
    fake.hfFault = { kind: 'status', status: 429, headers: { 'retry-after': '30' } };
    const since = Date.now();
    await fireWatchAlarm();
    await expect.poll(async () => (await call<{ hf: { step?: { at: number; error?: string } } }>('watchView')).hf.step).toMatchObject({ error: 'Hugging Face rate limit reached' });
    const asked = fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/')).length;
    expect(asked).toBe(1);
    await popup.reload();
    await expect.poll(() => popup.getByTestId('watch-hf-status').textContent()).toMatch(/Stopped: Hugging Face rate limit reached; it goes on within the hour\./);
    expect(await savedChanges.count()).toBe(1);
    // The next alarm inside the Retry-After asks nothing: the client's gate holds it, the line says when.
    await fireWatchAlarm();
    await expect.poll(async () => (await call<{ hf: { step?: { error?: string } } }>('watchView')).hf.step?.error ?? '').toMatch(/^Hugging Face is unavailable right now; next try in \d+ s$/);
    expect(fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/')).length).toBe(asked);
    fake.hfFault = undefined;
  });

  test('250 saved papers → 3 requests of ≤ 100 ids, ≥ 3 s apart, one connection; privacy mode sends none', async () => {
    const api = ext.fake.arxivApi;
    const known = api.ids().filter((id) => !['2104.12255', '1707.08567'].includes(id));
    const unknown = Array.from({ length: 248 - known.length }, (_, i) => `2601.${20000 + i}`);
    for (const id of [...known, ...unknown]) await call('readingListSave', id, { title: `Paper ${id}` });
    await call('watchSetPaper', '2104.12255', true);
    await aDayLater();
    const before = api.requests.length;
    const start = Date.now();
    await fireWatchAlarm();
    await expect.poll(async () => {
      const { pass } = await call<{ pass?: { startedAt: number; outcome?: { state: string } } }>('watchView');
      return pass && pass.startedAt >= start ? pass.outcome?.state : undefined;
    }, { timeout: 40_000 }).toBe('ok');
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
