/** Every message the worker answers, in one object: a missing or mistyped key fails the build. */
import type { Handlers } from '../shared/messages';
import { getPapersBulk, getPapersByMonth } from './paper-cache/bulk';
import { getDigests, markDigestsSeen } from './digest/digest';
import { getList } from './paper-cache/lists';
import { getPaper } from './paper-cache/papers';
import { clearCache } from './paper-cache/clear-cache';
import { hfTokenState, setHfToken } from './hf/token';
import { readingListHandlers } from './reading-list/handlers';
import { getRelated } from './related/related';
import { zoteroHandlers } from './zotero/handlers';

export const handlers: Handlers = {
  getPaper: async (_sender, id) => getPaper(id),
  clearCache: async () => clearCache(),
  hfTokenState: async () => hfTokenState(),
  setHfToken: async (_sender, token) => setHfToken(token),
  getList: async (_sender, kind, waitForRefresh) => getList(kind, Date.now(), waitForRefresh === true),
  getPapersBulk: async (_sender, ids) => getPapersBulk(ids),
  getPapersByMonth: async (_sender, months) => getPapersByMonth(months),
  ...readingListHandlers,
  getRelated: async (_sender, id) => getRelated(id),
  getDigests: async () => getDigests(),
  markDigestsSeen: async () => markDigestsSeen(),
  ...zoteroHandlers,
};
