/**
 * "Save to Zotero" in the context menu, next to "Save to reading list": on arXiv paper links and on paper pages.
 * A menu has no UI of its own, so the outcome (or what to do) comes back as a notification.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import { detectPage, findArxivIdInHref } from '../../shared/arxiv';
import { describeReport } from '../../shared/zotero';
import { ARXIV_PAPER_URLS, PAPER_PAGES } from '../reading-list/context-menu';
import { pageMetaOf } from '../reading-list/page-meta';
import { zoteroHandlers } from './handlers';

export const ZOTERO_LINK_MENU = 'pp-zotero-link';
export const ZOTERO_PAGE_MENU = 'pp-zotero-page';

/** Called after the reading list's menus are (re)created: that step removes all menus first. */
export function registerZoteroMenus(): void {
  browser.contextMenus.create({ id: ZOTERO_LINK_MENU, title: 'Save to Zotero', contexts: ['link'], targetUrlPatterns: ARXIV_PAPER_URLS });
  browser.contextMenus.create({ id: ZOTERO_PAGE_MENU, title: 'Save to Zotero', contexts: ['page'], documentUrlPatterns: PAPER_PAGES });
}

export async function onZoteroMenuClicked(info: Menus.OnClickData, tab?: Tabs.Tab): Promise<string | undefined> {
  const id = info.menuItemId === ZOTERO_LINK_MENU ? (info.linkUrl ? findArxivIdInHref(info.linkUrl)?.id : undefined)
    : info.menuItemId === ZOTERO_PAGE_MENU ? (info.pageUrl ? detectPage(info.pageUrl)?.paper?.id : undefined) : undefined;
  if (!id) return undefined;
  const meta = info.menuItemId === ZOTERO_PAGE_MENU ? await pageMetaOf(tab) : undefined;
  const report = await zoteroHandlers.zoteroSave({}, [id], meta);
  const message = describeReport(report);
  await browser.notifications.create(`pp-zotero-${id}`, {
    type: 'basic', iconUrl: browser.runtime.getURL('icons/128.png'), title: `arXiv:${id} → Zotero`, message,
  });
  if (report.problem?.kind === 'permission') await zoteroHandlers.openZoteroSetup({});
  return message;
}
