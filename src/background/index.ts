/**
 * Worker entry: top-level listeners only. An MV3 worker starts cold on every event, so nothing that
 * matters lives in module variables; every listener is registered synchronously here.
 */
import browser from 'webextension-polyfill';
import { capabilities } from '../shared/capabilities';
import { handleMessages } from '../shared/messages';
import type { ListKind } from '../shared/types';
import { onTabUpdated } from './toolbar-badge/action-badge';
import { handlers } from './handlers';
import { hfToken } from './hf/token';
import { refreshIfStale } from './paper-cache/lists';
import { onContextMenuClicked, registerContextMenus } from './reading-list/context-menu';
import { onCommand, onStorageChanged, onSyncAlarm, startReadingList } from './reading-list/listeners';
import { pushNow } from './reading-list/sync';
import { onDigestAlarm, onDigestNotificationClicked, onDigestSettingsChanged, startDigest } from './digest/digest';
import { logFailure } from './log';
import { onReplicaAlarm, onReplicaSettingChanged, runReplica, startReplica } from './replica/backfill';
import { purgeExpired } from './paper-cache/expiry';
import { onWatchAlarm, onWatchNotificationClicked, startWatch } from './watch/watch';
import { onZoteroMenuClicked, registerZoteroMenus } from './zotero/context-menu';
import { startOtherSites } from './other-sites/scripts';

const REFRESH_ALARM = 'refresh-lists';
// Firefox for Android has no context menus nor shortcuts (shared/capabilities.ts): register only what exists.
const can = capabilities();

handleMessages(handlers);
browser.tabs.onUpdated.addListener(onTabUpdated);
// Reading list: context menu, Alt+Shift+S, sync pushes (alarm) and other devices' changes (storage.sync).
if (can.contextMenus) {
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClicked(info, tab).catch(logFailure('context menu')));
  browser.contextMenus.onClicked.addListener((info, tab) => void onZoteroMenuClicked(info, tab).catch(logFailure('Save to Zotero menu')));
}
if (can.commands) browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab).catch(logFailure('shortcut')));
browser.alarms.onAlarm.addListener(onSyncAlarm);
browser.storage.onChanged.addListener(onStorageChanged);
// The same handlers, reachable from the worker's console (and E2E tests) without a real menu click or key press.
Object.assign(globalThis, { paperPulse: { onContextMenuClicked, onZoteroMenuClicked, onCommand, syncNow: pushNow, replicaNow: () => runReplica() } });
// Local digest: its alarm, its notification, and the Subscribe toggle (settings in storage.sync).
browser.alarms.onAlarm.addListener(onDigestAlarm);
if (can.notifications) browser.notifications.onClicked.addListener(onDigestNotificationClicked);
browser.storage.onChanged.addListener(onDigestSettingsChanged);

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM) void refreshStaleLists().catch(logFailure('list refresh'));
});
// The local replica of all of HF Daily Papers: its alarm, and the options page's switch.
browser.alarms.onAlarm.addListener(onReplicaAlarm);
browser.storage.onChanged.addListener(onReplicaSettingChanged);
// The watch on saved papers (arXiv API): its hourly alarm and its one-per-pass notification.
browser.alarms.onAlarm.addListener(onWatchAlarm);
if (can.notifications) browser.notifications.onClicked.addListener(onWatchNotificationClicked);

// Optional sites: their content scripts follow the granted permissions and the per-site switches.
startOtherSites();

browser.runtime.onInstalled.addListener(() => {
  if (can.contextMenus) void registerContextMenus().then(registerZoteroMenus).catch(logFailure('context menu setup'));
  void hfToken(); // an update moves a token an earlier release kept in extension storage out of content scripts' reach
  void start().catch(logFailure('start-up'));
});
browser.runtime.onStartup.addListener(() => void start().catch(logFailure('start-up')));

async function start(): Promise<void> {
  void startReadingList().catch(() => undefined);
  void startDigest().catch(() => undefined);
  void startReplica().catch(logFailure('replica start'));
  void startWatch().catch(logFailure('watch start'));
  // Hourly: today's list is the one that changes; the others refresh only when their policy says so.
  await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: 60, delayInMinutes: 60 });
  await refreshStaleLists();
}

async function refreshStaleLists(): Promise<void> {
  // Today first: the week and month lists anchor on its date. Failures are recorded for the popup.
  for (const kind of ['today', 'trending'] satisfies ListKind[]) await refreshIfStale(kind).catch(() => undefined);
  await purgeExpired().catch(logFailure('cache expiry'));
}
