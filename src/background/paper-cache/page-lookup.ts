/**
 * One paper's lookup as its page shows it (with the 24-hour gain), and its handoff from a tab's navigation to that
 * page: the toolbar badge looks the paper up as soon as the tab's address changes (toolbar-badge/action-badge.ts);
 * the page's own badge asks for the same paper ~50 ms later (its content script starts once the document exists, and
 * waits for this answer: bench "html: title parsed → badge"), and gets the navigation's answer instead of reading
 * again. Once per navigation, within HANDOFF_MS, and never past a write of paper data or a settings change, so it is
 * never older than what the cache and the settings say.
 */
import browser from 'webextension-polyfill';
import type { PaperLookup } from '../../shared/types';
import { onShardsWritten } from '../db';
import { withGain } from '../replica/rising';
import { getPaper } from './papers';

const HANDOFF_MS = 2000;
const handoffs = new Map<number, { id: string; at: number; answer: Promise<PaperLookup> }>();
onShardsWritten(() => handoffs.clear());
// The settings (privacy mode, the badge switch) are in storage.sync.
browser.storage.onChanged.addListener((_changes, area) => area === 'sync' && handoffs.clear());

export const pageLookup = (id: string, now = Date.now()): Promise<PaperLookup> => getPaper(id, now).then((lookup) => withGain(lookup, now));

/** The toolbar badge, when a tab's address has just changed to this paper's page: the answer is kept for that page. */
export function lookupForNavigation(tabId: number, id: string, now = Date.now()): Promise<PaperLookup> {
  const answer = pageLookup(id, now);
  handoffs.set(tabId, { id, at: now, answer });
  return answer;
}

/** The page's own badge: its tab's navigation answer if there is one for this paper (taken once), else a lookup. */
export async function lookupForPage(tabId: number | undefined, id: string, now = Date.now()): Promise<PaperLookup> {
  const handoff = tabId === undefined ? undefined : handoffs.get(tabId);
  if (handoff) handoffs.delete(tabId!);
  if (!handoff || handoff.id !== id || now - handoff.at > HANDOFF_MS) return pageLookup(id, now);
  const answer = await handoff.answer;
  return answer.state === 'error' ? pageLookup(id, now) : answer; // an error is not handed on: ask again
}
