/**
 * The optional sites (issue 15) in Chromium with the built extension, on the reconstructed pages of
 * tests/fixtures/other-sites served under the real hostnames (fake-other-sites.ts; its README says what each page
 * rebuilds from other-sites.md and what is unverified).
 *
 * The sites' origins are granted here the way an install-time grant would be: Chromium cannot answer its permission
 * prompt headless (Playwright declined to support it, other-sites.md §7), so this file loads a copy of the build whose
 * manifest lists them under host_permissions — then the worker's own start-up registers each site's content script,
 * as it does after a real grant. The shipped build asking from the button is other-sites-permission.e2e.test.ts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPTIONAL_SITES } from '../../src/shared/other-sites';
import { collectErrors, DB_NAME, launchExtension, openPopup, readCachedPapers, readStore, shot, tabIdOf, type LaunchedExtension } from './browser';

type DailyItem = { paper: { id: string; upvotes: number; title: string } };
const today: DailyItem[] = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8'));
const ids = today.slice(0, 8).map((d) => d.paper.id);
const OLD = 'hep-th/9901001';

declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; js?: string[] }[]> };
  permissions: { contains(p: object): Promise<boolean> };
  action: { getBadgeText(d: { tabId?: number }): Promise<string> };
};

let ext: LaunchedExtension;
let extDir: string;
beforeAll(async () => {
  extDir = mkdtempSync(path.join(tmpdir(), 'pp-sites-ext-'));
  cpSync(path.resolve(`${process.env.PP_DIST ?? 'dist'}/chrome`), extDir, { recursive: true });
  const manifestFile = path.join(extDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push(...OPTIONAL_SITES.flatMap((s) => s.origins));
  writeFileSync(manifestFile, JSON.stringify(manifest));
  ext = await launchExtension({ ext: extDir });
  // The worker's start-up refresh caches today's list: the papers these pages name.
  const cached = async () => (await readCachedPapers<{ id: string }>(ext.sw)).filter((p) => ids.includes(p.id)).length;
  for (const stop = Date.now() + 15_000; await cached() < ids.length;) {
    if (Date.now() > stop) throw new Error('the worker did not cache today\'s list');
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(async () => {
  await ext?.close();
  rmSync(extDir, { recursive: true, force: true });
});

const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 8_000 });
const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));
/** Our hosts in document order: `kind:id`, chips with their count. */
const hosts = (page: Page) => page.locator('[data-paper-pulse]').evaluateAll((els) => els.map((e) => {
  const d = (e as HTMLElement).dataset;
  return d.paperPulse === 'chip' ? `▲${d.upvotes}:${d.arxivId}` : `${d.paperPulse}:${d.arxivId}`;
}));
const upvotesOf = (id: string) => today.find((d) => d.paper.id === id)!.paper.upvotes;
/** What a paper HF lists gets (▲ then Save), and what one it doesn't gets (Save only). */
const marked = (id: string) => [`▲${upvotesOf(id)}:${id}`, `save:${id}`];
/** Requests other than the page loads themselves: to the site (our code fetches nothing there) or to HF naming a paper. */
const sinceRequests = (since: number) => ext.fake.log.filter((e) => e.time >= since);

async function open(url: string): Promise<{ page: Page; errors: string[]; since: number }> {
  const page = await ext.ctx.newPage();
  const errors = collectErrors(page);
  const since = Date.now();
  await page.goto(url);
  return { page, errors, since };
}

/**
 * Nothing but the documents (and the page's own images) asked of the site; nothing of HF about the papers, except the
 * toolbar badge's one lookup of a single-paper page's own paper (`badge`: alphaXiv and PwC paper pages), the same disclosed
 * lookup an arXiv abstract page makes (never in privacy mode).
 */
function expectNoTraffic(since: number, site: string, documents: string[], badge: string[] = []) {
  const log = sinceRequests(since);
  const toSite = log.filter((e) => e.host === site && !/\.(png|ico)$/.test(e.url)).map((e) => e.url);
  expect(toSite).toEqual(documents);
  const naming = log.filter((e) => e.host === 'huggingface.co' && ids.some((id) => e.url.includes(id))).map((e) => e.url);
  expect(naming.filter((url) => !badge.some((id) => url === `/api/papers/${id}`))).toEqual([]);
}

