/** Which page the popup describes: `?tab=<id>` when given, else the active tab of the current window. */
import browser from 'webextension-polyfill';
import { parseArxivId } from '../shared/arxiv';
import { sendMessage } from '../shared/messages';
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
  const page = url ? detectPaperPage(url) : undefined;
  if (page || tab?.id === undefined) return { url, page };
  // A page whose address names no paper, but whose site script said which one it shows (a Semantic Scholar paper page).
  const reported = await sendMessage('tabPaperOf', tab.id).catch(() => null);
  const paper = reported ? parseArxivId(reported) : undefined;
  return { url, page: paper ? { kind: 'site-paper', paper } : undefined };
}
