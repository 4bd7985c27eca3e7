/**
 * "Save to reading list" in the context menu: on links to arXiv papers (any page) and on paper pages
 * themselves (arXiv abs/pdf/html, HF and alphaXiv paper pages). Menus persist across worker restarts, so they
 * are (re)created on install/update only; the click listener is registered at top level in the worker entry (background/index.ts).
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import { detectPage, findArxivIdInHref } from '../../shared/arxiv';
import { pageMetaOf } from './page-meta';
import { save } from './actions';

export const SAVE_LINK_MENU = 'pp-save-link';
export const SAVE_PAGE_MENU = 'pp-save-page';

export const ARXIV_PAPER_URLS = ['abs', 'pdf', 'html'].flatMap((route) => [`https://arxiv.org/${route}/*`, `https://*.arxiv.org/${route}/*`]);
export const PAPER_PAGES = [...ARXIV_PAPER_URLS, 'https://huggingface.co/papers/*', 'https://alphaxiv.org/abs/*', 'https://www.alphaxiv.org/abs/*'];

export async function registerContextMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: SAVE_LINK_MENU, title: 'Save to reading list', contexts: ['link'], targetUrlPatterns: ARXIV_PAPER_URLS });
  browser.contextMenus.create({ id: SAVE_PAGE_MENU, title: 'Save to reading list', contexts: ['page'], documentUrlPatterns: PAPER_PAGES });
}

/** The paper a click means: the link's target for the link item, the page's paper for the page item. */
export function paperOfClick(info: Pick<Menus.OnClickData, 'menuItemId' | 'linkUrl' | 'pageUrl'>): string | undefined {
  if (info.menuItemId === SAVE_LINK_MENU) return info.linkUrl ? findArxivIdInHref(info.linkUrl)?.id : undefined;
  if (info.menuItemId === SAVE_PAGE_MENU) return info.pageUrl ? detectPage(info.pageUrl)?.paper?.id : undefined;
  return undefined;
}

export async function onContextMenuClicked(info: Menus.OnClickData, tab?: Tabs.Tab): Promise<void> {
  const id = paperOfClick(info);
  if (!id) return;
  // Saved from its own page: the page's meta tags give title/authors/abstract; a link gets them from the cache or HF.
  await save(id, info.menuItemId === SAVE_PAGE_MENU ? await pageMetaOf(tab) : undefined);
}
