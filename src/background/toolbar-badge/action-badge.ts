/**
 * The toolbar badge: upvotes of the paper in a tab. Content scripts can't draw inside the PDF viewer,
 * and HF / alphaXiv pages have none of ours, so the worker watches tab URLs for every paper page.
 */
import browser, { type Tabs } from 'webextension-polyfill';
import { detectPaperPage } from '../../shared/paper-pages';
import { compactNumber } from '../../shared/format';
import type { PaperLookup } from '../../shared/types';
import { getPaper } from '../paper-cache/papers';
import { getEntry } from '../reading-list/entries';

const HF_ORANGE = '#ff9d00';
const MUTED = '#6b7280';
const SAVED_GREEN = '#15803d';

export function badgeFor(lookup: PaperLookup | undefined, saved = false): { text: string; title: string; color: string } {
  const badge = badgeForLookup(lookup);
  if (!saved) return badge;
  // Saved: the upvotes stay the text when HF knows the paper; otherwise a check mark says "in your reading list".
  return { text: badge.text || '✓', title: `${badge.title} · in your reading list`, color: badge.text ? badge.color : SAVED_GREEN };
}

function badgeForLookup(lookup: PaperLookup | undefined): { text: string; title: string; color: string } {
  switch (lookup?.state) {
    case 'found':
      return {
        text: compactNumber(lookup.paper.upvotes),
        title: `Paper Pulse — ▲ ${lookup.paper.upvotes} upvotes on HF Daily Papers`,
        color: HF_ORANGE,
      };
    case 'not-on-hf':
      return { text: '', title: 'Paper Pulse — not on HF Papers', color: MUTED };
    case 'old-style':
      return { text: '', title: 'Paper Pulse — HF Papers indexes only new-style arXiv ids', color: MUTED };
    case 'error':
      return { text: '', title: `Paper Pulse — HF data unavailable (${lookup.message})`, color: MUTED };
    default:
      return { text: '', title: 'Paper Pulse', color: MUTED };
  }
}

export async function updateActionBadge(tabId: number, url: string | undefined): Promise<void> {
  const paper = url ? detectPaperPage(url)?.paper : undefined;
  if (!paper) return showGlobalBadge(tabId);
  const [lookup, saved] = await Promise.all([
    getPaper(paper.id).catch((error: unknown): PaperLookup => ({ state: 'error', message: String(error) })),
    getEntry(paper.id).then(Boolean, () => false),
  ]);
  // The tab may have moved on (or closed) while we looked the paper up: don't put A's count on B.
  const now = await browser.tabs.get(tabId).catch(() => undefined);
  if (!now || now.url !== url) return;
  const { text, title, color } = badgeFor(lookup, saved);
  await Promise.all([
    // Nothing to say for this tab: null (not '') falls back to the global text, the digest's unseen count (digest/digest.ts).
    browser.action.setBadgeText({ tabId, text: text || null }),
    browser.action.setTitle({ tabId, title }),
    browser.action.setBadgeBackgroundColor({ tabId, color }),
  ]).catch(() => undefined);
}

/** A tab that left a paper page shows the global badge again (the digest's count, its colour and title). */
async function showGlobalBadge(tabId: number): Promise<void> {
  await Promise.all([browser.action.getTitle({}), browser.action.getBadgeBackgroundColor({})])
    .then(([title, color]) => Promise.all([
      browser.action.setBadgeText({ tabId, text: null }),
      browser.action.setTitle({ tabId, title }),
      browser.action.setBadgeBackgroundColor({ tabId, color }),
    ]))
    .catch(() => undefined); // the tab is gone
}

export function onTabUpdated(tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab): void {
  // Badge text is per tab and reset by navigation, so set it again on every URL change and load.
  if (change.url || change.status === 'complete') void updateActionBadge(tabId, change.url ?? tab.url);
}
