/**
 * The worker's reconciliation of the optional sites' content scripts (background/other-sites/scripts.ts) against a
 * permissions and scripting stand-in that behaves like Chrome's: grants per origin, and registering an id twice throws
 * "Duplicate script ID" as Chrome does.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { startOtherSites, syncSiteScripts } from '../../src/background/other-sites/scripts';
import { SITES_OFF_KEY, siteOf } from '../../src/shared/other-sites';
import { fakeBrowser } from './fake-browser';

type Script = { id: string; matches?: string[]; js?: string[]; persistAcrossSessions?: boolean };
const granted = new Set<string>();
const scripts = new Map<string, Script>();
const injected: string[] = [];
const onAdded = { listeners: [] as (() => void)[], addListener(l: () => void) { this.listeners.push(l); }, removeListener() {} };
const onRemoved = { listeners: [] as (() => void)[], addListener(l: () => void) { this.listeners.push(l); }, removeListener() {} };
const extra = {
  permissions: {
    contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => granted.has(o)),
    onAdded, onRemoved,
  },
  scripting: {
    getRegisteredContentScripts: async () => [...scripts.values()].map((s) => structuredClone(s)),
    registerContentScripts: async (list: Script[]) => {
      await new Promise((r) => setTimeout(r, 5)); // an IPC round trip: lets two runs overlap if nothing serialises them
      for (const s of list) {
        if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        scripts.set(s.id, structuredClone(s));
      }
    },
    unregisterContentScripts: async ({ ids = [] }: { ids?: string[] }) => void ids.forEach((id) => scripts.delete(id)),
    executeScript: async ({ target }: { target: { tabId: number } }) => void injected.push(String(target.tabId)),
  },
};
const tabsQuery = async ({ url }: { url: string[] }) => (url.some((u) => u.startsWith('https://paperswithcode.co/')) ? [{ id: 7 }] : []);

beforeAll(() => {
  Object.assign(fakeBrowser, extra);
  Object.assign(fakeBrowser.tabs, { query: tabsQuery });
});
afterAll(() => {
  for (const key of Object.keys(extra)) delete (fakeBrowser as Record<string, unknown>)[key];
  delete (fakeBrowser.tabs as Record<string, unknown>)['query'];
});
beforeEach(() => {
  fakeBrowser.reset();
  granted.clear();
  scripts.clear();
  injected.length = 0;
});

const grant = (key: string) => siteOf(key)!.origins.forEach((o) => granted.add(o));
const ids = () => [...scripts.keys()].sort();

describe('syncSiteScripts', () => {
  test('nothing granted: nothing registered; a granted site: its script, its matches, kept across restarts, into open tabs', async () => {
    await syncSiteScripts();
    expect(ids()).toEqual([]);
    grant('paperswithcode');
    await syncSiteScripts();
    expect([...scripts.values()]).toEqual([{ id: 'site-paperswithcode', matches: ['https://paperswithcode.co/*'], js: ['content-paperswithcode.js'], runAt: 'document_idle', persistAcrossSessions: true }]);
    expect(injected).toEqual(['7']);
    // Again: already there, nothing re-registered nor re-injected.
    await syncSiteScripts();
    expect(injected).toEqual(['7']);
  });

  test('the switch off unregisters, on registers again; a revoked permission unregisters', async () => {
    grant('alphaxiv');
    grant('openreview');
    await syncSiteScripts();
    expect(ids()).toEqual(['site-alphaxiv', 'site-openreview']);
    await fakeBrowser.storage.local.set({ [SITES_OFF_KEY]: ['alphaxiv', 'not-a-site'] });
    await syncSiteScripts();
    expect(ids()).toEqual(['site-openreview']);
    await fakeBrowser.storage.local.set({ [SITES_OFF_KEY]: [] });
    await syncSiteScripts();
    expect(ids()).toEqual(['site-alphaxiv', 'site-openreview']);
    granted.delete('https://openreview.net/*');
    await syncSiteScripts();
    expect(ids()).toEqual(['site-alphaxiv']);
  });

  test('one Scholar host taken back in the browser\'s settings: the script keeps running on the others', async () => {
    grant('scholar');
    await syncSiteScripts();
    expect(scripts.get('site-scholar')!.matches).toEqual(siteOf('scholar')!.matches);
    granted.delete('https://scholar.google.de/*');
    await syncSiteScripts();
    const matches = scripts.get('site-scholar')!.matches!;
    expect(matches.length).toBe(siteOf('scholar')!.matches.length - 2);
    expect(matches.some((m) => m.includes('scholar.google.de'))).toBe(false);
  });
});

describe('startOtherSites', () => {
  test('a grant and the switch write arrive together: their runs queue, no duplicate registration, no failure', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    startOtherSites();
    grant('semantic-scholar');
    for (const l of onAdded.listeners) l();
    await fakeBrowser.storage.local.set({ [SITES_OFF_KEY]: [] });
    for (const l of onAdded.listeners) l();
    await vi.waitFor(() => expect(ids()).toEqual(['site-semantic-scholar']));
    await new Promise((r) => setTimeout(r, 50));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
