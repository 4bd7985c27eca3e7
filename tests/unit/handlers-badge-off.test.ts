/**
 * An abs/HTML page asks for its paper beside its settings read, at document_start (content/early-lookup.ts): the
 * worker must then answer a page nothing, and ask HF nothing, when the badge is turned off (background/handlers.ts);
 * its own pages (the popup, also when opened in a tab) still get the lookup.
 */
import { beforeEach, expect, test, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { fakeBrowser } from './fake-browser';

const fetched: string[] = [];
beforeEach(() => {
  fakeBrowser.reset();
  fetched.length = 0;
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    fetched.push(String(input));
    return Promise.resolve(Response.json({ error: 'Not found' }, { status: 404 }));
  });
});

const page = { id: 'fake-extension', url: 'https://arxiv.org/abs/2502.14856', tab: { id: 1 } } as Runtime.MessageSender;
const popupInTab = { id: 'fake-extension', url: 'chrome-extension://fake/popup.html', tab: { id: 2 } } as Runtime.MessageSender;

test('badge off: a page gets nothing and HF is not asked; the extension\'s own pages still look the paper up', async () => {
  const { handlers } = await import('../../src/background/handlers');
  await fakeBrowser.storage.sync.set({ absBadge: false });
  await expect(handlers.getPaper(page, '2502.14856')).resolves.toEqual({ state: 'not-on-hf', checkedAt: 0, unchecked: true });
  expect(fetched.filter((url) => url.includes('/api/papers/'))).toEqual([]);
  await handlers.getPaper(popupInTab, '2502.14856');
  expect(fetched.filter((url) => url.includes('/api/papers/2502.14856'))).toHaveLength(1);
});

test('badge on: a page\'s lookup asks HF as before', async () => {
  const { handlers } = await import('../../src/background/handlers');
  await handlers.getPaper(page, '2502.14857');
  expect(fetched.filter((url) => url.includes('/api/papers/2502.14857'))).toHaveLength(1);
});
