/**
 * The toolbar badge: upvotes of the paper in a tab. Content scripts can't draw inside the PDF viewer,
 * and HF / alphaXiv pages have none of ours, so the worker watches tab URLs for every paper page.
 */
import browser, { type Runtime, type Tabs } from 'webextension-polyfill';
import { parseArxivId } from '../../shared/arxiv';
import { detectPaperPage } from '../../shared/paper-pages';
import { compactNumber } from '../../shared/format';
import type { PaperLookup } from '../../shared/types';
import { getPapersCached } from '../paper-cache/bulk';
import { lookupForNavigation, pageLookup } from '../paper-cache/page-lookup';
import { getEntry } from '../reading-list/entries';
import { setTabPaper, tabPaperOf } from './tab-papers';

const HF_ORANGE = '#ff9d00';
const MUTED = '#6b7280';
const SAVED_GREEN = '#15803d';

/** A paper only the page's content names (tab-papers.ts): its count from the local copy alone, no request. */
type BadgeSource = PaperLookup | { state: 'local'; upvotes?: number };

export function badgeFor(lookup: BadgeSource | undefined, saved = false): { text: string; title: string; color: string } {
  const badge = badgeForLookup(lookup);
  if (!saved) return badge;
  // Saved: the upvotes stay the text when HF knows the paper; otherwise a check mark says "in your reading list".
  return { text: badge.text || '✓', title: `${badge.title} · in your reading list`, color: badge.text ? badge.color : SAVED_GREEN };
}

const upvotesBadge = (upvotes: number) => ({ text: compactNumber(upvotes), title: `Paper Pulse — ▲ ${upvotes} upvotes on HF Daily Papers`, color: HF_ORANGE });

function badgeForLookup(lookup: BadgeSource | undefined): { text: string; title: string; color: string } {
  switch (lookup?.state) {
    case 'found':
      return upvotesBadge(lookup.paper.upvotes);
    case 'local':
      return lookup.upvotes === undefined ? { text: '', title: 'Paper Pulse — not in the local copy of HF Daily Papers', color: MUTED } : upvotesBadge(lookup.upvotes);
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

/** `navigated`: the tab's address has just changed; its page's badge will ask for the same paper (page-lookup.ts). */
export async function updateActionBadge(tabId: number, url: string | undefined, navigated = false): Promise<void> {
  const inAddress = url ? detectPaperPage(url)?.paper?.id : undefined;
  const id = inAddress ?? await tabPaperOf(tabId, url);
  if (!id) return showGlobalBadge(tabId);
  const [lookup, saved] = await Promise.all([
    // What only the page's content names is not looked up anywhere: what you read on such a site stays in the browser.
    (inAddress ? (navigated ? lookupForNavigation(tabId, id) : pageLookup(id)) : getPapersCached([id]).then((found): BadgeSource => ({ state: 'local', upvotes: found[id]?.upvotes })))
      .catch((error: unknown): BadgeSource => ({ state: 'error', message: String(error) })),
    getEntry(id).then(Boolean, () => false),
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
  if (change.url || change.status === 'complete') void updateActionBadge(tabId, change.url ?? tab.url, Boolean(change.url));
}

/** From a site's content script: its tab's current address names this paper (or none); the badge follows at once. */
export async function reportTabPaper(sender: Runtime.MessageSender, id: unknown): Promise<void> {
  const tab = sender.tab;
  if (tab?.id === undefined || !tab.url) return;
  const paper = typeof id === 'string' ? parseArxivId(id) : undefined;
  await setTabPaper(tab.id, tab.url, paper?.id);
  await updateActionBadge(tab.id, tab.url);
}

export async function tabPaperOfTab(tabId: number): Promise<string | null> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return (tab ? await tabPaperOf(tabId, tab.url) : undefined) ?? null;
}
