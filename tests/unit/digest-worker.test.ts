/**
 * The digest in the worker (src/background/digest/digest.ts) over a real (fake-indexeddb) database, the in-memory browser
 * and a fake huggingface.co answering from the real fixtures: alarm follows the setting, a missed slot runs ONCE at
 * start-up, an alarm for a slot already covered does nothing, one notification, badge count until seen; the "For you"
 * mode ranks against the reading list (topics still apply) and falls back to the top of the day without one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { nextRun, previousRun } from '../../src/shared/digest-schedule';
import { fakeBrowser } from './fake-browser';

const daily = (date: string): { paper: { id: string; upvotes: number } }[] =>
  JSON.parse(readFileSync(path.resolve(`../shared/fixtures/hf-api/real/daily_papers.date-${date}.json`), 'utf8'));
const latest = daily('2026-08-21');
const trendingFixture = daily('2025-06-02');

const requests: string[] = [];
function fakeHf(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input));
  requests.push(url.pathname + url.search);
  if (url.pathname !== '/api/daily_papers') return Promise.resolve(Response.json({ error: 'not here' }, { status: 404 }));
  return Promise.resolve(Response.json(url.searchParams.get('sort') === 'trending' ? trendingFixture : latest));
}

const WEEKDAYS_9 = { time: '09:00', days: [1, 2, 3, 4, 5] };
let digest: typeof import('../../src/background/digest/digest');
let database: typeof import('../../src/background/db');
let settings: typeof import('../../src/shared/settings');

beforeAll(async () => {
  vi.stubGlobal('fetch', fakeHf);
  digest = await import('../../src/background/digest/digest');
  database = await import('../../src/background/db');
  settings = await import('../../src/shared/settings');
});

beforeEach(async () => {
  fakeBrowser.reset();
  requests.length = 0;
  const d = await database.db();
  await Promise.all((['digests', 'meta', 'lists', 'paperShards', 'paperText'] as const).map((s) => d.clear(s)));
});

const digests = async () => (await database.db()).getAll('digests');
const alarm = () => fakeBrowser.alarms.get('digest');
// A Tuesday 10:30 local: the 09:00 slot of that day has passed.
const tuesday = (hh: number, mm: number) => new Date(2026, 10, 24, hh, mm).getTime();

describe('digest alarm', () => {
  test('on → alarm at the next slot; off → cleared', async () => {
    await settings.setSettings({ digestSubscribed: true });
    await digest.syncDigestAlarm(tuesday(10, 30));
    expect((await alarm())?.scheduledTime).toBe(nextRun(tuesday(10, 30), WEEKDAYS_9));
    expect((await alarm())?.scheduledTime).toBe(new Date(2026, 10, 25, 9, 0).getTime());
    await settings.setSettings({ digestSubscribed: false });
    await digest.syncDigestAlarm(tuesday(10, 30));
    expect(await alarm()).toBeUndefined();
  });

  test('the Subscribe setting change alone (storage event) creates the alarm and records since when', async () => {
    const before = Date.now();
    await settings.setSettings({ digestSubscribed: true });
    digest.onDigestSettingsChanged({ digestSubscribed: { oldValue: false, newValue: true } }, 'sync');
    await vi.waitFor(async () => expect(await alarm()).toBeDefined());
    const since = await (await database.db()).get('meta', 'digest:since');
    expect(since).toBeGreaterThanOrEqual(before);
  });
});

describe('missed digest at start-up', () => {
  test('browser closed at 09:00, opened at 10:30: runs once, then never again for that slot', async () => {
    await settings.setSettings({ digestSubscribed: true });
    await (await database.db()).put('meta', tuesday(8, 0) - 86_400_000, 'digest:since');
    await digest.startDigest(tuesday(10, 30));
    expect(await digests()).toHaveLength(1);
    expect((await digests())[0]!.picks).toHaveLength(5);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([digest.DIGEST_NOTIFICATION]);
    expect(requests.filter((r) => r.startsWith('/api/daily_papers'))).toHaveLength(2); // today + trending
    // Next start-up the same morning, and Chrome firing the missed alarm too: nothing new.
    await digest.startDigest(tuesday(11, 0));
    digest.onDigestAlarm({ name: 'digest', scheduledTime: previousRun(tuesday(10, 30), WEEKDAYS_9)! });
    await vi.waitFor(async () => expect((await alarm())?.scheduledTime).toBeGreaterThan(tuesday(11, 0)));
    expect(await digests()).toHaveLength(1);
    expect((await digests())[0]!.picks).toHaveLength(5);
  });

  test('subscribed after the slot: nothing was missed', async () => {
    await settings.setSettings({ digestSubscribed: true });
    await (await database.db()).put('meta', tuesday(9, 30), 'digest:since');
    await digest.startDigest(tuesday(10, 30));
    expect(await digests()).toHaveLength(0);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(await alarm()).toBeDefined();
  });

  test('not subscribed: no run, no alarm, no request', async () => {
    await digest.startDigest(tuesday(10, 30));
    expect(await digests()).toHaveLength(0);
    expect(await alarm()).toBeUndefined();
    expect(requests).toEqual([]);
  });
});

describe('a digest run', () => {
  test('one notification, unseen count on the badge until seen; a click opens the digest view', async () => {
    await settings.setSettings({ digestSubscribed: true, digestCount: 3 });
    const record = (await digest.runDigest())!;
    expect(record.picks).toHaveLength(3);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    expect(fakeBrowser.notifications.shown.get(digest.DIGEST_NOTIFICATION)?.title).toBe(`Paper Pulse: 3 papers for ${record.id}`);
    // Second run the same day: the new picks join the day's record; still one notification.
    await digest.runDigest();
    expect(await digests()).toHaveLength(1);
    expect((await digests())[0]!.picks).toHaveLength(6);
    expect(new Set((await digests())[0]!.picks.map((p) => p.id)).size).toBe(6);
    expect(fakeBrowser.notifications.shown.size).toBe(1);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('6');
    digest.onDigestNotificationClicked(digest.DIGEST_NOTIFICATION);
    expect(fakeBrowser.tabs.created.map((t) => t.url)).toEqual(['chrome-extension://fake/popup.html?view=digest&full=1']);
    await digest.markDigestsSeen();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect((await digests()).every((d) => d.seen)).toBe(true);
  });

  test('a browser without notifications: recorded and counted for the popup, even with the setting on', async () => {
    await settings.setSettings({ digestSubscribed: true, digestNotify: true });
    const notifications = fakeBrowser.notifications;
    Reflect.deleteProperty(fakeBrowser, 'notifications');
    try {
      expect((await digest.runDigest())?.picks).toHaveLength(5);
    } finally {
      Object.assign(fakeBrowser, { notifications });
    }
    expect(await digests()).toHaveLength(1);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('5');
  });

  test('notifications off: recorded and counted, not notified', async () => {
    await settings.setSettings({ digestSubscribed: true, digestNotify: false });
    await digest.runDigest();
    expect(await digests()).toHaveLength(1);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('5');
  });
});

describe('"For you" mode in the worker', () => {
  type Full = { paper: { id: string; title: string; summary: string; upvotes: number; ai_keywords?: string[] } };
  test('ranks the week against the reading list, each pick with its why; topics still narrow it; an empty list falls back', async () => {
    const entries = await import('../../src/background/reading-list/entries');
    const d = await database.db();
    await d.clear('readingList');
    await settings.setSettings({ digestSubscribed: true, digestMode: 'for-you', digestKeywords: [] });
    // No reading list: nothing to go by, the top-of-the-day digest as before.
    const fallback = await digest.runDigest(tuesday(10, 30));
    expect(fallback!.picks.map((p) => p.source)).toEqual(['daily', 'daily', 'trending', 'daily', 'daily']);

    // A saved paper on the same topic as one of the day's papers (its own text, under another id).
    const target = (latest as unknown as Full[])[4]!.paper;
    await entries.saveEntry('2601.00001', { title: target.title, abstract: target.summary.replace(/\s+/g, ' ') });
    await d.clear('digests');
    const record = await digest.runDigest(tuesday(10, 31));
    expect(record!.picks).toHaveLength(5);
    expect(record!.picks[0]).toMatchObject({ id: target.id, source: 'for-you' });
    expect(record!.picks[0]!.why).toMatch(/^Close to 1 paper you saved: “/);
    expect(record!.picks[2]!.why).toMatch(/^Top of the week on Daily Papers: #\d+ by upvotes/);

    // Topics: only papers matching them, the match said in the why.
    const word = target.title.split(/[^A-Za-z]+/).find((w) => w.length > 5)!.toLowerCase();
    await settings.setSettings({ digestKeywords: [word] });
    await d.clear('digests');
    const narrowed = await digest.runDigest(tuesday(10, 32));
    expect(narrowed!.picks.length).toBeGreaterThan(0);
    for (const pick of narrowed!.picks) expect(pick.why).toContain(`matches “${word}”`);
    await settings.setSettings({ digestMode: 'top', digestKeywords: [] });
  });
});
