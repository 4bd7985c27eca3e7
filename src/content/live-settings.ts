/**
 * Options apply to open tabs without a reload: when a setting the page uses changes, everything the features added is
 * torn down (their AbortSignal) and they run again with the new settings.
 */
import browser from 'webextension-polyfill';
import type { PageSettings } from '../shared/page-settings';

/**
 * The settings that change what pages show. Not the listing sort/filter (changed from the page itself and handled
 * there) nor digest settings: re-running on those would flash the page for nothing.
 */
const PAGE_SETTINGS = new Set<keyof PageSettings>(['absBadge', 'listingChips', 'searchChips', 'showNotOnHf', 'minUpvotes', 'privacyMode']);

export function rerunOnSettingsChange(run: (signal: AbortSignal) => void, outer: AbortSignal): void {
  let current = new AbortController();
  const restart = () => {
    current.abort();
    current = new AbortController();
    run(current.signal);
  };
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync' && Object.keys(changes).some((key) => PAGE_SETTINGS.has(key as keyof PageSettings))) restart();
  };
  browser.storage.onChanged.addListener(listener);
  outer.addEventListener('abort', () => {
    current.abort();
    browser.storage.onChanged.removeListener(listener);
  }, { once: true });
  run(current.signal);
}
