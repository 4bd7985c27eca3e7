/**
 * Firefox for Android has no context menus and no `commands` (keyboard shortcuts): the worker must start anyway,
 * with every other listener registered (shared/capabilities.ts). The in-memory browser (fake-browser.ts) has neither
 * namespace, like Android, so importing the real worker entry here is that start-up.
 */
import { describe, expect, test, vi } from 'vitest';
import { capabilitiesOf } from '../../src/shared/capabilities';
import { fakeBrowser } from './fake-browser';

const fn = () => undefined;
const event = { addListener: fn };

describe('capabilitiesOf', () => {
  test('Chrome / Firefox desktop: everything', () => {
    expect(capabilitiesOf({ contextMenus: { create: fn, onClicked: event }, commands: { onCommand: event }, notifications: { create: fn, onClicked: event } }))
      .toEqual({ contextMenus: true, commands: true, notifications: true });
  });
  test('Firefox for Android: notifications only', () => {
    expect(capabilitiesOf({ notifications: { create: fn, onClicked: event } })).toEqual({ contextMenus: false, commands: false, notifications: true });
  });
  test('a namespace that is there but hollow counts as missing', () => {
    expect(capabilitiesOf({ contextMenus: {}, commands: {}, notifications: { create: fn } })).toEqual({ contextMenus: false, commands: false, notifications: false });
  });
});

test('the worker entry starts without contextMenus and commands, and registers its other listeners', async () => {
  expect('contextMenus' in fakeBrowser || 'commands' in fakeBrowser).toBe(false);
  vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ error: 'offline' }, { status: 503 })));
  const errors: unknown[] = [];
  const onError = (e: unknown) => errors.push(e);
  process.on('unhandledRejection', onError);
  try {
    await import('../../src/background/index');
    const events = { message: fakeBrowser.runtime.onMessage, tabUpdated: fakeBrowser.tabs.onUpdated, alarm: fakeBrowser.alarms.onAlarm,
      installed: fakeBrowser.runtime.onInstalled, startup: fakeBrowser.runtime.onStartup, storage: fakeBrowser.storage.onChanged,
      notificationClick: fakeBrowser.notifications.onClicked };
    expect(Object.entries(events).filter(([, e]) => e.size() === 0).map(([name]) => name)).toEqual([]);
    // Install would create the context menus: here it must skip them and start the rest without an error.
    fakeBrowser.runtime.onInstalled.dispatch({ reason: 'install' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).toEqual([]);
    expect(await fakeBrowser.alarms.get('refresh-lists')).toBeDefined();
  } finally {
    process.off('unhandledRejection', onError);
    vi.unstubAllGlobals();
  }
});
