/**
 * A small in-memory stand-in for the parts of `browser.*` the unit-tested modules touch.
 * Storage really stores, events really dispatch: tests check behaviour, not calls.
 */
type Listener = (...args: any[]) => unknown;

function event() {
  const listeners = new Set<Listener>();
  return {
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
    dispatch: (...args: unknown[]) => [...listeners].map((l) => l(...args)),
    clear: () => listeners.clear(),
    size: () => listeners.size,
  };
}

function storageArea(areaName: string, onChanged: ReturnType<typeof event>) {
  let data: Record<string, unknown> = {};
  return {
    async get(keys?: string | string[] | Record<string, unknown> | null) {
      if (keys == null) return structuredClone(data);
      const wanted = typeof keys === 'string' ? { [keys]: undefined } : Array.isArray(keys) ? Object.fromEntries(keys.map((k) => [k, undefined])) : keys;
      const out: Record<string, unknown> = {};
      for (const [k, fallback] of Object.entries(wanted)) {
        if (k in data) out[k] = structuredClone(data[k]);
        else if (fallback !== undefined) out[k] = fallback;
      }
      return out;
    },
    async set(items: Record<string, unknown>) {
      const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: data[k], newValue: structuredClone(v) };
        data[k] = structuredClone(v);
      }
      onChanged.dispatch(changes, areaName);
    },
    async remove(keys: string | string[]) {
      for (const k of [keys].flat()) delete data[k];
    },
    async clear() {
      data = {};
    },
    async getBytesInUse() {
      return new TextEncoder().encode(JSON.stringify(data)).length;
    },
    reset() {
      data = {};
    },
  };
}

const storageChanged = event();

/** alarms / notifications / action / tabs.create: state you can inspect, for the digest (background/digest/digest.ts). */
function alarmsArea() {
  const alarms = new Map<string, { name: string; scheduledTime: number; periodInMinutes?: number }>();
  return {
    onAlarm: event(),
    async create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }) {
      const scheduledTime = info.when ?? Date.now() + (info.delayInMinutes ?? info.periodInMinutes ?? 0) * 60_000;
      alarms.set(name, { name, scheduledTime, ...(info.periodInMinutes ? { periodInMinutes: info.periodInMinutes } : {}) });
    },
    async get(name: string) { return alarms.get(name); },
    async getAll() { return [...alarms.values()]; },
    async clear(name: string) { return alarms.delete(name); },
    reset() { alarms.clear(); },
  };
}
function notificationsArea() {
  const shown = new Map<string, Record<string, unknown>>();
  return {
    onClicked: event(),
    async create(id: string, options: Record<string, unknown>) { shown.set(id, options); return id; },
    async clear(id: string) { return shown.delete(id); },
    async getAll() { return Object.fromEntries([...shown.keys()].map((k) => [k, true])); },
    shown,
    reset() { shown.clear(); },
  };
}
function actionArea() {
  const global: Record<string, string> = {};
  const perTab = new Map<number, Record<string, string>>();
  const set = (key: string) => async (d: { tabId?: number; text?: string | null; title?: string; color?: string }) => {
    const value = (d as Record<string, unknown>)[key] as string | null | undefined;
    if (d.tabId === undefined) global[key] = value ?? '';
    else if (value === null) delete perTab.get(d.tabId)?.[key];
    else perTab.set(d.tabId, { ...perTab.get(d.tabId), [key]: value ?? '' });
  };
  const get = (key: string) => async (d: { tabId?: number }) => (d.tabId !== undefined ? perTab.get(d.tabId)?.[key] : undefined) ?? global[key] ?? '';
  return {
    setBadgeText: set('text'), getBadgeText: get('text'), setTitle: set('title'), getTitle: get('title'),
    setBadgeBackgroundColor: set('color'),
    reset() { for (const k of Object.keys(global)) delete global[k]; perTab.clear(); },
  };
}
const createdTabs: { url?: string }[] = [];

export const fakeBrowser = {
  runtime: {
    id: 'fake-extension', onMessage: event(), onInstalled: event(), onStartup: event(),
    sendMessage: async () => undefined, getURL: (p: string) => `chrome-extension://fake/${p}`,
  },
  storage: {
    onChanged: storageChanged,
    local: storageArea('local', storageChanged),
    session: storageArea('session', storageChanged),
    sync: storageArea('sync', storageChanged),
  },
  alarms: alarmsArea(),
  notifications: notificationsArea(),
  action: actionArea(),
  tabs: { create: async (p: { url?: string }) => void createdTabs.push(p), created: createdTabs, onUpdated: event() },
  reset() {
    for (const area of [this.storage.local, this.storage.session, this.storage.sync]) area.reset();
    for (const area of [this.alarms, this.notifications, this.action]) area.reset();
    createdTabs.length = 0;
  },
};
