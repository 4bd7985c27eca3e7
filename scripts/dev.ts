/**
 * The dev loop: `npm start` (Chromium/Chrome), `npm run start:firefox`, `npm run start:android`.
 * esbuild watches the sources and rewrites dist/<browser>; `web-ext run` loads that folder into the browser and
 * reloads the extension whenever a file in it changes. Finding the browser is web-ext's job (chrome-launcher for
 * Chrome/Chromium, `--firefox` / `WEB_EXT_FIREFOX` for Firefox, adb for Android); nothing here looks for one.
 *
 * Usage: tsx scripts/dev.ts <chromium|firefox|firefox-android> [more web-ext run options, passed through]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdirOf, watchTarget, type Target } from '../esbuild.config';

export const DEV_BROWSERS = ['chromium', 'firefox', 'firefox-android'] as const;
export type DevBrowser = (typeof DEV_BROWSERS)[number];

/** A page where every feature has something to show once the extension is loaded. */
export const START_URL = 'https://arxiv.org/list/cs.LG/new';

/** Which build a browser loads: Chrome's (service worker) or Firefox's (background scripts). */
export function buildOf(browser: DevBrowser): Target {
  return browser === 'chromium' ? 'chrome' : 'firefox';
}

/** The `web-ext run` command line for one browser; `extra` (from the npm script's `-- …`) is passed through after it. */
export function webExtRunArgs(browser: DevBrowser, extra: readonly string[] = []): string[] {
  const target = browser === 'firefox' ? 'firefox-desktop' : browser;
  return ['run', `--target=${target}`, `--source-dir=${outdirOf(buildOf(browser))}`, `--start-url=${START_URL}`, ...extra];
}

async function main(): Promise<void> {
  const [browser, ...extra] = process.argv.slice(2);
  if (!DEV_BROWSERS.includes(browser as DevBrowser)) {
    console.error(`usage: tsx scripts/dev.ts <${DEV_BROWSERS.join('|')}> [web-ext run options]`);
    process.exit(2);
  }
  const dev = browser as DevBrowser;
  const stopWatching = await watchTarget(buildOf(dev));
  console.log(`watching sources → ${path.relative(process.cwd(), outdirOf(buildOf(dev)))}`);
  // web-ext's own entry run by this Node: works the same on Windows, where .bin/web-ext is a .cmd shim.
  const webExt = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/web-ext/bin/web-ext.js');
  const child = spawn(process.execPath, [webExt, ...webExtRunArgs(dev, extra)], { stdio: 'inherit' });
  // Ctrl-C reaches web-ext too (same process group); stop the watch when it has closed the browser.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', async (code, signal) => {
    await stopWatching();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
