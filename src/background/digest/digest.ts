/**
 * The local daily digest (product.md §4): an alarm at the user's time on the user's days; when it fires, fetch
 * today's Daily Papers + HF Trending, pick, record in IndexedDB, show ONE notification, count unseen picks on
 * the toolbar badge. Nothing here lives in module state that matters: the alarm, settings and history persist.
 *
 * Runs happen at most once per scheduled slot: `meta` keeps `digest:lastRun`, so a missed alarm (browser closed
 * at 09:00) runs once at the next start-up, and Chrome re-firing that same missed alarm changes nothing.
 */
import browser, { type Alarms, type Storage } from 'webextension-polyfill';
import { capabilities } from '../../shared/capabilities';
import { localDate, nextRun, previousRun, type DigestSchedule } from '../../shared/digest-schedule';
import { selectDigest } from '../../shared/digest-select';
import { getSettings, type Settings } from '../../shared/settings';
import type { DigestRecord, ListKind } from '../../shared/types';
import { db } from '../db';
import { getList, refreshList } from '../paper-cache/lists';
import { logFailure } from '../log';
import { unseenChangeCount } from '../watch/store';
import { forYouPicks } from './for-you';

export const DIGEST_ALARM = 'digest';
export const DIGEST_NOTIFICATION = 'paper-pulse-digest';
const LAST_RUN = 'digest:lastRun';
/** When the user last switched the digest on: slots before it were never "missed". */
const SINCE = 'digest:since';
const BADGE_COLOR = '#b45309';

const scheduleOf = (s: Settings): DigestSchedule => ({ time: s.digestTime, days: s.digestDays });

/** On: (re)create the alarm for the next slot. Off: clear it. Called at start-up and on every settings change. */
export async function syncDigestAlarm(now = Date.now()): Promise<void> {
  const settings = await getSettings();
  const when = settings.digestSubscribed ? nextRun(now, scheduleOf(settings)) : undefined;
  if (when === undefined) await browser.alarms.clear(DIGEST_ALARM);
  else await browser.alarms.create(DIGEST_ALARM, { when });
}

export function onDigestSettingsChanged(changes: Record<string, Storage.StorageChange>, area: string): void {
  if (area !== 'sync' || !Object.keys(changes).some((key) => key.startsWith('digest'))) return;
  const subscribed = changes.digestSubscribed;
  void (async () => {
    if (subscribed?.newValue === true && subscribed.oldValue !== true) await (await db()).put('meta', Date.now(), SINCE);
    await syncDigestAlarm();
  })().catch(logFailure('digest schedule'));
}

export function onDigestAlarm(alarm: Alarms.Alarm): void {
  if (alarm.name !== DIGEST_ALARM) return;
  void serialized(async () => {
    const lastRun = await meta(LAST_RUN);
    // Already ran after this slot was due (at start-up, then Chrome fired the missed alarm too): once is enough.
    if (lastRun === undefined || lastRun < alarm.scheduledTime) await runDigest();
    await syncDigestAlarm();
  }).catch(logFailure('digest'));
}

/** Start-up: if a slot passed while the browser was closed, run once now; then schedule the next one. */
export async function startDigest(now = Date.now()): Promise<void> {
  await serialized(async () => {
    const settings = await getSettings();
    if (settings.digestSubscribed) {
      const missed = previousRun(now, scheduleOf(settings));
      const covered = Math.max((await meta(LAST_RUN)) ?? 0, (await meta(SINCE)) ?? 0);
      if (missed !== undefined && missed > covered) await runDigest(now);
    }
    await syncDigestAlarm(now);
    await updateDigestBadge();
  });
}

let queue: Promise<unknown> = Promise.resolve();
/** Alarm and start-up may race in one worker life; one at a time. */
function serialized(task: () => Promise<void>): Promise<void> {
  const run = queue.then(task);
  queue = run.catch(() => undefined);
  return run;
}

async function meta(key: string): Promise<number | undefined> {
  const value = await (await db()).get('meta', key);
  return typeof value === 'number' ? value : undefined;
}

