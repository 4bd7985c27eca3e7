/** Every message the worker answers, in one object: a missing or mistyped key fails the build. */
import browser, { type Runtime } from 'webextension-polyfill';
import type { Handlers } from '../shared/messages';
import { getSettings } from '../shared/settings';
import { getPapersBulk, getPapersCached } from './paper-cache/bulk';
import { chipIndex } from './chip-index/chip-index';
import { getDigests, markDigestsSeen } from './digest/digest';
import { getList } from './paper-cache/lists';
import { lookupForPage } from './paper-cache/page-lookup';
import { clearCache } from './paper-cache/clear-cache';
import { hfTokenState, setHfToken } from './hf/token';
import { readingListHandlers } from './reading-list/handlers';
import { getRelated } from './related/related';
import { listingSeen, listingVisit, listVisit } from './new-since/store';
import { replicaStatus } from './replica/backfill';
import { getRising, withGain, withGains } from './replica/rising';
import { searchPapers } from './search/search';
import { dismissChanges, markChangesSeen, watchCheckNow, watchSetPaper, watchView } from './watch/watch';
import { zoteroHandlers } from './zotero/handlers';
import { reportTabPaper, tabPaperOfTab } from './toolbar-badge/action-badge';

const badgeOffFor = async (sender: Runtime.MessageSender): Promise<boolean> => !sender.url?.startsWith(browser.runtime.getURL('')) && !(await getSettings()).absBadge;

export const handlers: Handlers = {
  // A page asks at document_start, beside its settings read (content/early-lookup.ts): with the badge off, nothing.
  getPaper: async (sender, id) => (await badgeOffFor(sender) ? { state: 'not-on-hf', checkedAt: 0, unchecked: true } : lookupForPage(sender.tab?.id, id)),
  clearCache: async () => clearCache(),
  hfTokenState: async () => hfTokenState(),
  setHfToken: async (_sender, token) => setHfToken(token),
  getList: async (_sender, kind, waitForRefresh) => withGains(await getList(kind, Date.now(), waitForRefresh === true)),
  getRising: async () => getRising(),
  replicaStatus: async () => replicaStatus(),
  getPapersBulk: async (_sender, ids) => getPapersBulk(ids),
  chipIndex: async () => chipIndex(),
  getPapersLocal: async (_sender, ids) => getPapersCached(ids),
  tabPaper: async (sender, id) => reportTabPaper(sender, id),
  tabPaperOf: async (_sender, tabId) => tabPaperOfTab(Number(tabId)),
  ...readingListHandlers,
  getRelated: async (_sender, id) => getRelated(id),
  searchPapers: async (_sender, query) => searchPapers(query),
  getDigests: async () => getDigests(),
  markDigestsSeen: async () => markDigestsSeen(),
  listingVisit: async (sender, url, ids) => listingVisit(url, ids, sender.url),
  listingSeen: async (sender, url) => listingSeen(url, sender.url),
  listVisit: async (_sender, kind, ids) => listVisit(kind, ids),
  watchView: async () => watchView(),
  watchCheckNow: async () => watchCheckNow(),
  markChangesSeen: async () => markChangesSeen(),
  dismissChanges: async (_sender, keys) => dismissChanges(Array.isArray(keys) ? keys.map(String) : []),
  watchSetPaper: async (_sender, id, on) => watchSetPaper(String(id), on === true),
  ...zoteroHandlers,
};
