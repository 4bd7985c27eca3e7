/**
 * The content script's `webextension-polyfill`, swapped in by esbuild.config.ts (alias) for that bundle only.
 * In MV3 both browsers already give promise-based APIs (Firefox's `browser`, Chrome's `chrome`), and the content
 * script uses only promise-returning calls and events (runtime.sendMessage, storage.*), so the polyfill's 9.7 KB
 * (~3 KB gzip of a 12 KB budget) buys it nothing. WXT made the same choice for MV3 (@wxt-dev/browser).
 * The worker, popup and options page keep the real polyfill.
 */
import type { Browser } from 'webextension-polyfill';

const native = (globalThis as { browser?: Browser; chrome?: Browser });
export default (native.browser ?? native.chrome) as Browser;