/** One digest run: fetch, pick, record, notify. Returns the record (undefined when off or nothing new). */
export async function runDigest(now = Date.now()): Promise<DigestRecord | undefined> {
  const settings = await getSettings();
  if (!settings.digestSubscribed) return undefined;
  const kinds: ListKind[] = settings.digestIncludeTrending ? ['today', 'trending'] : ['today'];
  if (settings.digestMode === 'for-you') kinds.push('week');
  // A failed refresh falls back to the cached list: a slightly old digest beats none.
  await Promise.all(kinds.map((kind) => refreshList(kind).catch(() => undefined)));
  const [daily, trending] = await Promise.all([getList('today'), settings.digestIncludeTrending ? getList('trending') : undefined]);
  const database = await db();
  const history = await database.getAll('digests');
  const alreadySent = new Set(history.flatMap((d) => d.picks.map((p) => p.id)));
  // "For you": the week's papers against the reading list; with an empty list it falls back to the top of the day.
  const forYou = settings.digestMode === 'for-you'
    ? await forYouPicks([...daily.papers, ...(await getList('week')).papers], settings, alreadySent, now)
    : undefined;
  const picks = forYou ?? selectDigest(daily.papers, trending?.papers ?? [], {
    count: Math.max(1, Math.min(20, settings.digestCount)),
    keywords: settings.digestKeywords,
    authors: settings.digestAuthors,
    includeTrending: settings.digestIncludeTrending,
    alreadySent,
  });
  await database.put('meta', now, LAST_RUN);
  if (picks.length === 0) return undefined;
  const id = localDate(now);
  const earlier = history.find((d) => d.id === id);
  const record: DigestRecord = { id, createdAt: now, picks: [...picks, ...(earlier?.picks ?? [])], seen: false };
  await database.put('digests', record);
  await updateDigestBadge();
  // Without notifications (shared/capabilities.ts) the digest waits in the popup's Digest view, counted on the badge.
  if (settings.digestNotify && capabilities().notifications) await notify(record, picks.length);
  return record;
}

async function notify(record: DigestRecord, fresh: number): Promise<void> {
  // One fixed id: a new digest replaces the previous notification instead of stacking.
  await browser.notifications.clear(DIGEST_NOTIFICATION);
  await browser.notifications.create(DIGEST_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/128.png'),
    title: `Paper Pulse: ${fresh} paper${fresh === 1 ? '' : 's'} for ${record.id}`,
    message: record.picks.slice(0, fresh).slice(0, 3).map((p) => `▲ ${p.upvotes}  ${p.title.replace(/\s+/g, ' ')}${p.source === 'for-you' ? ` (${closeNote(p.why)})` : ''}`).join('\n'),
  });
}

/** "Close to 2 papers you saved: “A” and 1 more · shared: …" → "close to “A”": short enough for a notification line. */
const closeNote = (why: string): string => {
  const first = /“[^”]*”/.exec(why)?.[0];
  return first ? `close to ${first}` : 'for you';
};

export function onDigestNotificationClicked(id: string): void {
  if (id !== DIGEST_NOTIFICATION) return;
  void browser.tabs.create({ url: browser.runtime.getURL('popup.html?view=digest&full=1') }).catch(logFailure('opening the digest'));
  void browser.notifications.clear(id).catch(logFailure('clearing the notification'));
}

/** Newest first. */
export async function getDigests(): Promise<DigestRecord[]> {
  const all = await (await db()).getAll('digests');
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

export async function markDigestsSeen(): Promise<void> {
  const database = await db();
  const tx = database.transaction('digests', 'readwrite');
  const unseen = (await tx.store.getAll()).filter((d) => !d.seen);
  await Promise.all([...unseen.map((d) => tx.store.put({ ...d, seen: true })), tx.done]);
  await updateDigestBadge();
}

/**
 * Unseen digest picks PLUS unseen changes on saved papers, as one GLOBAL badge number (the title says which is which).
 * Paper tabs set their own per-tab text (action-badge.ts), which overrides it there; everywhere else the count shows.
 */
export async function updateDigestBadge(): Promise<void> {
  const [digests, changes] = await Promise.all([(await db()).getAll('digests'), unseenChangeCount()]);
  const picks = digests.filter((d) => !d.seen).reduce((n, d) => n + d.picks.length, 0);
  const unseen = picks + changes;
  await browser.action.setBadgeText({ text: unseen ? String(unseen) : '' });
  if (unseen) await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  const parts = [picks ? `${picks} new in your digest` : '', changes ? `${changes} change${changes === 1 ? '' : 's'} on saved papers` : ''].filter(Boolean);
  await browser.action.setTitle({ title: parts.length ? `Paper Pulse — ${parts.join(', ')}` : 'Paper Pulse' });
}
