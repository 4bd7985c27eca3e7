/**
 * Popup, issue 5: the four trending lists (Daily Papers today / week / month by upvotes, HF Trending) and the
 * related papers under the current paper, each with a "why", no self, HF search merged once and cached.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { collectErrors, DB_NAME, launchExtension, openPopup, readStore, shot, tabIdOf, type LaunchedExtension } from './browser';

type DailyItem = { paper: { id: string; upvotes: number; title: string } };
const latest = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8')) as DailyItem[];
const corpus = JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as
  { id: string; upvotes: number; dailyDate: string }[];

/** What HF lists for a range of Daily Papers days: the corpus days, with the real 2026-08-21 capture winning. */
function dailyRange(from: string, to: string): Map<string, number> {
  const out = new Map(corpus.filter((r) => r.dailyDate >= from && r.dailyDate <= to).map((r) => [r.id, r.upvotes]));
  for (const item of latest) out.set(item.paper.id, item.paper.upvotes);
  return out;
}

// The worker does real work behind each poll (fetch, IndexedDB, alarms): give it time on a loaded machine.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

const rows = (popup: Page, testId = 'list') => popup.getByTestId(testId).locator('li');
const shown = (popup: Page, testId = 'list') =>
  rows(popup, testId).evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-arxiv-id')!, Number(li.getAttribute('data-upvotes'))] as [string, number]));

async function openList(popup: Page, name: string, kind: string): Promise<void> {
  await popup.getByRole('tab', { name }).click();
  await expect.poll(() => popup.locator('#list-panel').getAttribute('data-kind')).toBe(kind);
  await expect.poll(() => rows(popup).count()).toBeGreaterThan(0);
}

describe('trending lists', () => {
  test('Today / This week / This month list the fixture papers by upvotes; each says what it measures and when', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    const errors = collectErrors(popup);
    await expect.poll(() => rows(popup).count()).toBe(latest.length);
    // Desktop: the popup's own 400 px, not the phone layout (phone-width.e2e.test.ts covers that one).
    expect(await popup.evaluate(() => [document.body.classList.contains('phone'), document.body.getBoundingClientRect().width])).toEqual([false, 400]);
    expect(await popup.getByRole('tab', { name: 'Today' }).getAttribute('aria-selected')).toBe('true');
    const today = [...latest].sort((a, b) => b.paper.upvotes - a.paper.upvotes).map((i) => [i.paper.id, i.paper.upvotes]);
    expect(await shown(popup)).toEqual(today);
    await expect.poll(() => popup.getByTestId('measures').textContent()).toMatch(/^HF Daily Papers of 2026-08-21, by community upvotes\. Fetched (just now|\d+ min ago)\.$/);
    expect(await popup.getByTestId('data-age').textContent()).toMatch(/^Updated (just now|\d+ min ago)$/);
    await shot(popup, 'popup-trending-today-light');

    // ISO week 2026-W34 is Mon 2026-08-17 … Sun 2026-08-23; the month is August.
    for (const [name, kind, expected, label] of [
      ['This week', 'week', dailyRange('2026-08-17', '2026-08-23'), 'week 2026-W34'],
      ['This month', 'month', dailyRange('2026-08-01', '2026-08-31'), 'month 2026-08'],
    ] as const) {
      await openList(popup, name, kind);
      await expect.poll(async () => (await shown(popup)).length).toBe(expected.size);
      const list = await shown(popup);
      expect(new Map(list)).toEqual(expected);
      const votes = list.map(([, v]) => v);
      expect(votes).toEqual([...votes].sort((a, b) => b - a));
      expect(await popup.getByTestId('measures').textContent()).toMatch(new RegExp(`^HF Daily Papers of the ${label}, by community upvotes\\. Fetched (just now|\\d+ min ago)\\.$`));
    }
    await shot(popup, 'popup-trending-month-light');
    expect(errors).toEqual([]);
    await popup.close();
  });

  test('HF Trending keeps HF order and says it follows GitHub activity, not upvotes', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    await openList(popup, 'HF Trending', 'trending');
    const snapshot = (await readStore<{ key: string; ids: string[] }>(ext.sw, DB_NAME, 'lists')).find((l) => l.key === 'trending')!;
    expect((await shown(popup)).map(([id]) => id)).toEqual(snapshot.ids);
    expect(await popup.getByTestId('measures').textContent()).toContain('GitHub activity, not upvotes');
    // Keyboard: arrows move between the list tabs.
    await popup.getByRole('tab', { name: 'HF Trending' }).focus();
    await popup.keyboard.press('Home');
    await expect.poll(() => popup.locator('#list-panel').getAttribute('data-kind')).toBe('today');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('list-tab-today');
    await popup.keyboard.press('ArrowLeft');
    await expect.poll(() => popup.locator('#list-panel').getAttribute('data-kind')).toBe('trending');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'popup-trending-hf-dark');
    await popup.close();
  });

  test('the ☆ on a row saves the paper to the reading list and shows ★', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    await expect.poll(() => rows(popup).count()).toBe(latest.length);
    const first = rows(popup).first();
    const id = await first.getAttribute('data-arxiv-id');
    const star = first.getByTestId('list-save');
    await expect.poll(() => star.isEnabled()).toBe(true);
    expect(await star.getAttribute('aria-pressed')).toBe('false');
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await readStore<{ id: string }>(ext.sw, DB_NAME, 'readingList')).map((e) => e.id)).toContain(id);
    await star.click();
    await expect.poll(async () => (await readStore<{ id: string }>(ext.sw, DB_NAME, 'readingList')).map((e) => e.id)).not.toContain(id);
    await popup.close();
  });
});

