/**
 * The dev loop (`npm start`, `npm run start:firefox` → scripts/dev.ts) end to end, headless: the script builds,
 * `web-ext run` loads the build into the browser, and an edit to a source file is rebuilt and reloaded.
 *
 * It runs on a copy of the sources in a temp folder (node_modules linked), so the edit never touches the worktree.
 * Chromium: web-ext's own launch (debugging pipe + Extensions.loadUnpacked), plus a debugging port so Playwright can
 * look inside. Firefox: web-ext reports the temporary install and each reload on its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FAKE_HOSTS, startFakeServer, type FakeServer } from './fake-server';
import { FIREFOX } from './firefox-browser';
import { START_URL } from '../../scripts/dev';

const repo = path.resolve('.');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Appended to the worker's entry in the copy; the rebuilt worker exposes it. One name per test. */
const marker = (name: string) => `(globalThis as Record<string, unknown>).${name} = 'rebuilt';\n`;

let copy: string;
let fake: FakeServer;

beforeAll(async () => {
  copy = mkdtempSync(path.join(tmpdir(), 'pp-dev-loop-'));
  for (const entry of ['esbuild.config.ts', 'manifest.json', 'package.json', 'tsconfig.json', 'src', 'icons', 'scripts']) {
    cpSync(path.join(repo, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  fake = await startFakeServer();
});

afterAll(async () => {
  await fake?.close();
  rmSync(copy, { recursive: true, force: true });
});

/** Starts `tsx scripts/dev.ts <browser> …` in the copy, in its own process group (stopped like Ctrl-C would). */
function startDev(browser: string, extra: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), 'scripts/dev.ts', browser, ...extra], {
    cwd: copy,
    env: { ...process.env, PP_DIST: 'dist', ...env },
    detached: true,
  });
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  return { child, output: () => output };
}

async function stopDev(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGINT');
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Root can't use Chromium's sandbox (CI containers run as root). */
const noSandbox = process.getuid?.() === 0 ? ['--arg=--no-sandbox'] : [];

describe('npm start (Chromium through web-ext)', () => {
  test('loads the build, opens arXiv with the content script running, and reloads the rebuilt worker after a source edit', async () => {
    const port = await freePort();
    const dev = startDev('chromium', [
      `--chromium-binary=${CHROMIUM}`,
      '--arg=--headless=new',
      ...noSandbox,
      `--arg=--remote-debugging-port=${port}`,
      `--arg=--host-resolver-rules=${FAKE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${fake.port}`).join(', ')}`,
      `--arg=--ignore-certificate-errors-spki-list=${fake.spki}`,
    ]);
    let browser: Browser | undefined;
    try {
      await expect.poll(() => fetch(`http://127.0.0.1:${port}/json/version`).then((r) => r.ok, () => false), { timeout: 30_000 }).toBe(true);
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      const ctx = browser.contexts()[0]!;
      const worker = () => ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
      await expect.poll(() => worker()?.url(), { timeout: 20_000 }).toMatch(/\/background\.js$/);

      // The start page is arXiv's listing (here the fake's). web-ext opens it before it loads the extension over CDP,
      // so the first load has no content script yet; after a reload its sort/filter bar is there (the fake's listing
      // ids are synthetic, so HF knows none of them and there are no chips: listing.e2e.test.ts covers those).
      const start = ctx.pages().find((p) => p.url() === START_URL);
      expect(start, `tabs: ${ctx.pages().map((p) => p.url()).join(', ')}`).toBeDefined();
      await start!.reload();
      await start!.locator('[data-paper-pulse="controls"]').waitFor({ state: 'attached', timeout: 20_000 });

      expect(await worker()!.evaluate(() => (globalThis as Record<string, unknown>).chromiumMarker)).toBeUndefined();
      appendFileSync(path.join(copy, 'src/background/index.ts'), marker('chromiumMarker'));
      await expect.poll(async () => {
        for (const w of ctx.serviceWorkers()) {
          const value = await w.evaluate(() => (globalThis as Record<string, unknown>).chromiumMarker).catch(() => undefined);
          if (value) return value;
        }
        return undefined;
      }, { timeout: 20_000 }).toBe('rebuilt');
      expect(dev.output()).toContain('Last extension reload');

      // Static files (not in esbuild's graph) are copied again when they change.
      appendFileSync(path.join(copy, 'src/popup/popup.html'), '<!-- dev-loop edit -->\n');
      await expect.poll(() => readFileSync(path.join(copy, 'dist/chrome/popup.html'), 'utf8'), { timeout: 10_000 }).toContain('dev-loop edit');
    } finally {
      await browser?.close().catch(() => undefined);
      await stopDev(dev.child);
    }
  }, 120_000);
});

describe('npm run start:firefox (Firefox through web-ext)', () => {
  test('installs the build as a temporary add-on and reloads it after a source edit', async (ctx) => {
    if (!existsSync(FIREFOX)) {
      console.warn(`SKIPPED Firefox dev loop: ${FIREFOX} not installed`);
      ctx.skip();
      return;
    }
    const dev = startDev('firefox', [
      `--firefox=${FIREFOX}`,
      // Every host to a closed local port: the start page must not reach the real arXiv from a test.
      '--pref=network.dns.forceResolve=127.0.0.1',
    ], { MOZ_HEADLESS: '1' });
    try {
      await expect.poll(dev.output, { timeout: 60_000 }).toContain('as a temporary add-on');
      expect(dev.output()).toContain(path.join(copy, 'dist/firefox'));
      const reloadsBefore = dev.output().split('Last extension reload').length;
      expect(readFileSync(path.join(copy, 'dist/firefox/background.js'), 'utf8')).not.toContain('firefoxMarker');
      appendFileSync(path.join(copy, 'src/background/index.ts'), marker('firefoxMarker'));
      await expect.poll(() => readFileSync(path.join(copy, 'dist/firefox/background.js'), 'utf8'), { timeout: 20_000 }).toContain('firefoxMarker');
      await expect.poll(() => dev.output().split('Last extension reload').length, { timeout: 20_000 }).toBeGreaterThan(reloadsBefore);
    } finally {
      await stopDev(dev.child);
    }
  }, 120_000);
});
