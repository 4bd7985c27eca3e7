/**
 * Answers the worker's "what does this page say about its paper?" (title, authors, abstract from the abs page's
 * citation_* meta tags), so a paper saved from its page through the context menu or the shortcut keeps its details
 * even when HF doesn't know it — without the worker fetching anything from arXiv.
 */
import browser from 'webextension-polyfill';
import { metaFromDocument, PAGE_META_REQUEST } from '../shared/arxiv-meta';

export function answerPageMeta(signal: AbortSignal): void {
  // sendResponse, not a returned promise: Chrome's native API (content scripts use it) ignores returned promises.
  const listener = (message: unknown, _sender: unknown, sendResponse: (meta: unknown) => void) => {
    if ((message as { pp?: unknown } | null)?.pp !== PAGE_META_REQUEST) return undefined;
    sendResponse(metaFromDocument(document));
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener as never), { once: true });
}
