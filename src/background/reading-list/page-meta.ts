/** What an open arXiv abs tab says about its paper (content/page-meta.ts), cleaned like any page data; {} if nothing. */
import browser, { type Tabs } from 'webextension-polyfill';
import { PAGE_META_REQUEST } from '../../shared/arxiv-meta';
import type { PaperMeta } from '../../shared/types';
import { cleanMeta } from './entries';

export async function pageMetaOf(tab: Tabs.Tab | undefined): Promise<PaperMeta> {
  if (tab?.id === undefined) return {};
  const answer: unknown = await browser.tabs.sendMessage(tab.id, { pp: PAGE_META_REQUEST }).catch(() => undefined);
  return cleanMeta(answer as PaperMeta | undefined);
}
