/**
 * The local daily digest, end to end: the header's Subscribe switch creates the worker's alarm; firing that alarm
 * fetches today's Daily Papers + HF Trending, records the picks, shows exactly ONE notification and counts the
 * picks on the toolbar badge; the digest view lists them with their "why" and clears the count; off clears the alarm.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildIndex, rankRelated } from '../../src/shared/related';
import { collectErrors, DB_NAME, launchExtension, openPopup, readStore, shot, tabIdOf, type LaunchedExtension } from './browser';

type DailyItem = { paper: { id: string; upvotes: number; title: string } };
const latest = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8')) as DailyItem[];

interface Alarm { name: string; scheduledTime: number }
declare const chrome: {
  alarms: { getAll(): Promise<Alarm[]>; create(name: string, info: { when: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  runtime: { sendMessage(m: unknown): Promise<{ value?: unknown; error?: string }> };
  storage: { sync: { set(v: object): Promise<void> } };
  action: { getBadgeText(d: { tabId?: number }): Promise<string> };
};
type Digest = { id: string; picks: { id: string; why: string; source: string }[]; seen: boolean };

// The worker does real work behind each poll (fetch, IndexedDB, alarms): give it time on a loaded machine.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

const digestAlarm = () => ext.sw.evaluate(async () => (await chrome.alarms.getAll()).find((a) => a.name === 'digest'));

describe('subscribe toggle and local digest', () => {
  test('Subscribe creates the alarm; firing it makes one notification, a recorded digest and a badge count; off clears it', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    const errors = collectErrors(popup);
    const toggle = popup.getByRole('switch', { name: /Subscribe/ });
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    expect(await popup.getByRole('link', { name: 'Email digest on huggingface.co' }).getAttribute('href')).toBe('https://huggingface.co/papers');
    expect(await digestAlarm()).toBeUndefined();

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await expect.poll(digestAlarm).toBeDefined();
    const alarm = (await digestAlarm())!;
    // Default: weekdays at 09:00 local time, always in the future, within a few days.
    expect(alarm.scheduledTime).toBeGreaterThan(Date.now());
    expect(alarm.scheduledTime - Date.now()).toBeLessThan(4 * 86_400_000);
    const local = await ext.sw.evaluate((t) => { const d = new Date(t); return [d.getHours(), d.getMinutes(), d.getDay()]; }, alarm.scheduledTime);
    expect(local.slice(0, 2)).toEqual([9, 0]);
    expect([1, 2, 3, 4, 5]).toContain(local[2]);
    await shot(popup, 'popup-subscribed-light');

    // Fire it now (unpacked extensions may set short alarms): the real listener runs.
    expect(await ext.sw.evaluate(() => chrome.notifications.getAll())).toEqual({});
    await ext.sw.evaluate(() => chrome.alarms.create('digest', { when: Date.now() + 50 }));
    await expect.poll(() => readStore<Digest>(ext.sw, DB_NAME, 'digests'), { timeout: 15_000 }).toHaveLength(1);
    const [digest] = await readStore<Digest>(ext.sw, DB_NAME, 'digests');
    expect(digest!.picks).toHaveLength(5);
    expect(digest!.seen).toBe(false);
    // Two of today's top papers, then one from HF Trending (defaults: no topics, trending included).
    const today = [...latest].sort((a, b) => b.paper.upvotes - a.paper.upvotes).map((i) => i.paper.id);
    const trendingIds = (await readStore<{ key: string; ids: string[] }>(ext.sw, DB_NAME, 'lists')).find((l) => l.key === 'trending')!.ids;
    expect(digest!.picks.map((p) => p.source)).toEqual(['daily', 'daily', 'trending', 'daily', 'daily']);
    expect(digest!.picks[2]!.id).toBe(trendingIds[0]);
    // Daily picks by upvotes, skipping the one already picked from trending.
    expect(digest!.picks.filter((p) => p.source === 'daily').map((p) => p.id)).toEqual(today.filter((id) => id !== trendingIds[0]).slice(0, 4));
    await expect.poll(() => ext.sw.evaluate(() => chrome.notifications.getAll())).toEqual({ 'paper-pulse-digest': true });
    expect(await ext.sw.evaluate(() => chrome.action.getBadgeText({}))).toBe('5');
    // A tab that isn't a paper shows the count too (its own badge falls back to the global text).
    const other = await ext.ctx.newPage();
    await other.goto('https://arxiv.org/list/cs.LG/new');
    const otherTab = await tabIdOf(ext.sw, 'https://arxiv.org/list/*');
    await expect.poll(() => ext.sw.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), otherTab)).toBe('5');
    await other.close();
    // The alarm is re-armed for the next real slot.
    await expect.poll(async () => (await digestAlarm())?.scheduledTime ?? 0).toBeGreaterThan(Date.now() + 60_000);

    // The digest view (what the notification opens) lists every pick with its why, and clears the count.
    const view = await ext.ctx.newPage();
    const viewErrors = collectErrors(view);
    await view.goto(`chrome-extension://${ext.extId}/popup.html?view=digest&full=1`);
    const items = view.getByTestId('digest-list').locator('li');
    await expect.poll(() => items.count()).toBe(5);
    expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-arxiv-id')))).toEqual(digest!.picks.map((p) => p.id));
    const whys = await items.evaluateAll((lis) => lis.map((li) => li.querySelector('[data-testid=why]')?.textContent ?? ''));
    expect(whys.slice(0, 2).every((w) => /^#\d+ on Daily Papers 2026-08-21, ▲ \d+$/.test(w))).toBe(true);
    expect(whys[2]).toMatch(/^#\d+ on HF Trending \(GitHub activity\), ▲ \d+$/);
    await expect.poll(() => ext.sw.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    await expect.poll(async () => (await readStore<Digest>(ext.sw, DB_NAME, 'digests'))[0]!.seen).toBe(true);
    await shot(view, 'digest-view-light');
    await view.emulateMedia({ colorScheme: 'dark' });
    await shot(view, 'digest-view-dark');
    expect(viewErrors).toEqual([]);
    await view.close();

    // Still exactly one notification: a digest replaces, never stacks.
    expect(Object.keys(await ext.sw.evaluate(() => chrome.notifications.getAll()))).toEqual(['paper-pulse-digest']);

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await expect.poll(digestAlarm).toBeUndefined();
    expect(errors).toEqual([]);
    await popup.close();
  });

  test('a second run the same day skips papers already sent; topics restrict the picks', async () => {
    const popup = await openPopup(ext.ctx, ext.extId, undefined);
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=digest`);
    // Settings in the popup's Digest view: subscribe, then keyword topics.
    const box = popup.getByTestId('digest-settings');
    await box.getByLabel('Subscribe to the local daily digest').check({ timeout: 5000 });
    await expect.poll(digestAlarm).toBeDefined();
    await box.getByLabel('Topics: keywords').fill('agent, agents', { timeout: 5000 });
    await box.getByLabel('Topics: keywords').blur();
    await shot(popup, 'popup-digest-settings');
    await expect.poll(() => ext.sw.evaluate(() => (globalThis as unknown as { chrome: { storage: { sync: { get(k: string): Promise<Record<string, unknown>> } } } })
      .chrome.storage.sync.get('digestKeywords'))).toEqual({ digestKeywords: ['agent', 'agents'] });
    const before = (await readStore<Digest>(ext.sw, DB_NAME, 'digests'))[0]!.picks.map((p) => p.id);

    await ext.sw.evaluate(() => chrome.alarms.create('digest', { when: Date.now() + 50 }));
    await expect.poll(async () => (await readStore<Digest>(ext.sw, DB_NAME, 'digests'))[0]!.picks.length, { timeout: 15_000 }).toBeGreaterThan(before.length);
    const [digest] = await readStore<Digest>(ext.sw, DB_NAME, 'digests');
    const fresh = digest!.picks.slice(0, digest!.picks.length - before.length);
    expect(fresh.length).toBeGreaterThan(0);
    for (const pick of fresh) {
      expect(before).not.toContain(pick.id);
      expect(pick.why).toMatch(/^Matches “agents?”/);
    }
    // The record is written before the notification is replaced (cleared, then created): poll, don't read once.
    await expect.poll(async () => Object.keys(await ext.sw.evaluate(() => chrome.notifications.getAll()))).toEqual(['paper-pulse-digest']);
    await popup.reload();
    await expect.poll(() => popup.getByTestId('digest-list').locator('li').count()).toBe(digest!.picks.length);
    await popup.close();
  });

  test('the options page edits the digest: time and days move the alarm', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(`chrome-extension://${ext.extId}/options.html`);
    const box = page.getByTestId('digest-settings');
    await expect.poll(() => box.getByLabel('Subscribe to the local daily digest').isChecked()).toBe(true); // from the test above
    await box.getByLabel('Time').fill('07:30');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await box.getByLabel(day, { exact: true }).uncheck();
    await expect.poll(digestAlarm).toBeUndefined(); // no day chosen: nothing scheduled
    await box.getByLabel('Sunday').check();
    await expect.poll(async () => {
      const alarm = await digestAlarm();
      return alarm && ext.sw.evaluate((t) => { const d = new Date(t); return [d.getDay(), d.getHours(), d.getMinutes()]; }, alarm.scheduledTime);
    }).toEqual([0, 7, 30]);
    await shot(page, 'options-digest');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('For you: the week ranked against the reading list, each pick with its why, the top of the week mixed in; one notification', async () => {
    const popup = await openPopup(ext.ctx, ext.extId, undefined);
    const errors = collectErrors(popup);
    const call = <T>(name: string, ...args: unknown[]) => popup.evaluate(async ([n, a]) => {
      const reply = await chrome.runtime.sendMessage({ pp: n, args: a });
      if (reply.error) throw new Error(reply.error);
      return reply.value;
    }, [name, args] as const) as Promise<T>;
    // A reader of this week's top paper's topic: its three closest papers from before August, by the related engine.
    const { byId } = await ext.fake.hfItems();
    const items = [...byId.values()] as unknown as { paper: { id: string; title: string; summary: string; upvotes: number; ai_keywords?: string[]; publishedAt: string } }[];
    const docs = items.map((i) => ({ id: i.paper.id, title: i.paper.title, summary: i.paper.summary, aiKeywords: i.paper.ai_keywords }));
    const anchor = items.filter((i) => i.paper.id.startsWith('2608.') && i.paper.ai_keywords).sort((a, b) => b.paper.upvotes - a.paper.upvotes)[0]!.paper;
    const older = new Set(items.filter((i) => i.paper.id < '2607.').map((i) => i.paper.id));
    const saved = rankRelated(buildIndex(docs), anchor, { limit: 200, prior: { upvotes: 0, recency: 0 } }).filter((h) => older.has(h.id)).slice(0, 3);
    const titles: string[] = [];
    for (const hit of saved) {
      const paper = byId.get(hit.id)!.paper as unknown as { title: string; summary: string };
      titles.push(paper.title.replace(/\s+/g, ' ').trim());
      await call('readingListSave', hit.id, { title: titles.at(-1), abstract: paper.summary.replace(/\s+/g, ' ').trim() });
    }
    // A fresh start: no topics, no earlier digests (their picks would be skipped as already sent), For-you mode.
    await popup.evaluate(() => chrome.storage.sync.set({ digestKeywords: [], digestMode: 'for-you', digestSubscribed: true }));
    await ext.sw.evaluate(() => new Promise<void>((resolve) => {
      const open = indexedDB.open('paper-pulse');
      open.onsuccess = () => {
        const tx = open.result.transaction('digests', 'readwrite');
        tx.objectStore('digests').clear();
        tx.oncomplete = () => { open.result.close(); resolve(); };
      };
    }));
    await ext.sw.evaluate(() => chrome.notifications.clear('paper-pulse-digest'));
    await ext.sw.evaluate(() => chrome.alarms.create('digest', { when: Date.now() + 50 }));
    await expect.poll(() => readStore<Digest>(ext.sw, DB_NAME, 'digests'), { timeout: 20_000 }).toHaveLength(1);
    const [digest] = await readStore<Digest>(ext.sw, DB_NAME, 'digests');
    const picks = digest!.picks;
    expect(picks).toHaveLength(5);
    // Candidates: this week's Daily Papers (today's list and the week's), never a saved paper.
    const lists = await readStore<{ key: string; ids: string[] }>(ext.sw, DB_NAME, 'lists');
    const week = new Set(lists.filter((l) => l.key === 'today' || l.key === 'week').flatMap((l) => l.ids));
    expect(picks.every((p) => week.has(p.id) && !saved.some((h) => h.id === p.id))).toBe(true);
    const forYou = picks.filter((p) => p.source === 'for-you');
    expect(forYou.length).toBeGreaterThanOrEqual(2);
    for (const pick of forYou) {
      expect(pick.why).toMatch(/^Close to [1-3] papers? you saved: “/);
      expect(titles.some((t) => pick.why.includes(t.slice(0, 40)))).toBe(true);
    }
    // Every third pick is the top of the week, so one topic can't take the whole list.
    expect(picks[2]).toMatchObject({ source: 'daily' });
    expect(picks[2]!.why).toMatch(/^Top of the week on Daily Papers: #\d+ by upvotes, ▲ \d+$/);
    await expect.poll(async () => Object.keys(await ext.sw.evaluate(() => chrome.notifications.getAll()))).toEqual(['paper-pulse-digest']);

    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=digest`);
    const rows = popup.getByTestId('digest-list').locator('li');
    await expect.poll(() => rows.count()).toBe(5);
    const whys = await rows.evaluateAll((lis) => lis.map((li) => li.querySelector('[data-testid=why]')?.textContent ?? ''));
    expect(whys).toEqual(picks.map((p) => p.why));
    expect(await popup.getByTestId('digest').locator('p.explain').first().textContent()).toMatch(/^For you: this week's HF Daily Papers ranked on this device against your reading list/);
    await shot(popup, 'digest-for-you-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'digest-for-you-dark');
    expect(errors).toEqual([]);
    await popup.close();
  });
});
