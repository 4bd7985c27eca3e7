/**
 * Hostile HF data (tests/fixtures/hostile): XSS/markup payloads in every rendered text field and javascript:/data:
 * URLs in githubRepo/projectPage, served by the fake HF from the very first request. On the abs page badge and in the
 * popup (today's list and the current-paper card): nothing executes (a payload that runs sets `window.__pwned`), the
 * text appears literally, and only http(s) links are rendered.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CAPS, hostilePapers, savedText, shownText } from '../fixtures/hostile';
import { collectErrors, launchExtension, openPopup, shot, tabIdOf, type LaunchedExtension } from './browser';
import { startFakeServer, type FakeServer } from './fake-server';

let fake: FakeServer;
let ext: LaunchedExtension;
const byId = new Map(hostilePapers.map((p) => [p.id, p]));

beforeAll(async () => {
  fake = await startFakeServer();
  // Installed before the browser starts: the install-time prefetch already gets hostile lists.
  fake.hfOverride('/api/daily_papers', () => ({ json: hostilePapers.map((p) => p.item) }));
  fake.hfOverride('/api/papers/', (_req, url) => {
    const paper = byId.get(url.pathname.split('/').pop()!.replace(/v\d+$/, ''));
    return paper ? { json: paper.detail } : undefined;
  });
  ext = await launchExtension({ fake });
});
afterAll(async () => {
  await ext?.close();
  await fake?.close();
});

const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));

/** Facts about a DOM subtree (document or shadow root) that must hold whatever the data. */
async function inspect(page: Page, hostSelector?: string) {
  return page.evaluate((selector) => {
    const root: ParentNode | null | undefined = selector ? document.querySelector(selector)?.shadowRoot : document;
    if (!root) return undefined;
    const all = [...root.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      // No element from data: any on* handler attribute, script, iframe, object, base, meta or foreign img.
      handlerAttrs: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
      dangerous: all.filter((el) => /^(SCRIPT|IFRAME|OBJECT|EMBED|BASE|META|DETAILS|MATH)$/.test(el.tagName)
        && !el.closest('head')
        // The extension page's own bundle (same origin) is not data.
        && !(el.tagName === 'SCRIPT' && (el as HTMLScriptElement).src.startsWith(`${location.origin}/`) && location.protocol !== 'https:'))
        .map((el) => el.tagName),
      images: all.filter((el) => el.tagName === 'IMG').map((el) => (el as HTMLImageElement).getAttribute('src')),
      hrefs: all.filter((el) => el.tagName === 'A' && el.hasAttribute('href')).map((el) => (el as HTMLAnchorElement).href),
    };
  }, hostSelector);
}

const httpOnly = (hrefs: string[]) => hrefs.filter((h) => !/^https?:$/.test(new URL(h).protocol));

describe('abs page badge with hostile data', () => {
  test(`${hostilePapers.length} payloads: nothing executes, text literal, only http(s) links`, async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    for (const paper of hostilePapers) {
      await page.goto(`https://arxiv.org/abs/${paper.id}`);
      const host = page.locator('[data-paper-pulse="badge"]');
      await expect.poll(() => host.getAttribute('data-upvotes'), { message: paper.payload.name }).toBe(String(paper.upvotes));
      const facts = (await inspect(page, '[data-paper-pulse="badge"]'))!;
      expect(facts.pwned, paper.payload.name).toBeUndefined();
      expect(facts.handlerAttrs, paper.payload.name).toEqual([]);
      expect(facts.dangerous, paper.payload.name).toEqual([]);
      expect(facts.images, paper.payload.name).toEqual([]);
      expect(httpOnly(facts.hrefs), paper.payload.name).toEqual([]);
      // The card's summary is the payload as text.
      const summary = await host.evaluate((el) => el.shadowRoot!.querySelector('.card p')?.textContent);
      expect(summary, paper.payload.name).toBe(shownText(paper.payload.text, CAPS.aiSummary));
      // The code link exists exactly when githubRepo is http(s).
      const code = await host.evaluate((el) => el.shadowRoot!.querySelector('a.extra')?.getAttribute('href') ?? null);
      expect(code !== null, `${paper.payload.name} code link (${paper.githubRepo.name})`).toBe(paper.githubRepo.safe);
      // The page's own document gained nothing but our host.
      const pageFacts = (await inspect(page))!;
      expect(pageFacts.pwned).toBeUndefined();
      expect(pageFacts.handlerAttrs).toEqual([]);
    }
    // Let late handlers (img onerror, meta refresh, details ontoggle) get their chance to fire.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(new URL(page.url()).host).toBe('arxiv.org');
    await page.goto(`https://arxiv.org/abs/${hostilePapers[0]!.id}`);
    await page.locator('[data-paper-pulse="badge"]').locator('a.pill').focus();
    await shot(page, 'hostile-abs-card');
    expect(ours(errors)).toEqual([]);
    await page.close();
  }, 90_000);
});

test('control: the sentinel does fire when a payload IS parsed as markup (so the checks above can fail)', async () => {
  const page = await ext.ctx.newPage();
  await page.goto(`https://arxiv.org/abs/${hostilePapers[0]!.id}`);
  await page.evaluate((html) => {
    document.body.insertAdjacentHTML('beforeend', html);
  }, hostilePapers.find((p) => p.payload.name === 'img-onerror')!.payload.text);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBe('img-onerror');
  await page.close();
});

