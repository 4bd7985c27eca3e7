/**
 * User-facing strings through `_locales/<lang>/messages.json` (i18n-ready). The English text stays next to the call
 * as the fallback, so a missing key (or a context without i18n, like unit tests) still reads well.
 */
import browser from 'webextension-polyfill';

export function t(key: string, fallback: string, ...substitutions: string[]): string {
  try {
    return browser.i18n.getMessage(key, substitutions) || fallback;
  } catch {
    return fallback;
  }
}
