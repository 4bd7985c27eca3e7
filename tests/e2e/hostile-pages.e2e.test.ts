/**
 * Hostile arXiv pages (issue 6): an abs page without its title element, a listing whose links carry odd ids, and a
 * 2,000-entry listing where every id appears ~200 times. The pages are the real fixtures, altered on the way to the
 * browser (context.route over the fake server's answer). Nothing of ours throws; chips follow the valid ids only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, type LaunchedExtension } from './browser';
import { buildListingData, fixtureIds, serveListingData, type ListingData } from './listing-data';

let ext: LaunchedExtension;
let data: ListingData;
const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));

beforeAll(async () => {
  ext = await launchExtension();
  data = buildListingData([...fixtureIds('list-pastweek-cs.LG-show2000.html'), ...fixtureIds('list-new-cs.LG.html')]);
  serveListingData(ext.fake, data);
  // `?hostile=<kind>` marks a page to alter; the original is the fixture the fake server serves for that path.
  await ext.ctx.route((url) => url.searchParams.has('hostile'), async (route) => {
    const url = new URL(route.request().url());
    const kind = url.searchParams.get('hostile')!;
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: alter(kind, original(url.pathname)) });
  });
});
afterAll(async () => ext?.close());

const FIXTURES = path.resolve('../shared/fixtures/arxiv/reconstructed');
function original(pathname: string): string {
  const abs = /^\/abs\/(\d{4}\.\d{4,5})/.exec(pathname);
  if (abs) return readFileSync(path.join(FIXTURES, 'abs-2101.04792v2.html'), 'utf8').replaceAll('2101.04792', abs[1]!);
  if (pathname === '/list/cs.LG/new') return readFileSync(path.join(FIXTURES, 'list-new-cs.LG.html'), 'utf8');
  if (pathname === '/list/cs.LG/pastweek') return readFileSync(path.join(FIXTURES, 'list-pastweek-cs.LG-show2000.html'), 'utf8');
  throw new Error(`no fixture for ${pathname}`);
}

const known = () => [...data.expected.keys()].filter((id) => id.startsWith('2606.2'));

function alter(kind: string, html: string): string {
  if (kind === 'no-title') return html.replace(/<h1 class="title mathjax">[\s\S]*?<\/h1>/, '');
  if (kind === 'duplicates') {
    // Every id on the page becomes one of ten known ids: ~200 entries per id.
    const ten = known().slice(0, 10);
    return html.replace(/2606\.2(\d{4})/g, (_m, digits: string) => ten[Number(digits) % ten.length]!);
  }
  if (kind === 'odd-hrefs') {
    const odd = ['/abs/2606.27001v1?x=<b>#frag', '/abs/..%2F..%2Fetc%2Fpasswd', '/abs/%3Cscript%3E', '/abs/2606.270019999999',
      'javascript:alert(1)', '/abs/', '/abs/2606', '//evil.example/abs/2606.27002', '/ABS/2606.27003', '/abs/2606.27004v99999999999999999999'];
    let i = 0;
    return html.replace(/href ?="\/abs\/[^"]+"/g, (m) => (i++ % 3 === 0 ? `href="${odd[(i / 3) % odd.length | 0]}"` : m));
  }
  throw new Error(`unknown hostile page kind ${kind}`);
}

describe('hostile arXiv pages', () => {
  test('abs page without a title element: no badge, no error', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto('https://arxiv.org/abs/2505.24864?hostile=no-title');
    expect(await page.locator('h1.title').count()).toBe(0);
    await page.waitForTimeout(800);
    expect(await page.locator('[data-paper-pulse]').count()).toBe(0);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('listing with odd ids in its links: chips for valid ids only, no error', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto('https://arxiv.org/list/cs.LG/new?hostile=odd-hrefs');
    await page.locator('[data-paper-pulse="controls"]').waitFor({ timeout: 20_000 });
    const chipIds = await page.locator('[data-paper-pulse="chip"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id')));
    expect(chipIds.length).toBeGreaterThan(0);
    for (const id of chipIds) expect(id).toMatch(/^\d{4}\.\d{4,5}$/);
    expect(chipIds.every((id) => data.expected.has(id!))).toBe(true);
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('2,000 entries with duplicate ids: one chip per entry, no per-paper request, no error', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    const since = Date.now();
    await page.goto('https://arxiv.org/list/cs.LG/pastweek?show=2000&hostile=duplicates');
    await page.locator('[data-paper-pulse="controls"]').waitFor({ timeout: 30_000 });
    const dts = await page.locator('dl#articles > dt').count();
    expect(dts).toBe(2000);
    const chips = page.locator('[data-paper-pulse="chip"]');
    expect(await chips.count()).toBe(2000); // every entry's id is a known one
    const distinct = new Set(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id'))));
    expect(distinct.size).toBe(10);
    expect(ext.fake.hfRequests(since).filter((r) => r.url.startsWith('/api/papers/'))).toEqual([]);
    expect(ours(errors)).toEqual([]);
    await page.close();
  }, 60_000);
});
