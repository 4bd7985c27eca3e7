/**
 * huggingface.co's Papers pages in Chromium with the built extension, on the real captured pages served by the fake at
 * their real paths (fixtures/huggingface/real): a Save toggle on every paper card of the daily list and on the paper
 * page, the saved mark following the reading list, none of our numbers, no request about the page's papers, and
 * HF's client-side navigation between the two pages followed without a double mark.
 *
 * The captures' own scripts are HF's bundles, which the fake doesn't have (404), so the client-side navigation is
 * reconstructed the way HF's router does it: the next page's `main` swapped into the document and history.pushState,
 * and back again on popstate — the DOM and URL changes a content script sees, not HF's code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, DB_NAME, launchExtension, readStore, shot, type LaunchedExtension } from './browser';

interface Entry { id: string; title: string; authors: string[]; abstract?: string; status: string }
const DIR = path.resolve('../shared/fixtures/huggingface/real');
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** The daily list's Daily Papers items, from its hydration props (independent of the extension's code). */
const daily = JSON.parse(unescape(/data-target="DailyPapers" data-props="([^"]*)"/.exec(readFileSync(path.join(DIR, 'hf-papers-daily-2024-08-01.html'), 'utf8'))![1]!))
  .dailyPapers as { paper: { id: string; title: string; authors: { name: string }[] } }[];
