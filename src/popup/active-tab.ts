/** Which page the popup describes: `?tab=<id>` when given, else the active tab of the current window. */
import browser from 'webextension-polyfill';
import { detectPaperPage } from '../shared/paper-pages';
import type { DetectedPage } from '../shared/types';

export interface TabPage {
  url?: string;
  page?: DetectedPage;
}

export async function tabPage(tabId?: number): Promise<TabPage> {
  const tab = tabId !== undefined
    ? await browser.tabs.get(tabId).catch(() => undefined)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  const url = tab?.url;
  return { url, page: url ? detectPaperPage(url) : undefined };
}