describe('registration', () => {
  test('every granted site has its own content script registered, for its own pages only', async () => {
    await eventually(async () => (await ext.sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).map((s) => s.id).sort())
      .toEqual(OPTIONAL_SITES.map((s) => `site-${s.key}`).sort());
    const registered = await ext.sw.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    for (const site of OPTIONAL_SITES) {
      const script = registered.find((s) => s.id === `site-${site.key}`);
      expect([...(script?.matches ?? [])].sort()).toEqual([...site.matches].sort());
      expect(script?.js).toEqual([site.js]);
    }
  });
});

describe('Google Scholar', () => {
  test('results linking arXiv (title, PDF column, "arXiv:ID" venue) get ▲ and Save in the title; others nothing', async () => {
    const url = 'https://scholar.google.com/scholar?hl=en&q=agent+environments';
    const { page, errors, since } = await open(url);
    await eventually(() => hosts(page)).toEqual([...marked(ids[0]!), ...marked(ids[1]!), ...marked(ids[2]!), `save:${OLD}`]);
    // Inside the title heading, after its link; the row without any arXiv trace (a number in its snippet) has none.
    expect(await page.locator('h3.gs_rt > [data-paper-pulse]').count()).toBe(7);
    expect(await page.locator('[data-cid="Ab4CdEfGhIjK"] [data-paper-pulse]').count()).toBe(0);
    const chip = page.locator(`[data-paper-pulse="chip"][data-arxiv-id="${ids[0]}"]`);
    expect(await chip.locator('a').getAttribute('href')).toBe(`https://huggingface.co/papers/${ids[0]}`);
    await shot(page, 'other-sites-scholar-results');
    expectNoTraffic(since, 'scholar.google.com', ['/scholar?hl=en&q=agent+environments']);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('profile rows with "arXiv preprint arXiv:ID", including rows "Show more" appends', async () => {
    const { page, errors } = await open('https://scholar.google.com/citations?user=abcDEF&hl=en');
    await eventually(() => hosts(page)).toEqual(marked(ids[3]!));
    await page.locator('#gsc_bpf_more').click();
    await eventually(() => hosts(page)).toEqual([...marked(ids[3]!), ...marked(ids[4]!)]);
    expect(await page.locator('a.gsc_a_at + [data-paper-pulse]').count()).toBe(2);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('Save from a result stores the paper; the saved mark shows on every open page of every site', async () => {
    const scholar = (await open('https://scholar.google.com/scholar?q=x')).page;
    const alpha = (await open('https://www.alphaxiv.org/')).page;
    const toggle = (page: Page) => page.locator(`[data-paper-pulse][data-arxiv-id="${ids[0]}"]`).locator('button.save');
    await eventually(() => toggle(scholar).count()).toBe(1);
    await eventually(() => toggle(alpha).count()).toBe(1);
    await toggle(scholar).click();
    await eventually(async () => (await readStore<{ id: string; title: string }>(ext.sw, DB_NAME, 'readingList')).find((e) => e.id === ids[0])?.id).toBe(ids[0]);
    for (const page of [scholar, alpha]) {
      await eventually(() => page.locator(`[data-paper-pulse="saved"][data-arxiv-id="${ids[0]}"]`).count()).toBe(1);
      expect(await toggle(page).textContent()).toBe('★ Saved');
    }
    await shot(scholar, 'other-sites-scholar-saved');
    // Unsave from the other site: both follow.
    await toggle(alpha).click();
    for (const page of [scholar, alpha]) await eventually(() => toggle(page).getAttribute('aria-pressed')).toBe('false');
    await scholar.close();
    await alpha.close();
  });
});

describe('Semantic Scholar (client-rendered)', () => {
  test('rows linking arXiv get marks once the app renders; a client-side navigation to a paper page moves them', async () => {
    const { page, errors, since } = await open('https://www.semanticscholar.org/search?q=group%20image');
    // Search: WithEveryone and MemTrapBench link arXiv, the ACL paper does not.
    await eventually(() => hosts(page)).toEqual([...marked(ids[4]!), ...marked(ids[5]!)]);
    expect(await page.locator('a[data-test-id="title-link"] + [data-paper-pulse]').count()).toBe(2);
    await shot(page, 'other-sites-s2-search');
    // The app navigates without a load: the paper page's title (its JSON-LD names arXiv) and its citing rows.
    await page.locator('a[data-test-id="title-link"]', { hasText: 'MemTrapBench' }).click();
    await page.waitForURL(/\/paper\//);
    await eventually(() => hosts(page)).toEqual([...marked(ids[5]!), ...marked(ids[4]!)]);
    expect(await page.locator('h1[data-test-id="paper-detail-title"] > [data-paper-pulse]').count()).toBe(2);
    await shot(page, 'other-sites-s2-paper');
    // Its address names no arXiv id: the site's script tells the worker, and the toolbar badge shows the paper's count
    // from the local copy (expectNoTraffic below: nothing asked about it), the popup its card.
    const tabId = await tabIdOf(ext.sw, 'https://www.semanticscholar.org/*');
    const badgeText = (t: number | undefined) => ext.sw.evaluate((tab) => chrome.action.getBadgeText(tab === undefined ? {} : { tabId: tab }), t);
    await eventually(() => badgeText(tabId)).toBe(String(upvotesOf(ids[5]!)));
    expectNoTraffic(since, 'www.semanticscholar.org', ['/search?q=group%20image']);
    // Opening the popup there is asking about the paper: its card may look it up on HF, as on an arXiv page.
    const popup = await openPopup(ext.ctx, ext.extId, tabId);
    await eventually(() => popup.getByTestId('paper-card').getAttribute('data-arxiv-id')).toBe(ids[5]);
    await shot(popup, 'other-sites-popup-s2-paper');
    await popup.close();
    await page.goBack();
    await eventually(() => hosts(page)).toEqual([...marked(ids[4]!), ...marked(ids[5]!)]);
    await eventually(async () => await badgeText(tabId) === await badgeText(undefined)).toBe(true);
    expectNoTraffic(since, 'www.semanticscholar.org', ['/search?q=group%20image'], [ids[5]!]);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });
});

describe('OpenReview', () => {
  test('a forum page: each arXiv paper its note or replies link; a page without arXiv links stays as it is', async () => {
    const { page, errors, since } = await open('https://openreview.net/forum?id=sK1llEv0');
    await eventually(() => hosts(page)).toEqual([...marked(ids[7]!), ...marked(ids[0]!)]);
    expect(await page.locator('.note-content-value a + [data-paper-pulse="chip"]').count()).toBe(2);
    await shot(page, 'other-sites-openreview');
    expectNoTraffic(since, 'openreview.net', ['/forum?id=sK1llEv0']);
    const blind = await open('https://openreview.net/forum?id=bl1nd');
    await blind.page.waitForLoadState('load');
    // The script runs (its saved-ids read answers) and finds nothing: the page keeps no host of ours.
    await blind.page.waitForTimeout(1_000);
    expect(await hosts(blind.page)).toEqual([]);
    expect(ours([...errors, ...blind.errors])).toEqual([]);
    await page.close();
    await blind.page.close();
  });
});

describe('alphaXiv', () => {
  test.each(['abs/2608.19880', 'abs/2608.19880v2', 'overview/2608.19880', 'audio/2608.19880v1', 'replicate/2608.19880'])('/%s: the paper\'s marks in its title', async (route) => {
    const { page, errors } = await open(`https://www.alphaxiv.org/${route}`);
    await eventually(() => hosts(page)).toEqual([...marked(ids[0]!), ...marked(ids[2]!)]);
    expect(await page.locator('main h1 > [data-paper-pulse]').count()).toBe(2);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('the client router re-uses the title for the next paper: the marks follow; the home list marks each card once', async () => {
    const { page, errors, since } = await open('https://www.alphaxiv.org/abs/2608.19880');
    await eventually(() => hosts(page)).toEqual([...marked(ids[0]!), ...marked(ids[2]!)]);
    await page.locator('a.similar-title').click();
    await page.waitForURL(/2608\.20335/);
    await eventually(() => hosts(page)).toEqual(marked(ids[2]!));
    await shot(page, 'other-sites-alphaxiv-paper');
    const home = await open('https://www.alphaxiv.org/');
    // Thumbnail and title link the same paper: one pair, after the title link; a shared arxiv.org link counts too.
    await eventually(() => hosts(home.page)).toEqual([...marked(ids[0]!), ...marked(ids[1]!), ...marked(ids[6]!)]);
    expect(await home.page.locator('a:has(h3) + [data-paper-pulse="chip"]').count()).toBe(2);
    await shot(home.page, 'other-sites-alphaxiv-home');
    expectNoTraffic(since, 'www.alphaxiv.org', ['/abs/2608.19880', '/'], [ids[0]!, ids[2]!]);
    expect(ours([...errors, ...home.errors])).toEqual([]);
    await page.close();
    await home.page.close();
  });
});

describe('paperswithcode.co', () => {
  test('a /paper/<arXiv id> page and a task table (numeric and slug papers left alone)', async () => {
    const { page, errors, since } = await open(`https://paperswithcode.co/paper/${ids[5]}`);
    await eventually(() => hosts(page)).toEqual(marked(ids[5]!));
    expect(await page.locator('main h1 > [data-paper-pulse]').count()).toBe(2);
    const task = await open('https://paperswithcode.co/task/agent-learning');
    await eventually(() => hosts(task.page)).toEqual([...marked(ids[0]!), ...marked(ids[6]!)]);
    await shot(task.page, 'other-sites-pwc-task');
    expectNoTraffic(since, 'paperswithcode.co', [`/paper/${ids[5]}`, '/task/agent-learning'], [ids[5]!]);
    expect(ours([...errors, ...task.errors])).toEqual([]);
    await page.close();
    await task.page.close();
  });
});

describe('toolbar badge and popup on the single-paper pages', () => {
  test.each([
    ['https://paperswithcode.co/paper/2608.20202', 'https://paperswithcode.co/paper/*', '2608.20202'],
    ['https://www.alphaxiv.org/overview/2608.18580v2', 'https://www.alphaxiv.org/overview/*', '2608.18580'],
  ])('%s: the paper\'s upvotes on the badge, its card in the popup', async (url, pattern, id) => {
    const { page } = await open(url);
    const tabId = await tabIdOf(ext.sw, pattern);
    await eventually(() => ext.sw.evaluate((t) => chrome.action.getBadgeText({ tabId: t }), tabId)).toBe(String(upvotesOf(id)));
    const popup = await openPopup(ext.ctx, ext.extId, tabId);
    const card = popup.getByTestId('paper-card');
    await eventually(() => card.getAttribute('data-arxiv-id')).toBe(id);
    await eventually(() => card.getByTestId('upvotes').textContent()).toContain(String(upvotesOf(id)));
    await shot(popup, `other-sites-popup-${new URL(url).hostname}`);
    await popup.close();
    await page.close();
  });

  test('a results page has no paper of its own: the badge stays the global one', async () => {
    const { page } = await open('https://scholar.google.com/scholar?q=x');
    await eventually(() => page.locator('[data-paper-pulse="chip"]').count()).toBe(3);
    const tabId = await tabIdOf(ext.sw, 'https://scholar.google.com/*');
    expect(await ext.sw.evaluate((t) => chrome.action.getBadgeText({ tabId: t }), tabId)).toBe(await ext.sw.evaluate(() => chrome.action.getBadgeText({})));
    await page.close();
  });
});

describe('the per-site switch in the options page', () => {
  test('off: marks leave the open pages, the script is unregistered, new pages stay unmarked; on: all marked again', async () => {
    const before = (await open('https://paperswithcode.co/task/agent-learning')).page;
    await eventually(() => hosts(before)).toEqual([...marked(ids[0]!), ...marked(ids[6]!)]);
    const options = await ext.ctx.newPage();
    await options.goto(`chrome-extension://${ext.extId}/options.html#other-sites`);
    const row = options.getByTestId('site-paperswithcode');
    await eventually(() => row.getAttribute('data-on')).toBe('true');
    await options.locator('#other-sites').scrollIntoViewIfNeeded();
    await shot(options, 'other-sites-options-granted');
    await row.getByTestId('site-switch').uncheck();
    await eventually(() => hosts(before)).toEqual([]);
    await eventually(async () => (await ext.sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).map((s) => s.id)).not.toContain('site-paperswithcode');
    const { page } = await open('https://paperswithcode.co/task/agent-learning');
    await page.waitForLoadState('load');
    await page.waitForTimeout(1_000);
    expect(await hosts(page)).toEqual([]);
    // Another site is not affected.
    const scholar = (await open('https://scholar.google.com/scholar?q=x')).page;
    await eventually(() => scholar.locator('[data-paper-pulse="chip"]').count()).toBe(3);
    // Back on: registered again, and the already open tabs get the script now.
    await row.getByTestId('site-switch').check();
    for (const p of [page, before]) await eventually(() => hosts(p)).toEqual([...marked(ids[0]!), ...marked(ids[6]!)]);
    expect((await ext.sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).map((s) => s.id)).toContain('site-paperswithcode');
    await before.close();
    await scholar.close();
    // A site granted at install can't be given back (Chrome refuses to remove required access): the page says so.
    await row.getByTestId('site-disable').click();
    await eventually(() => row.getByRole('alert').count()).toBe(1);
    expect(await ext.sw.evaluate(() => chrome.permissions.contains({ origins: ['https://paperswithcode.co/*'] }))).toBe(true);
    await page.close();
    await options.close();
  });
});
