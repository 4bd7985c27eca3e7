/**
 * "New since you looked" on huggingface.co's daily list (issue 15), on the real captured day page served at its real
 * path. HF adds papers to a day while it lasts: the first visit here is made to the same page with its first two
 * paper cards cut out (Playwright answers that one navigation; the capture is otherwise unchanged), the second to the
 * full capture, so exactly those two papers arrived in between.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, DB_NAME, launchExtension, readStoreEntries, shot, type LaunchedExtension } from './browser';

const FILE = path.resolve('../shared/fixtures/huggingface/real/hf-papers-daily-2024-08-01.html');
const DAILY_URL = 'https://huggingface.co/papers/date/2024-08-01';

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 8_000 });
const hostsOf = (page: Page, kind: string) => page.locator(`[data-paper-pulse="${kind}"]`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.arxivId));
/** The page's first `n` paper cards, cut out of the capture's HTML (cards are sibling `<article>`s, none nested). */
function withoutFirstCards(html: string, n: number): { html: string; cut: string[] } {
  const cut: string[] = [];
  let out = html;
  for (let i = 0; i < n; i++) {
    const start = out.indexOf('<article');
    const end = out.indexOf('</article>', start) + '</article>'.length;
    const card = out.slice(start, end);
    cut.push(/href="\/papers\/(\d{4}\.\d{4,5})"/.exec(card)![1]!);
    out = out.slice(0, start) + out.slice(end);
  }
  return { html: out, cut };
}

describe('daily list', () => {
  test('first visit marks nothing; papers added to the day since are marked New; a reload keeps the marks', async () => {
    const full = readFileSync(FILE, 'utf8');
    const { html, cut } = withoutFirstCards(full, 2);
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.route(DAILY_URL, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(DAILY_URL);
    await eventually(async () => (await hostsOf(page, 'save')).length).toBeGreaterThan(5);
    // The visit is recorded (the worker's record of this day), and nothing is New on a first visit.
    const record = async () => (await readStoreEntries<{ ids: string }>(ext.sw, DB_NAME, 'meta')).find(([k]) => k === 'newSince:hf/papers/date/2024-08-01')?.[1];
    await eventually(async () => (await record())?.ids.length ?? 0).toBeGreaterThan(0);
    expect(await hostsOf(page, 'new')).toEqual([]);
    await page.unroute(DAILY_URL);

    await page.goto(DAILY_URL);
    await eventually(() => hostsOf(page, 'new')).toEqual(cut);
    expect(cut.length).toBe(2);
    // Each right after its card's title, inside the card.
    expect(await page.locator('[data-paper-pulse="new"]').evaluateAll((els) => els.map((e) => `${e.previousElementSibling?.tagName}${e.closest('article') ? ' in article' : ''}`)))
      .toEqual(['H3 in article', 'H3 in article']);
    await page.locator('[data-paper-pulse="new"]').first().evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(page, 'hf-daily-new-since');
    await page.reload();
    await eventually(() => hostsOf(page, 'new')).toEqual(cut);
    expect(errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'))).toEqual([]);
    await page.close();
  });

  test('a paper page keeps no track (the only record is the day list\'s, from the test above)', async () => {
    const page = await ext.ctx.newPage();
    await page.goto('https://huggingface.co/papers/2509.24002');
    await eventually(() => hostsOf(page, 'save')).toEqual(['2509.24002']);
    await page.waitForTimeout(800);
    expect((await readStoreEntries(ext.sw, DB_NAME, 'meta')).map(([k]) => String(k)).filter((k) => k.startsWith('newSince:hf/')))
      .toEqual(['newSince:hf/papers/date/2024-08-01']);
    await page.close();
  });
});
