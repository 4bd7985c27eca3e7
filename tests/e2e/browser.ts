/**
 * Launches Debian Chromium with the built extension and the fake server, plus small helpers the E2E tests share.
 * Recipe and the reasons behind each flag: ../shared/docs/e2e-in-a-real-browser.md §6–§11.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page, type Worker } from 'playwright-core';
import { FAKE_HOSTS, startFakeServer, type FakeServer } from './fake-server';

/** The product's IndexedDB name (src/background/db.ts). */
export const DB_NAME = 'paper-pulse';

/** Screenshots land here; the folder is gitignored. */
export const SCREENSHOT_DIR = path.resolve('artifacts/screenshots');

export interface LaunchOptions {
  /** Unpacked extension folder, relative to the repo root; default the Chrome build. */
  ext?: string;
  /** Reuse a running fake server (then close() leaves it running); default: start a fresh one. */
  fake?: FakeServer;
  /** Extra Chromium flags appended after ours. */
  args?: string[];
  /**
   * Keep the local replica's background backfill on (default off): suites that are not about the replica would see
   * its `month=` requests in their request counts. Off is the user's own setting, set right after install, before the
   * backfill's first alarm (it waits a minute after install).
   */
  replica?: boolean;
  /** Page emulation for every page of the context, e.g. a phone: `{ viewport, isMobile: true, hasTouch: true }`. */
  emulate?: Pick<BrowserContextOptions, 'viewport' | 'isMobile' | 'hasTouch' | 'deviceScaleFactor'>;
}

export interface LaunchedExtension {
  ctx: BrowserContext;
  /** The extension's MV3 service worker. The handle survives a worker restart (recipe §11). */
  sw: Worker;
  extId: string;
  fake: FakeServer;
  /** The temporary profile folder (the bench measures the extension's IndexedDB on disk in it). */
  profileDir: string;
  /** Closes the browser, the fake server (if we started it) and removes the temporary profile unless `keepProfile`. */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/**
 * Fails fast with a readable message instead of the 15 s "waiting for event serviceworker" timeout that Chromium
 * produces when the folder is not a complete build (e.g. a build still running, or one that failed half-way).
 */
function assertLoadable(extDir: string): void {
  const manifestPath = path.join(extDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`No extension at ${extDir} (manifest.json missing). Run \`npm run build\` first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { background?: { service_worker?: string } };
  const worker = manifest.background?.service_worker;
  if (!worker) throw new Error(`${manifestPath} declares no background.service_worker; the E2E rig needs one.`);
  if (!existsSync(path.join(extDir, worker))) {
    throw new Error(`${path.join(extDir, worker)} is missing: the build in ${extDir} is incomplete. Run \`npm run build\`.`);
  }
}