const DAILY_URL = 'https://huggingface.co/papers/date/2024-08-01';
const PAPER_URL = 'https://huggingface.co/papers/2509.24002';
const PAPER_TITLE = 'MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use';

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 5_000 });
const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));
const entries = () => readStore<Entry>(ext.sw, DB_NAME, 'readingList');
/** Every host we put on the page: kind and id, in document order. */
const hosts = (page: Page) => page.locator('[data-paper-pulse]').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.paperPulse}:${(e as HTMLElement).dataset.arxivId}`));
const toggle = (page: Page, id: string) => page.locator(`[data-paper-pulse][data-arxiv-id="${id}"]`).locator('button.save');
/** Requests to huggingface.co that name one of `ids` (the page's papers), made since `since`. */
const requestsNaming = (since: number, ids: string[]) => ext.fake.hfRequests(since).filter((r) => ids.some((id) => r.url.includes(id)));

describe('daily list', () => {
  test('a Save toggle on every paper card, after its title; none of our numbers; nothing fetched about the papers', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    const since = Date.now();
    await page.goto(DAILY_URL);
    const ids = daily.map((d) => d.paper.id);
    await eventually(() => hosts(page)).toEqual(ids.map((id) => `save:${id}`));
    // Right after the card's title heading, inside the card.
    const placed = await page.locator('[data-paper-pulse]').evaluateAll((els) => els.map((e) => e.previousElementSibling?.tagName + (e.closest('article') ? ' in article' : '')));
    expect(placed).toEqual(ids.map(() => 'H3 in article'));
    expect(await toggle(page, ids[0]!).getAttribute('aria-pressed')).toBe('false');
    // HF's stylesheet is not in the capture (the fake 404s /front/build), so the page is unstyled: show a card's title line.
    await page.locator('article h3').first().evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(page, 'hf-daily-save-toggles');
    // The only requests naming these papers are the page's own (its HTML and thumbnails), none to HF's API.
    expect(requestsNaming(since, ids).filter((r) => r.url.startsWith('/api/'))).toEqual([]);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('Save stores the paper with the page\'s title, authors and abstract; the mark turns saved in every open HF tab', async () => {
    const [a, b] = [await ext.ctx.newPage(), await ext.ctx.newPage()];
    await a.goto(DAILY_URL);
    await b.goto(DAILY_URL);
    const item = daily[1]!.paper;
    await eventually(() => toggle(a, item.id).count()).toBe(1);
    await eventually(() => toggle(b, item.id).count()).toBe(1);
    await toggle(a, item.id).click();
    await eventually(async () => (await entries()).find((e) => e.id === item.id)?.title).toBe(item.title.replace(/\s+/g, ' ').trim());
    const entry = (await entries()).find((e) => e.id === item.id)!;
    expect(entry.authors).toEqual(item.authors.map((x) => x.name.trim()));
    expect(entry.status).toBe('to-read');
    for (const page of [a, b]) {
      await eventually(() => page.locator(`[data-paper-pulse="saved"][data-arxiv-id="${item.id}"]`).count()).toBe(1);
      expect(await toggle(page, item.id).textContent()).toBe('★ Saved');
    }
    await b.locator(`[data-arxiv-id="${item.id}"]`).evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(b, 'hf-daily-saved-mark');
    // Unsave from the other tab: both follow.
    await toggle(b, item.id).click();
    await eventually(async () => (await entries()).some((e) => e.id === item.id)).toBe(false);
    await eventually(() => a.locator(`[data-paper-pulse="save"][data-arxiv-id="${item.id}"]`).count()).toBe(1);
    await a.close();
    await b.close();
  });

  test('the keyboard reaches a card\'s toggle and Space toggles it', async () => {
    const page = await ext.ctx.newPage();
    await page.goto(DAILY_URL);
    const id = daily[2]!.paper.id;
    await eventually(() => toggle(page, id).count()).toBe(1);
    await toggle(page, id).focus();
    await page.keyboard.press('Space');
    await eventually(async () => (await entries()).some((e) => e.id === id)).toBe(true);
    await eventually(() => toggle(page, id).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    await eventually(async () => (await entries()).some((e) => e.id === id)).toBe(false);
    await page.close();
  });
});

describe('paper page', () => {
  test('one Save toggle after the title, keyed by the URL\'s paper, not by the page\'s other links', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    const since = Date.now();
    await page.goto(PAPER_URL);
    await eventually(() => hosts(page)).toEqual(['save:2509.24002']);
    expect(await page.locator('[data-paper-pulse]').evaluate((e) => e.previousElementSibling?.tagName)).toBe('H1');
    await toggle(page, '2509.24002').click();
    await eventually(async () => (await entries()).find((e) => e.id === '2509.24002')?.title).toBe(PAPER_TITLE);
    await eventually(() => hosts(page)).toEqual(['saved:2509.24002']);
    await page.locator('h1').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(page, 'hf-paper-saved');
    // The one API request naming the paper is the toolbar badge's lookup (as on PDF tabs; README: at most once per
    // 6 h). The page's toggle asks nothing: a reload, unsave and save again add no request.
    const api = () => requestsNaming(since, ['2509.24002']).filter((r) => r.url.startsWith('/api/'));
    await eventually(() => api().map((r) => r.url)).toEqual(['/api/papers/2509.24002']);
    await page.reload();
    await eventually(() => hosts(page)).toEqual(['saved:2509.24002']);
    await toggle(page, '2509.24002').click();
    await eventually(() => hosts(page)).toEqual(['save:2509.24002']);
    await toggle(page, '2509.24002').click();
    await eventually(() => hosts(page)).toEqual(['saved:2509.24002']);
    expect(api().map((r) => r.url)).toEqual(['/api/papers/2509.24002']);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });
});

describe('client-side navigation', () => {
  /** What HF's router does on a link click: fetch the next page, swap `main`, pushState; popstate swaps back. */
  const installRouter = (page: Page) => page.evaluate(() => {
    // HF renders from its data, so its markup never holds our hosts: keep the page's own, without them.
    const pristine = (main: Element) => {
      const copy = main.cloneNode(true) as Element;
      copy.querySelectorAll('[data-paper-pulse]').forEach((n) => n.remove());
      return copy.innerHTML;
    };
    const mains = new Map<string, string>([[location.pathname, pristine(document.querySelector('main')!)]]);
    const show = (html: string) => void (document.querySelector('main')!.innerHTML = html);
    (window as unknown as { hfNavigate(path: string): Promise<void> }).hfNavigate = async (to: string) => {
      if (!mains.has(to)) {
        const doc = new DOMParser().parseFromString(await (await fetch(to)).text(), 'text/html');
        mains.set(to, doc.querySelector('main')!.innerHTML);
      }
      history.pushState({}, '', to);
      show(mains.get(to)!);
    };
    addEventListener('popstate', () => show(mains.get(location.pathname)!));
  });
  const navigate = (page: Page, to: string) => page.evaluate((p) => (window as unknown as { hfNavigate(path: string): Promise<void> }).hfNavigate(p), to);

  test('list → paper → back: the marks follow the page, each card and the paper once, saved state intact', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(DAILY_URL);
    const ids = daily.map((d) => d.paper.id);
    const saved = await entries();
    const kind = (id: string) => (saved.some((e) => e.id === id) ? 'saved' : 'save');
    await eventually(() => hosts(page)).toEqual(ids.map((id) => `${kind(id)}:${id}`));
    await installRouter(page);

    await navigate(page, '/papers/2509.24002');
    expect(page.url()).toBe(PAPER_URL);
    // The paper was saved by the paper-page test: it shows as saved at once; no card marks are left behind.
    await eventually(() => hosts(page)).toEqual([`${kind('2509.24002')}:2509.24002`]);
    await page.locator('h1').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(page, 'hf-nav-to-paper');

    await page.goBack();
    expect(page.url()).toBe(DAILY_URL);
    await eventually(() => hosts(page)).toEqual(ids.map((id) => `${kind(id)}:${id}`));

    // HF re-rendering cards in place (a hydration pass, a sort) must not double any mark.
    await page.evaluate(() => {
      for (const article of [...document.querySelectorAll('article')].slice(0, 3)) {
        const copy = article.cloneNode(true) as Element;
        copy.querySelectorAll('[data-paper-pulse]').forEach((n) => n.remove());
        article.replaceWith(copy);
      }
    });
    await eventually(() => hosts(page)).toEqual(ids.map((id) => `${kind(id)}:${id}`));
    // Saving after the navigations still works on the restored cards.
    const id = daily[4]!.paper.id;
    await toggle(page, id).click();
    await eventually(() => page.locator(`[data-paper-pulse="saved"][data-arxiv-id="${id}"]`).count()).toBe(1);
    expect(await page.locator('[data-paper-pulse]').count()).toBe(ids.length);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });
});
