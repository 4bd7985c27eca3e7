/**
 * Popup search (issue 11 §5) and related papers across worker restarts (§6), in Chromium with the built extension:
 * the Search view finds a cached paper by a word of its abstract as it is typed, with no request to HF; the results are
 * keyboard navigable (↓/↑ between the box and the rows, Enter opens); Save works from a result; "no results" and the
 * blank state say so; related papers still answer after the worker is stopped (from the stored index); Clear cache
 * deletes the stored index.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { stem, STOP, words } from '../../src/shared/related';
import { collectErrors, DB_NAME, launchExtension, openPopup, readCachedPapers, readStore, readStoreEntries, shot, tabIdOf, type LaunchedExtension } from './browser';

type DailyItem = { paper: { id: string; upvotes: number; title: string } };
const latest = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8')) as DailyItem[];
interface Cached { id: string; title: string; summary: string; authors: string[]; upvotes: number; dailyDate?: string }

vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 100 } } });

let ext: LaunchedExtension;
let extPage: Page;
let cached: Cached[];
beforeAll(async () => {
  ext = await launchExtension();
  extPage = await ext.ctx.newPage();
  await extPage.goto(`chrome-extension://${ext.extId}/options.html`);
  // The install-time prefetch caches today's, this week's and this month's lists.
  await vi.waitFor(async () => expect((await readCachedPapers(ext.sw)).length).toBeGreaterThan(latest.length), { timeout: 30_000, interval: 200 });
  cached = await readCachedPapers<Cached>(ext.sw);
});
afterAll(async () => ext?.close());

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
const ask = <T>(pp: string, ...args: unknown[]) =>
  extPage.evaluate(([name, a]) => chrome.runtime.sendMessage({ pp: name, args: a }), [pp, args] as const) as Promise<{ value: T }>;

/** A paper of today's list and a word of its abstract that no other cached paper has, nor its own title/authors. */
function abstractOnlyTarget(): { paper: Cached; word: string } {
  const df = new Map<string, number>();
  for (const p of cached) for (const t of new Set(words(`${p.title} ${p.summary} ${p.authors.join(' ')}`).map(stem))) df.set(t, (df.get(t) ?? 0) + 1);
  for (const item of latest) {
    const paper = cached.find((p) => p.id === item.paper.id)!;
    const named = new Set(words(`${paper.title} ${paper.authors.join(' ')}`).map(stem));
    const word = words(paper.summary).find((w) => w.length > 7 && !STOP.has(w) && !named.has(stem(w)) && df.get(stem(w)) === 1);
    if (word) return { paper, word };
  }
  throw new Error('no paper with an abstract-only word');
}

const rows = (popup: Page) => popup.getByTestId('search-results').locator('li');
const ids = (popup: Page) => rows(popup).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-arxiv-id')));
const status = (popup: Page) => popup.getByTestId('search-status');
const focused = (popup: Page) => popup.evaluate(() => {
  const el = document.activeElement;
  return el?.getAttribute('data-testid') ?? el?.closest('li')?.getAttribute('data-arxiv-id') ?? el?.tagName;
});

async function openSearch(): Promise<Page> {
  const popup = await openPopup(ext.ctx, ext.extId);
  await popup.getByRole('tab', { name: 'Search' }).click();
  await expect.poll(() => status(popup).getAttribute('data-state')).toBe('blank');
  return popup;
}

