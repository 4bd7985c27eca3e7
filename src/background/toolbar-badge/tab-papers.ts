/**
 * Papers a tab names only in its content, not in its address: a Semantic Scholar paper page (`/paper/<title>/<hash>`)
 * links its arXiv version, which only the site's content script sees (content/sites/semantic-scholar.ts). The script
 * tells the worker, which keeps tab → (address, id) so the toolbar badge and the popup can show that paper.
 *
 * Kept in storage.session so a restarted worker still knows; an entry counts only while the tab is still at the
 * address it was reported for (a client-side navigation elsewhere makes it stale at once); at most 50 tabs.
 */
import browser from 'webextension-polyfill';

const KEY = 'tabPapers';
const MAX_TABS = 50;

interface TabPaper {
  url: string;
  id: string;
  at: number;
}

async function read(): Promise<Record<string, TabPaper>> {
  const stored = (await browser.storage.session.get(KEY).catch((): Record<string, unknown> => ({})))[KEY] as Record<string, TabPaper> | undefined;
  return stored && typeof stored === 'object' ? stored : {};
}

export async function setTabPaper(tabId: number, url: string, id: string | undefined): Promise<void> {
  const all = await read();
  if (id) all[tabId] = { url, id, at: Date.now() };
  else delete all[tabId];
  const kept = Object.entries(all).sort((a, b) => b[1].at - a[1].at).slice(0, MAX_TABS);
  await browser.storage.session.set({ [KEY]: Object.fromEntries(kept) });
}

export async function tabPaperOf(tabId: number, url: string | undefined): Promise<string | undefined> {
  const entry = (await read())[tabId];
  return entry && url && entry.url === url ? entry.id : undefined;
}
