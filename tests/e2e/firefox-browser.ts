/**
 * Firefox for the E2E tests and the bench: puppeteer over WebDriver BiDi. Firefox has no per-host:port resolver map,
 * so `network.dns.forceResolve` sends EVERY host to 127.0.0.1 and the fake server listens on :443; its certificate is
 * accepted through `acceptInsecureCerts`, which in Firefox also covers the extension's background fetch. Firefox's own
 * background traffic is turned off (it would reach the fake too: harmless, but noise in its log).
 */
import type { Browser } from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export async function launchFirefox({ prefs = {}, args = [] }: { prefs?: Record<string, unknown>; args?: string[] } = {}): Promise<Browser> {
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'app.update.enabled': false,
      'browser.safebrowsing.downloads.remote.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      ...prefs,
    },
  });
}
