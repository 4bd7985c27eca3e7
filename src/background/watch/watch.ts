/**
 * The watch in the worker: its hourly alarm (the arXiv pass runs when one is due: daily, or an hour after a failure;
 * the HF side takes its hourly slice, hf-step.ts), ONE notification per pass for both sides (sent once the pass's
 * work is done: the arXiv pass ended and no HF paper is left due, or 3 h after the arXiv pass at the latest; never
 * twice in 20 h), the unseen count on the toolbar badge (digest/digest.ts adds it to the digest's), and the
 * protocol's watch methods.
 */
import browser, { type Alarms } from 'webextension-polyfill';
import { capabilities } from '../../shared/capabilities';
import type { WatchView } from '../../shared/watch-types';
import { db } from '../db';
import { updateDigestBadge } from '../digest/digest';
import { logFailure } from '../log';
import { getSettings } from '../../shared/settings';
import type { WatchChange } from '../../shared/watch-types';
import { runHfStep } from './hf-step';
import { inactiveReason, passRunning, runPassIfDue } from './pass';
import { nextPassAt, notifyDue } from './plan';
import { readWatch, writeWatch } from './store';

export const WATCH_ALARM = 'watch';
export const WATCH_NOTIFICATION = 'paper-pulse-watch';
const NOTIFY_TARGET = 'watch:notifyTarget';
const NOTIFIED_AT = 'watch:notifiedAt';

export async function startWatch(): Promise<void> {
  // The first pass a few minutes after start-up, not in the middle of it; then hourly checks of whether one is due.
  await browser.alarms.create(WATCH_ALARM, { delayInMinutes: 5, periodInMinutes: 60 });
}

export function onWatchAlarm(alarm: Alarms.Alarm): void {
  if (alarm.name === WATCH_ALARM) void passAndTell().catch(logFailure('watch pass'));
}

async function passAndTell(): Promise<void> {
  const arxiv = await runPassIfDue();
  const hfSide = await runHfStep();
  if (arxiv.ran || hfSide.ran) await updateDigestBadge();
  // Without notifications (Firefox for Android: shared/capabilities.ts) the Changes view and the badge say it.
  if (capabilities().notifications) await notifyIfDone();
}

/** The one notification of a pass: every unseen change found since the last one, once the pass's work is done. */
async function notifyIfDone(now = Date.now()): Promise<void> {
  const [state, reason, settings, stamp] = await Promise.all([readWatch(), inactiveReason(), getSettings(), (await db()).get('meta', NOTIFIED_AT)]);
  const notifiedAt = typeof stamp === 'number' ? stamp : 0;
  if (!notifyDue({ now, notifiedAt, pass: state.pass, passRunning: passRunning(), arxivInactive: reason !== undefined, hfOn: settings.watchHf, step: state.hfStep })) return;
  const fresh = state.changes.filter((c) => !c.seen && c.at > notifiedAt);
  if (!fresh.length) return;
  await (await db()).put('meta', now, NOTIFIED_AT);
  await notify(fresh);
}

async function notify(fresh: readonly WatchChange[]): Promise<void> {
  const papers = [...new Set(fresh.map((c) => c.paperId))];
  const url = papers.length === 1 ? `https://arxiv.org/abs/${papers[0]}` : browser.runtime.getURL('popup.html?view=changes&full=1');
  await (await db()).put('meta', url, NOTIFY_TARGET);
  // One fixed id: one notification per pass, a later pass replaces it.
  await browser.notifications.clear(WATCH_NOTIFICATION);
  await browser.notifications.create(WATCH_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/128.png'),
    title: `Paper Pulse: ${papers.length} saved paper${papers.length === 1 ? '' : 's'} changed`,
    message: fresh.slice(0, 3).map((c) => `${c.title.slice(0, 60)}: ${c.from ? `${c.from} → ` : ''}${c.to}`.slice(0, 120)).join('\n'),
  });
}

export function onWatchNotificationClicked(id: string): void {
  if (id !== WATCH_NOTIFICATION) return;
  void (async () => {
    const url = (await (await db()).get('meta', NOTIFY_TARGET)) as string | undefined;
    await browser.tabs.create({ url: url ?? browser.runtime.getURL('popup.html?view=changes&full=1') });
    await browser.notifications.clear(id);
  })().catch(logFailure('opening a watch change'));
}

export async function watchView(): Promise<WatchView> {
  const [state, reason, settings] = await Promise.all([readWatch(), inactiveReason(), getSettings()]);
  return {
    active: reason === undefined,
    inactiveReason: reason,
    pass: state.pass,
    nextPassAt: nextPassAt(state.pass),
    running: passRunning(),
    changes: state.changes,
    papers: state.papers,
    off: state.off,
    hf: { active: settings.watchHf, ...(settings.watchHf ? {} : { inactiveReason: 'off' as const }), replicaOnly: settings.privacyMode, step: state.hfStep },
  };
}

/**
 * "Check now": the same rules as the alarm (arXiv daily, one connection, 3 s apart; HF per paper at most daily);
 * starts the pass and answers at once.
 */
export async function watchCheckNow(): Promise<WatchView> {
  const view = await watchView();
  if (view.active && Date.now() >= view.nextPassAt) {
    void passAndTell().catch(logFailure('watch pass'));
    return { ...view, running: true };
  }
  return view;
}

export async function markChangesSeen(): Promise<void> {
  const { changes } = await readWatch();
  if (!changes.some((c) => !c.seen)) return;
  await writeWatch({}, (stored) => stored.map((c) => (c.seen ? c : { ...c, seen: true })));
  await updateDigestBadge();
}

/** Dismissed changes leave the list (and the badge count) for good; returns what is left. */
export async function dismissChanges(keys: readonly string[]): Promise<WatchChange[]> {
  const gone = new Set(keys);
  await writeWatch({}, (stored) => stored.filter((c) => !gone.has(c.key)));
  await updateDigestBadge();
  return (await readWatch()).changes;
}

/** The per-paper switch: on by default, `off` lists the saved papers taken out of the watch. */
export async function watchSetPaper(id: string, on: boolean): Promise<string[]> {
  const { off } = await readWatch();
  const next = on ? off.filter((x) => x !== id) : [...new Set([...off, id])];
  await writeWatch({ off: next });
  return next;
}
