/**
 * Issue 12: the abs/HTML badge goes in as soon as the title element is parsed (content/when-parsed.ts), so on a warm
 * visit it is complete while the document is still loading; its lookup goes out beside the settings read
 * (content/early-lookup.ts), and with the badge turned off the page shows none (the worker's refusal to look the
 * paper up for a page then: tests/unit/handlers-badge-off.test.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchExtension, type LaunchedExtension } from './browser';
import { corpus } from './listing-data';

declare const chrome: { storage: { sync: { set(items: Record<string, unknown>): Promise<void> } } };
let ext: LaunchedExtension;
// Older days' papers: in no list the worker prefetches, so only papers/{id} can answer them.
const [warmId, offId] = corpus().filter((r) => r.dailyDate.startsWith('2025-03')).map((r) => r.id);

beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

/** The document's readyState when the badge first carried its upvotes, seen from the page's own world. */
async function readyStateAtBadge(url: string): Promise<string> {
  const page = await ext.ctx.newPage();
  await page.addInitScript({ content: `(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-paper-pulse="badge"][data-upvotes]')) return;
      window.__stateAtBadge = document.readyState;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-upvotes'] });
  })();` });
  await page.goto(url);
  await page.locator('[data-paper-pulse="badge"][data-upvotes]').waitFor();
  const state = await page.evaluate(() => (window as unknown as { __stateAtBadge?: string }).__stateAtBadge ?? 'never');
  await page.close();
  return state;
}

describe('the badge before DOMContentLoaded', () => {
  // The abs page only: the HTML view's fixture is an excerpt whose title ends the document, so it is parsed whole
  // before any answer could come back (its timing is a bench row, "html: title parsed → badge").
  test('abs page, warm: the badge with its numbers is in while the page is still parsing', async () => {
    const url = `https://arxiv.org/abs/${warmId}`;
    await readyStateAtBadge(url); // cold: fetches the paper once
    expect(await readyStateAtBadge(url)).toBe('loading');
  });

  // (The toolbar badge still looks the tab's paper up, as before: background/toolbar-badge/, not this page's lookup.)
  test('badge turned off: no badge, the Save toggle alone, even though the lookup went out beside the settings', async () => {
    await ext.sw.evaluate(() => chrome.storage.sync.set({ absBadge: false }));
    try {
      const page = await ext.ctx.newPage();
      await page.goto(`https://arxiv.org/abs/${offId}`);
      const host = page.locator('[data-paper-pulse="badge"]');
      await host.locator('button.save').waitFor();
      await page.waitForTimeout(500); // a lookup's answer would have landed by now
      expect(await host.getAttribute('data-state')).toBeNull();
      expect(await host.locator('.pill').count()).toBe(0);
      await page.close();
    } finally {
      await ext.sw.evaluate(() => chrome.storage.sync.set({ absBadge: true }));
    }
  });
});
