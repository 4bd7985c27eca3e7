/**
 * `npm start`: opens Chromium with the freshly built extension in a throwaway profile, on an arXiv page.
 * Uses the system Chromium (Debian: /usr/bin/chromium) or CHROMIUM_PATH.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ext = path.resolve(process.env.PP_DIST ?? 'dist', 'chrome');
const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const browser = candidates.find((c): c is string => !!c && existsSync(c));
if (!browser) {
  console.error(`No Chromium found (tried ${candidates.filter(Boolean).join(', ')}). Set CHROMIUM_PATH, or load ${ext} via chrome://extensions → "Load unpacked".`);
  process.exit(1);
}
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') {
  console.error(`No display. Load ${ext} in your own browser via chrome://extensions → Developer mode → "Load unpacked".`);
  process.exit(1);
}
const profile = mkdtempSync(path.join(tmpdir(), 'paper-pulse-'));
console.log(`Starting ${browser} with ${ext} (profile ${profile})`);
spawn(browser, [`--user-data-dir=${profile}`, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run',
  'https://arxiv.org/list/cs.LG/new'], { stdio: 'inherit' });
