/**
 * What both arXiv content scripts do first (paper-index.ts on abs/HTML pages, list-index.ts on listing-type pages;
 * huggingface.co's Papers pages have their own, hf-index.ts): take over from an older copy (single-instance.ts: a
 * new copy tells older ones to tear down), let the features start what needs only the URL, then run them once the
 * page is far enough parsed, and again whenever a setting they use changes.
 */
import { detectPage } from '../shared/arxiv';
import type { DetectedPage } from '../shared/types';
import { prepareFeatures, runFeatures, type Feature } from './feature';
import { rerunOnSettingsChange } from './live-settings';
import { takeOver } from './single-instance';
import { whenParsed } from './when-parsed';

/** `startAt`: the features start as soon as this element is parsed (else at DOMContentLoaded). */
export function boot(features: readonly Feature[], startAt?: (page: DetectedPage) => string | undefined): { page?: DetectedPage; signal: AbortSignal } {
  const { signal } = takeOver('paper-pulse:start');
  const page = detectPage(location.href);
  if (!page) return { signal };
  prepareFeatures(features, page);
  // Settings changed in the options page re-run the features in this tab: no reload needed (live-settings.ts).
  const start = () => rerunOnSettingsChange((current) => runFeatures(features, page, current), signal);
  // Injected at document_start (manifest): Chrome's document_end injection on a 2,000-entry page comes 100+ ms after
  // DOMContentLoaded (the page's first layout goes first); a DOMContentLoaded listener runs exactly then.
  const selector = startAt?.(page);
  if (document.readyState !== 'loading') start();
  else if (selector) whenParsed(selector, start, signal);
  else document.addEventListener('DOMContentLoaded', start, { once: true, signal });
  return { page, signal };
}