describe('related papers', () => {
  test('an abs tab gets related papers with a "why" each, never itself; HF search is asked once per paper', async () => {
    const self = latest[0]!.paper;
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${self.id}`);
    const tabId = await tabIdOf(ext.sw, `https://arxiv.org/abs/${self.id}`);
    const since = Date.now();
    const popup = await openPopup(ext.ctx, ext.extId, tabId);
    const errors = collectErrors(popup);
    await expect.poll(() => rows(popup, 'related-list').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    const related = await shown(popup, 'related-list');
    expect(related.map(([id]) => id)).not.toContain(self.id);
    expect(new Set(related.map(([id]) => id)).size).toBe(related.length);
    const whys = await rows(popup, 'related-list').evaluateAll((lis) => lis.map((li) => li.querySelector('[data-testid=why]')?.textContent ?? ''));
    for (const why of whys) expect(why).toMatch(/^(HF search · )?Shared: \S|^HF search match/);
    // Local ranking first, then HF search results it didn't already have.
    const sources = await rows(popup, 'related-list').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-source')));
    expect(sources[0]).toBe('local');
    expect(sources.indexOf('hf-search') === -1 || sources.slice(sources.indexOf('hf-search')).every((s) => s === 'hf-search')).toBe(true);
    const searches = ext.fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/search'));
    expect(searches).toHaveLength(1);
    expect(new URL(searches[0]!.url, 'https://huggingface.co').searchParams.get('q')).toBe(self.title.replace(/\s+/g, ' ').trim());
    await popup.getByTestId('related').scrollIntoViewIfNeeded();
    await shot(popup, 'popup-related-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'popup-related-dark');
    expect(errors).toEqual([]);
    await popup.close();

    // Again: the search answer is cached, no new request.
    const again = Date.now();
    const second = await openPopup(ext.ctx, ext.extId, tabId);
    await expect.poll(() => rows(second, 'related-list').count(), { timeout: 15_000 }).toBe(related.length);
    expect(ext.fake.hfRequests(again).filter((r) => r.url.startsWith('/api/papers/search'))).toEqual([]);
    await second.close();
    await page.close();
  });
});