describe('popup search', () => {
  test('finds a paper by a word of its abstract as it is typed, offline, from the cache: ▲, date and Save on the row', async () => {
    const { paper, word } = abstractOnlyTarget();
    const popup = await openSearch();
    const errors = collectErrors(popup);
    expect(await status(popup).textContent()).toMatch(new RegExp(`^Searches the ${cached.length.toLocaleString('en')} cached papers in this browser`));
    const since = Date.now();
    ext.fake.hfFault = { kind: 'close' }; // offline: every huggingface.co request would fail
    try {
      await popup.getByTestId('search-box').pressSequentially(word, { delay: 40 });
      await expect.poll(() => ids(popup)).toEqual([paper.id]);
    } finally {
      ext.fake.hfFault = undefined;
    }
    const row = rows(popup).first();
    expect(await row.locator('.votes').textContent()).toBe(`▲ ${paper.upvotes}`);
    expect(await row.locator('.pmeta').textContent()).toContain(paper.dailyDate!);
    expect(await row.locator('.ptitle').textContent()).toBe(paper.title);
    expect(await row.getByTestId('list-save').getAttribute('aria-pressed')).toBe('false');
    expect(await status(popup).textContent()).toMatch(/^1 of [\d,]+ cached papers match/);
    // Every keystroke was answered by the worker alone.
    expect(ext.fake.hfRequests(since)).toEqual([]);
    await shot(popup, 'popup-search-abstract-word');
    expect(errors).toEqual([]);
    await popup.close();
  });

  test('keyboard: ↓ from the box into the rows, ↑/↓ between them, ↑ back to the box, Enter opens; Save from a result', async () => {
    const popup = await openSearch();
    const box = popup.getByTestId('search-box');
    await box.focus();
    await popup.keyboard.type('diffusion');
    await expect.poll(async () => (await ids(popup)).length).toBeGreaterThan(2);
    const shown = await ids(popup);
    // Title matches first: the top rows have the word in their title.
    const titles = await rows(popup).locator('.ptitle').allTextContents();
    expect(titles[0]).toMatch(/diffusion/i);
    await popup.keyboard.press('ArrowDown');
    expect(await focused(popup)).toBe(shown[0]);
    await popup.keyboard.press('ArrowDown');
    expect(await focused(popup)).toBe(shown[1]);
    await popup.keyboard.press('ArrowUp');
    expect(await focused(popup)).toBe(shown[0]);
    // Enter on a focused result opens it in a new tab.
    const [opened] = await Promise.all([ext.ctx.waitForEvent('page'), popup.keyboard.press('Enter')]);
    expect(opened.url()).toBe(`https://huggingface.co/papers/${shown[0]}`);
    await opened.close();
    await popup.keyboard.press('ArrowUp');
    expect(await focused(popup)).toBe('search-box');
    // Enter in the box opens the best match.
    const [best] = await Promise.all([ext.ctx.waitForEvent('page'), popup.keyboard.press('Enter')]);
    expect(best.url()).toBe(`https://huggingface.co/papers/${shown[0]}`);
    await best.close();

    // Save the second result with the keyboard: ↓↓ to its title, Tab to its Save button, Space.
    await popup.bringToFront();
    await box.focus();
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Tab');
    const save = rows(popup).nth(1).getByTestId('list-save');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('list-save');
    await popup.keyboard.press('Space');
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await readStore<{ id: string }>(ext.sw, DB_NAME, 'readingList')).map((e) => e.id)).toContain(shown[1]);
    await shot(popup, 'popup-search-keyboard-saved');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'popup-search-dark');
    await popup.close();
  });

  test('no results and blank states say so', async () => {
    const popup = await openSearch();
    const box = popup.getByTestId('search-box');
    await box.fill('qwxzvbnmplk');
    await expect.poll(() => status(popup).getAttribute('data-state')).toBe('none');
    expect(await status(popup).textContent()).toBe('No cached paper matches “qwxzvbnmplk”.');
    expect(await rows(popup).count()).toBe(0);
    await shot(popup, 'popup-search-no-results');
    await box.fill('the ');
    await expect.poll(() => status(popup).getAttribute('data-state')).toBe('blank');
    await popup.close();
  });
});

describe('related papers across a worker restart', () => {
  test('the popup shows the same related papers after the worker is stopped (stored index); Clear cache deletes that index', async () => {
    const id = latest[0]!.paper.id;
    const before = (await ask<{ items: { id: string; source: string }[]; corpusSize: number }>('getRelated', id)).value;
    const local = before.items.filter((i) => i.source === 'local').map((i) => i.id);
    expect(local.length).toBeGreaterThan(3);
    const storedSize = async () => {
      const entry = (await readStoreEntries<{ index?: { size: number } }>(ext.sw, DB_NAME, 'meta')).find(([key]) => key === 'textIndex');
      return entry?.[1].index?.size;
    };
    await expect.poll(storedSize).toBe(before.corpusSize);

    const abs = await ext.ctx.newPage();
    await abs.goto(`https://arxiv.org/abs/${id}`);
    const tabId = await tabIdOf(ext.sw, `https://arxiv.org/abs/${id}*`);
    await ext.sw.evaluate(() => void ((globalThis as unknown as { __life?: number }).__life = 1));
    const cdp = await ext.ctx.newCDPSession(extPage);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    // The popup on that paper, opened after the stop: its related list is the first answer of the new worker life.
    const popup = await openPopup(ext.ctx, ext.extId, tabId);
    const related = popup.getByTestId('related-list').locator('li[data-source="local"]');
    await expect.poll(() => related.count()).toBe(local.length);
    expect(await related.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-arxiv-id')))).toEqual(local);
    expect(await ext.sw.evaluate(() => (globalThis as unknown as { __life?: number }).__life), 'the worker really restarted').toBeUndefined();
    expect(await popup.getByTestId('related').locator('.explain').textContent()).toContain(`over ${before.corpusSize.toLocaleString('en')} cached papers`);
    await shot(popup, 'popup-related-after-worker-restart');
    await popup.close();
    await abs.close();

    await ask('clearCache');
    expect(await storedSize()).toBeUndefined();
  });
});
