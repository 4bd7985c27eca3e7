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

export const fakeBrowser = {
  runtime: { id: 'fake-extension', onMessage: event(), sendMessage: async () => undefined, getURL: (p: string) => `chrome-extension://fake/${p}` },
  storage: {
    onChanged: storageChanged,
    local: storageArea('local', storageChanged),
    session: storageArea('session', storageChanged),
    sync: storageArea('sync', storageChanged),
  },
  reset() {
    for (const area of [this.storage.local, this.storage.session, this.storage.sync]) area.reset();
  },
};