describe('popup with hostile data', () => {
  test("today's list shows every payload title and author literally", async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    const errors = collectErrors(popup);
    const items = popup.getByTestId('list').locator('li');
    await expect.poll(() => items.count()).toBe(hostilePapers.length);
    const shown = await items.evaluateAll((lis) => lis.map((li) => ({
      id: li.getAttribute('data-arxiv-id'),
      title: li.querySelector('.ptitle')?.textContent,
      meta: li.querySelector('.pmeta')?.textContent,
    })));
    const expected = [...hostilePapers].sort((a, b) => b.upvotes - a.upvotes);
    expect(shown.map((s) => s.id)).toEqual(expected.map((p) => p.id));
    shown.forEach((s, i) => {
      const paper = expected[i]!;
      expect(s.title, paper.payload.name).toBe(shownText(paper.payload.text, CAPS.title));
      expect(s.meta, paper.payload.name).toContain(`${shownText(paper.payload.text, CAPS.authorName)}, Ada Lovelace`);
    });
    const facts = (await inspect(popup))!;
    expect(facts.pwned).toBeUndefined();
    expect(facts.handlerAttrs).toEqual([]);
    expect(facts.dangerous).toEqual([]);
    expect(facts.images).toEqual(['icons/32.png']); // the header logo only
    expect(httpOnly(facts.hrefs.filter((h) => !h.startsWith(`chrome-extension://${ext.extId}/`)))).toEqual([]);
    await shot(popup, 'hostile-popup-today');
    expect(errors).toEqual([]);
    await popup.close();
  });

  test('the current-paper card renders each payload as text and only http(s) hop links', async () => {
    const tab = await ext.ctx.newPage();
    const popup = await ext.ctx.newPage();
    const errors = collectErrors(popup);
    for (const paper of hostilePapers) {
      await tab.goto(`https://arxiv.org/abs/${paper.id}`);
      const tabId = await tabIdOf(ext.sw, `https://arxiv.org/abs/${paper.id}`);
      await popup.goto(`chrome-extension://${ext.extId}/popup.html?tab=${tabId}`);
      const card = popup.getByTestId('paper-card');
      await expect.poll(() => card.getAttribute('data-state'), { message: paper.payload.name }).toBe('found');
      expect(await card.locator('h3').textContent(), paper.payload.name).toBe(shownText(paper.payload.text, CAPS.title));
      expect(await card.locator('.summary').textContent(), paper.payload.name).toBe(shownText(paper.payload.text, CAPS.aiSummary));
      const hops = await card.locator('.hops a').evaluateAll((as) => as.map((a) => [a.textContent, (a as HTMLAnchorElement).href]));
      expect(hops.some(([label]) => label === 'Code'), `${paper.payload.name} Code (${paper.githubRepo.name})`).toBe(paper.githubRepo.safe);
      expect(hops.some(([label]) => label === 'Project'), `${paper.payload.name} Project (${paper.projectPage.name})`).toBe(paper.projectPage.safe);
      const facts = (await inspect(popup))!;
      expect(facts.pwned, paper.payload.name).toBeUndefined();
      expect(facts.handlerAttrs, paper.payload.name).toEqual([]);
      expect(facts.dangerous, paper.payload.name).toEqual([]);
      expect(httpOnly(facts.hrefs.filter((h) => !h.startsWith(`chrome-extension://${ext.extId}/`))), paper.payload.name).toEqual([]);
    }
    await shot(popup, 'hostile-popup-card');
    expect(errors).toEqual([]);
    await popup.close();
    await tab.close();
  }, 90_000);
});

describe('reading list with hostile data', () => {
  test('saved hostile papers show literally in the Reading list view; nothing executes', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    const errors = collectErrors(popup);
    // Save every hostile paper the way the popup card does (the worker takes the title/authors from its HF cache).
    for (const paper of hostilePapers) {
      const reply = await popup.evaluate((id) => chrome.runtime.sendMessage({ pp: 'readingListSave', args: [id] }), paper.id);
      expect(reply, paper.payload.name).not.toHaveProperty('error');
    }
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=reading-list`);
    const rows = popup.getByTestId('reading-list').locator('li');
    await expect.poll(() => rows.count()).toBe(hostilePapers.length);
    const titles = new Set(await popup.getByTestId('reading-list').locator('.ptitle').allTextContents());
    for (const paper of hostilePapers) expect(titles.has(savedText(paper.payload.text, CAPS.title)), paper.payload.name).toBe(true);
    await popup.waitForTimeout(300);
    const facts = (await inspect(popup))!;
    expect(facts.pwned).toBeUndefined();
    expect(facts.handlerAttrs).toEqual([]);
    expect(facts.dangerous).toEqual([]);
    expect(httpOnly(facts.hrefs.filter((h) => !h.startsWith(`chrome-extension://${ext.extId}/`)))).toEqual([]);
    await shot(popup, 'hostile-popup-reading-list');
    expect(errors).toEqual([]);
    await popup.close();
  }, 60_000);
});

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
