/**
 * scripts/dev.ts's web-ext command lines: each browser loads the build made for it (Chrome's service worker build vs
 * Firefox's background-scripts build), Android included. tests/e2e/dev-loop.e2e.test.ts runs the desktop ones for real.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { START_URL, webExtRunArgs } from '../../scripts/dev';

const dist = path.resolve(process.env.PP_DIST ?? 'dist');

describe('webExtRunArgs', () => {
  test.each([
    ['chromium', 'chromium', 'chrome'],
    ['firefox', 'firefox-desktop', 'firefox'],
    ['firefox-android', 'firefox-android', 'firefox'],
  ] as const)('%s → --target=%s with dist/%s', (browser, target, build) => {
    expect(webExtRunArgs(browser)).toEqual(['run', `--target=${target}`, `--source-dir=${path.join(dist, build)}`, `--start-url=${START_URL}`]);
  });

  test('options after `npm start --` are passed through, after ours', () => {
    expect(webExtRunArgs('firefox', ['--firefox=/usr/bin/firefox-esr']).at(-1)).toBe('--firefox=/usr/bin/firefox-esr');
  });
});