/** Starts Chromium with the extension loaded and arxiv.org/huggingface.co pointed at the fake server. */
export async function launchExtension({ ext = `${process.env.PP_DIST ?? 'dist'}/chrome`, fake, args = [], replica = false, emulate = {} }: LaunchOptions = {}): Promise<LaunchedExtension> {
  const extDir = path.resolve(ext);
  assertLoadable(extDir);
  const ownFake = !fake;
  const server = fake ?? await startFakeServer();
  // A fresh profile per launch: no state leaks between test files, and PW forbids --user-data-dir in args.
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'pp-e2e-profile-'));
  let ctx: BrowserContext | undefined;
  try {
    ctx = await chromium.launchPersistentContext(userDataDir, {
      ...emulate,
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true, // PW passes new headless (Chromium ≥ 132), which loads extensions
      args: [
        // Overrides PW's default --disable-extensions; without it no worker ever appears.
        `--disable-extensions-except=${extDir}`,
        `--load-extension=${extDir}`,
        // Real hostnames, fake answers: every faked host resolves to our server.
        `--host-resolver-rules=${FAKE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ')}`,
        // Trust exactly the per-run certificate; this also covers the service worker's fetch, unlike ignoreHTTPSErrors.
        `--ignore-certificate-errors-spki-list=${server.spki}`,
        '--disable-gpu',
        '--disable-quic',
        ...args,
      ],
    });
    const isOurs = (w: Worker): boolean => w.url().startsWith('chrome-extension://');
    const sw = ctx.serviceWorkers().find(isOurs)
      ?? await ctx.waitForEvent('serviceworker', { predicate: isOurs, timeout: 15_000 });
    const extId = new URL(sw.url()).host;
    if (!replica) await sw.evaluate(() => chrome.storage.sync.set({ replica: false }));
    const launchedCtx = ctx;
    return {
      ctx: launchedCtx,
      sw,
      extId,
      fake: server,
      profileDir: userDataDir,
      async close({ keepProfile = false } = {}) {
        await launchedCtx.close().catch(() => undefined);
        if (ownFake) await server.close();
        if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await ctx?.close().catch(() => undefined);
    if (ownFake) await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Opens the popup as a normal tab. Opened that way its own tab is the active one (recipe §10), so the tab it should
 * describe is passed as `?tab=<id>`, which the popup supports for exactly this (and for a full-size popup).
 */
export async function openPopup(ctx: BrowserContext, extId: string, tabId?: number): Promise<Page> {
  const page = await ctx.newPage();
  const query = tabId === undefined ? '' : `?tab=${tabId}`;
  await page.goto(`chrome-extension://${extId}/popup.html${query}`);
  return page;
}

/** The part of the chrome.* API the helpers below call inside the worker (no @types/chrome in this repo). */
declare const chrome: {
  tabs: { query(q: { url?: string | string[] }): Promise<{ id?: number; url?: string }[]> };
  storage: { sync: { set(items: Record<string, unknown>): Promise<void> } };
};

/** Id of the first tab whose URL matches a match pattern (e.g. `https://arxiv.org/abs/*`), asked in the worker. */
export async function tabIdOf(sw: Worker, urlPattern: string): Promise<number> {
  const id = await sw.evaluate(async (pattern) => (await chrome.tabs.query({ url: pattern }))[0]?.id, urlPattern);
  if (id === undefined) throw new Error(`No tab matches ${urlPattern}`);
  return id;
}

/**
 * All rows (values) of one object store, read inside the worker: IndexedDB belongs to the extension origin, so only
 * extension contexts can see it (recipe §9). Never creates the database: a missing database reads as `[]`, and an
 * accidental empty v1 database would break the product's own upgrade. A missing store throws (retried by
 * expect.poll, and a typo doesn't pass silently).
 */
export function readStore<T = unknown>(sw: Worker, db: string, store: string): Promise<T[]> {
  return readEntries<T>(sw, db, store).then((rows) => rows.map(([, value]) => value));
}

/**
 * Every cached paper, whole: src/background/db.ts stores papers by groups of neighbouring ids, each paper's counts in
 * `paperShards` pointing (`t`) to its text in a `paperText` row.
 */
export async function readCachedPapers<T = unknown>(sw: Worker): Promise<T[]> {
  type Counts = { id: string; t: string; h: number };
  const [shards, texts] = await Promise.all([
    readStore<{ papers: Record<string, Counts> }>(sw, DB_NAME, 'paperShards'),
    readStore<{ key: string; papers: Record<string, object> }>(sw, DB_NAME, 'paperText'),
  ]);
  const byKey = new Map(texts.map((row) => [row.key, row.papers]));
  return shards.flatMap((shard) => Object.values(shard.papers).map(({ t, h: _h, ...counts }) => ({ ...byKey.get(t)?.[counts.id], ...counts }) as T));
}

/** Like readStore, but `[key, value]` pairs, for stores with out-of-line keys (e.g. `meta`). */
export function readStoreEntries<T = unknown>(sw: Worker, db: string, store: string): Promise<[IDBValidKey, T][]> {
  return readEntries<T>(sw, db, store);
}

function readEntries<T>(sw: Worker, db: string, store: string): Promise<[IDBValidKey, T][]> {
  return sw.evaluate(async ([dbName, storeName]) => {
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === dbName)) return [];
    return new Promise<[IDBValidKey, T][]>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      // Only fires if the database vanished in between: abort so we don't leave an empty one behind.
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
      open.onsuccess = () => {
        const database = open.result;
        // Don't block the product's version upgrades while we hold the connection.
        database.onversionchange = () => database.close();
        if (!database.objectStoreNames.contains(storeName)) {
          const stores = Array.from(database.objectStoreNames).join(', ');
          database.close();
          reject(new Error(`No object store "${storeName}" in ${dbName} (has: ${stores || 'none'})`));
          return;
        }
        const objectStore = database.transaction(storeName, 'readonly').objectStore(storeName);
        const keys = objectStore.getAllKeys();
        const values = objectStore.getAll();
        values.onsuccess = () => {
          database.close();
          resolve(keys.result.map((k, i) => [k, values.result[i] as T]));
        };
        values.onerror = () => {
          database.close();
          reject(values.error);
        };
      };
    });
  }, [db, store] as const);
}

/**
 * Live list of console errors and uncaught page errors of one page; attach it right after creating the page and
 * assert on it at the end (`expect(errors).toEqual([])`).
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** Saves a PNG into artifacts/screenshots/ and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_').replace(/\.png$/, '')}.png`);
  // Chromium can refuse to capture a tab that is not in front ("Unable to capture screenshot"): bring it, then retry.
  await page.screenshot({ path: file }).catch(async () => {
    await page.bringToFront();
    await page.screenshot({ path: file });
  });
  return file;
}

/**
 * Runs the built listing-page content script (content-list.js) once more in the page, in the extension's own isolated world (the world Chrome gave it):
 * what an extension update or a double injection does. Tests check that the page then holds one copy of our UI.
 */
export async function injectContentScriptAgain(ext: LaunchedExtension, page: Page): Promise<void> {
  const cdp = await ext.ctx.newCDPSession(page);
  const worlds: { id: number; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; origin: string } }) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.origin === `chrome-extension://${ext.extId}`);
  if (!world) throw new Error('no isolated world of the extension in this page');
  const script = readFileSync(path.resolve(process.env.PP_DIST ?? 'dist', 'chrome/content-list.js'), 'utf8');
  await cdp.send('Runtime.evaluate', { expression: script, contextId: world.id });
}
