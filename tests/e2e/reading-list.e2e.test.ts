/**
 * Reading list, end to end in Chromium: every save path (abs badge, listing entry, popup card, context-menu handler,
 * keyboard-shortcut handler), marks that follow in every open tab, the toolbar ✓, the popup view (search, status,
 * tags, remove + undo, export, import), and concurrent saves from two tabs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, DB_NAME, launchExtension, openPopup, readStore, shot, tabIdOf, type LaunchedExtension } from './browser';

interface Entry { id: string; title: string; authors: string[]; status: string; tags: string[]; note: string; primaryClass?: string; upvotesAtSave?: number }
type DailyItem = { paper: { id: string; upvotes: number; title: string } };
const latest: DailyItem[] = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8'));
const ABS_META_TITLE = 'Learning Efficient Representations for Keyword Spotting with Triplet Loss'; // the fake's abs page for any new-style id
const known = latest[0]!.paper; // on HF: the worker's "today" list holds it

declare const chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> }; tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
declare const paperPulse: { onContextMenuClicked(info: object, tab?: object): Promise<void>; onCommand(command: string, tab?: object): Promise<void>; syncNow(): Promise<{ bytes: number; entries: number }> };

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

/** The worker may be busy (related ranking, refreshes): give each live update a few seconds, not vitest's default 1 s. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 5_000 });
const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));
const entries = () => readStore<Entry>(ext.sw, DB_NAME, 'readingList');
const savedIds = async () => (await entries()).map((e) => e.id).sort();
const absSave = (page: Page) => page.locator('[data-paper-pulse="badge"]').locator('button.save');
const mark = (page: Page, id: string) => page.locator(`[data-paper-pulse="saved"][data-arxiv-id="${id}"]`);
const saveHost = (page: Page, id: string) => page.locator(`[data-paper-pulse="save"][data-arxiv-id="${id}"]`);
/** Save buttons render as entries near the viewport: bring the entry there first, as a user scrolling would. */
/** Unsaved entries get their Save button when the pointer (or keyboard focus) reaches the entry. */
const reveal = (page: Page, id: string) => page.locator(`dt a[title="Abstract"][id="${id}"]`).hover();

describe('save paths', () => {
  test('abs badge: Save (HF does not know the paper) → entry from the page meta tags, toolbar ✓, saved mark on a listing', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto('https://arxiv.org/abs/2606.27001v1');
    const button = absSave(page);
    await eventually(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-state')).toBe('not-on-hf');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await button.getAttribute('aria-label')).toBe('Save to reading list');
    await shot(page, 'reading-abs-save-unsaved');
    await button.click();
    await eventually(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('true');
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await button.textContent()).toBe('★ Saved');
    const [entry] = await entries();
    expect(entry).toMatchObject({ id: '2606.27001', title: ABS_META_TITLE, authors: ['Vygon, Roman', 'Mikhaylovskiy, Nikolay'], primaryClass: 'eess.AS', status: 'to-read' });
    const tabId = await tabIdOf(ext.sw, 'https://arxiv.org/abs/2606.27001v1');
    await eventually(() => ext.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('✓');
    // Keyboard: Shift+Tab then Tab lands on the toggle with a visible focus ring; Space toggles it.
    await button.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await shot(page, 'reading-abs-save-saved');
    await page.keyboard.press('Space');
    await eventually(() => button.getAttribute('aria-pressed')).toBe('false');
    await eventually(savedIds).toEqual([]);
    await page.keyboard.press('Space');
    await eventually(savedIds).toEqual(['2606.27001']);
    // Quick presses are never dropped while one is on its way: the last one wins (saved → unsaved → saved → unsaved).
    for (let i = 0; i < 3; i++) await page.keyboard.press('Space');
    await eventually(savedIds).toEqual([]);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Space');
    await eventually(savedIds).toEqual(['2606.27001']);

    const listing = await ext.ctx.newPage();
    const listingErrors = collectErrors(listing);
    await listing.goto('https://arxiv.org/list/cs.LG/new');
    await eventually(() => mark(listing, '2606.27001').count()).toBe(1);
    // Unsaved entries get no button until the pointer or focus reaches them; none of them is marked saved.
    expect(await saveHost(listing, '2606.27002').count()).toBe(0);
    await reveal(listing, '2606.27002');
    await eventually(() => saveHost(listing, '2606.27002').count()).toBe(1);
    await reveal(listing, 'cs/0112017'); // old-style ids are savable too
    await eventually(() => saveHost(listing, 'cs/0112017').count()).toBe(1);
    expect(await listing.locator('[data-paper-pulse="saved"]').count()).toBe(1);
    await shot(listing, 'reading-listing-marks');
    // Search results too (the fixture lists 2606.27001 among other ids).
    const search = await ext.ctx.newPage();
    const searchErrors = collectErrors(search);
    await search.goto('https://arxiv.org/search/?query=keyword&searchtype=all');
    await eventually(() => mark(search, '2606.27001').count()).toBe(1);
    expect(await search.locator('[data-paper-pulse="saved"]').count()).toBe(1);
    expect(ours([...errors, ...listingErrors, ...searchErrors])).toEqual([]);
    await search.close();
    await listing.close();
    await page.close();
  });

  test('listing entry Save: entry from the listing row; the abs tab of that paper follows live', async () => {
    const abs = await ext.ctx.newPage();
    await abs.goto('https://arxiv.org/abs/2606.27002');
    await eventually(() => abs.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('false');
    const listing = await ext.ctx.newPage();
    await listing.goto('https://arxiv.org/list/cs.LG/new');
    const host = saveHost(listing, '2606.27002');
    // Keyboard: focusing the entry's abs link brings its Save button, reachable with Tab.
    await listing.locator('dt a[title="Abstract"][id="2606.27002"]').focus();
    await eventually(() => host.count()).toBe(1);
    expect(await host.locator('button').getAttribute('aria-label')).toBe('Save arXiv:2606.27002 to reading list');
    await host.locator('button').click();
    await eventually(() => mark(listing, '2606.27002').count()).toBe(1);
    await eventually(() => abs.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('true');
    const entry = (await entries()).find((e) => e.id === '2606.27002')!;
    const rowTitle = (await listing.locator('dd .list-title').nth(1).textContent())!.replace('Title:', '').replace(/\s+/g, ' ').trim();
    expect(entry.title).toBe(rowTitle);
    expect(entry.authors.length).toBeGreaterThan(0);
    await listing.close();
    await abs.close();
  });

  test('popup card: Save toggle and status; the abs tab shows it at once', async () => {
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${known.id}`);
    await eventually(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-upvotes')).toBe(String(known.upvotes));
    const tabId = await tabIdOf(ext.sw, `https://arxiv.org/abs/${known.id}`);
    const popup = await openPopup(ext.ctx, ext.extId, tabId);
    const toggle = popup.getByTestId('save-toggle');
    await eventually(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await eventually(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await eventually(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('true');
    await popup.getByTestId('status-select').selectOption('reading');
    await eventually(async () => (await entries()).find((e) => e.id === known.id)?.status).toBe('reading');
    const entry = (await entries()).find((e) => e.id === known.id)!;
    expect(entry).toMatchObject({ title: known.title.replace(/\s+/g, ' ').trim(), upvotesAtSave: known.upvotes });
    // Known to HF: the toolbar keeps the upvotes, its title says "saved".
    expect(await ext.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(String(known.upvotes));
    await shot(popup, 'reading-popup-card-saved');
    await shot(page, 'reading-abs-known-saved');
    await popup.close();
    await page.close();
  });

  test('context-menu handler: a link to an arXiv paper, and a paper page', async () => {
    await ext.sw.evaluate(() => paperPulse.onContextMenuClicked({ menuItemId: 'pp-save-link', linkUrl: 'https://arxiv.org/pdf/2606.27003v2', pageUrl: 'https://example.org/' }));
    // The page item on an open abs tab: its details come from that page's meta tags (asked of our content script).
    const page = await ext.ctx.newPage();
    await page.goto('https://arxiv.org/abs/hep-th/9901001v2');
    await eventually(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-state')).toBe('old-style');
    const tabId = await tabIdOf(ext.sw, 'https://arxiv.org/abs/hep-th/*');
    await ext.sw.evaluate((id) => paperPulse.onContextMenuClicked({ menuItemId: 'pp-save-page', pageUrl: 'https://arxiv.org/abs/hep-th/9901001v2' }, { id }), tabId);
    await eventually(savedIds).toEqual(expect.arrayContaining(['2606.27003', 'hep-th/9901001']));
    await eventually(async () => (await entries()).find((e) => e.id === 'hep-th/9901001')?.title).toBe('String Junctions and Their Duals in Heterotic String Theory');
    // The link item had no page to ask and HF doesn't know 2606.27003: ids go to huggingface.co only, so nothing is
    // fetched from arXiv and the entry keeps just its id until saved from its own page.
    expect(ext.fake.log.filter((r) => r.host.endsWith('arxiv.org') && r.url.includes('2606.27003'))).toEqual([]);
    expect((await entries()).find((e) => e.id === '2606.27003')?.title).toBe('');
    await page.close();
  });

  test('keyboard-shortcut handler toggles the active tab\'s paper', async () => {
    const page = await ext.ctx.newPage();
    await page.goto('https://arxiv.org/abs/2606.25011');
    await eventually(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('false');
    await ext.sw.evaluate(() => paperPulse.onCommand('toggle-save', { url: 'https://arxiv.org/abs/2606.25011' }));
    await eventually(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('true');
    await ext.sw.evaluate(() => paperPulse.onCommand('toggle-save', { url: 'https://arxiv.org/abs/2606.25011' }));
    await eventually(() => page.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('false');
    expect(await savedIds()).not.toContain('2606.25011');
    await page.close();
  });
});

describe('every tab at once', () => {
  test('two tabs saving at the same moment both persist, and both tabs show both marks', async () => {
    const [a, b] = [await ext.ctx.newPage(), await ext.ctx.newPage()];
    await Promise.all([a.goto('https://arxiv.org/list/cs.LG/new'), b.goto('https://arxiv.org/list/cs.LG/new')]);
    await Promise.all([reveal(a, '2606.26954'), reveal(b, '2506.01234')]);
    await eventually(() => saveHost(a, '2606.26954').count()).toBe(1);
    await eventually(() => saveHost(b, '2506.01234').count()).toBe(1);
    await Promise.all([saveHost(a, '2606.26954').locator('button').click(), saveHost(b, '2506.01234').locator('button').click()]);
    await eventually(savedIds).toEqual(expect.arrayContaining(['2606.26954', '2506.01234']));
    for (const page of [a, b]) for (const id of ['2606.26954', '2506.01234']) await eventually(() => mark(page, id).count()).toBe(1);
    await a.close();
    await b.close();
  });

  test('unsave removes the marks in all tabs', async () => {
    const pages = [await ext.ctx.newPage(), await ext.ctx.newPage(), await ext.ctx.newPage()];
    await pages[0]!.goto('https://arxiv.org/list/cs.LG/new');
    await pages[1]!.goto('https://arxiv.org/list/cs.LG/new');
    await pages[2]!.goto('https://arxiv.org/abs/2606.27001');
    for (const page of pages.slice(0, 2)) await eventually(() => mark(page, '2606.27001').count()).toBe(1);
    await eventually(() => pages[2]!.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('true');
    await mark(pages[0]!, '2606.27001').locator('button').click();
    for (const page of pages.slice(0, 2)) {
      await eventually(() => mark(page, '2606.27001').count()).toBe(0);
      expect(await saveHost(page, '2606.27001').count()).toBe(1);
    }
    await eventually(() => pages[2]!.locator('[data-paper-pulse="badge"]').getAttribute('data-saved')).toBe('false');
    expect(await savedIds()).not.toContain('2606.27001');
    for (const page of pages) await page.close();
  });
});

describe('sync through the browser\'s storage.sync', () => {
  type SyncArea = { get(k: null): Promise<Record<string, unknown>>; set(i: object): Promise<void>; getBytesInUse(k: null): Promise<number> };
  test('a push writes compact records within quota; a record from "another device" becomes an entry, refilled from HF, marked in open tabs', async () => {
    const pushed = await ext.sw.evaluate(() => paperPulse.syncNow());
    const area = await ext.sw.evaluate(async () => {
      const sync = (chrome as unknown as { storage: { sync: SyncArea } }).storage.sync;
      return { items: await sync.get(null), bytes: await sync.getBytesInUse(null) };
    });
    const records = Object.entries(area.items).filter(([k]) => k.startsWith('rl.')).flatMap(([, v]) => v as unknown[][]);
    expect(records.filter((r) => r[1] !== 3).map((r) => r[0]).sort()).toEqual(await savedIds());
    expect(pushed.entries).toBe((await savedIds()).length);
    expect(area.bytes).toBeLessThan(102_400);
    expect(area.bytes).toBeGreaterThanOrEqual(pushed.bytes);

    // Another device saved a paper HF knows (in the cached Daily Papers: refilled without a request) as "reading", tagged.
    const remote = latest[3]!.paper;
    const listing = await ext.ctx.newPage();
    await listing.goto('https://arxiv.org/list/cs.LG/new');
    const t = Date.now().toString(36);
    await ext.sw.evaluate(async ([id, time]) => {
      const sync = (chrome as unknown as { storage: { sync: SyncArea } }).storage.sync;
      await sync.set({ 'rl.7': [[id, 1, time, time, ['from-laptop']]] });
    }, [remote.id, t] as const);
    await eventually(async () => (await entries()).find((e) => e.id === remote.id)).toMatchObject({ status: 'reading', tags: ['from-laptop'], title: remote.title.replace(/\s+/g, ' ').trim() });
    // And a tombstone from that device removes a paper here, in every tab.
    await ext.sw.evaluate(async ([time]) => {
      const sync = (chrome as unknown as { storage: { sync: SyncArea } }).storage.sync;
      await sync.set({ 'rl.8': [['2606.26954', 3, time]] });
    }, [(Date.now() + 1000).toString(36)] as const);
    await eventually(savedIds).not.toContain('2606.26954');
    await eventually(() => mark(listing, '2606.26954').count()).toBe(0);
    await listing.close();
  });
});

describe('popup: Reading list view', () => {
  test('search, filter, status, tags, note, remove with undo, export, import', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=reading-list`);
    const errors = collectErrors(popup);
    const list = popup.getByTestId('reading-list');
    const count = (await savedIds()).length;
    await eventually(() => list.locator('li').count()).toBe(count);
    await shot(popup, 'reading-popup-list-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'reading-popup-list-dark');
    await popup.emulateMedia({ colorScheme: 'light' });

    // Search by author (from the abs meta tags of the saved 2606.* pages) and by title.
    await popup.getByLabel('Search the reading list').fill('heterotic');
    await eventually(() => list.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-arxiv-id')))).toEqual(['hep-th/9901001']);
    await popup.getByLabel('Search the reading list').fill('');

    // Status, tags and note inline, then filter by them.
    const row = list.locator('li[data-arxiv-id="hep-th/9901001"]');
    await row.locator('select').selectOption('read');
    await row.locator('input.tags').fill('strings, theory');
    await row.locator('input.tags').press('Enter');
    await row.locator('textarea.note').fill('Compare with Sen 1998');
    await row.locator('textarea.note').blur();
    await eventually(async () => (await entries()).find((e) => e.id === 'hep-th/9901001')).toMatchObject({ status: 'read', tags: ['strings', 'theory'], note: 'Compare with Sen 1998' });
    await popup.getByLabel('Filter by status').selectOption('read');
    await eventually(() => list.locator('li').count()).toBe(1);
    await popup.getByLabel('Filter by status').selectOption('');
    await popup.getByLabel('Filter by tag').selectOption('theory');
    await eventually(() => list.locator('li').count()).toBe(1);
    await popup.getByLabel('Filter by tag').selectOption('');
    await popup.getByLabel('Search the reading list').fill('Sen 1998');
    await eventually(() => list.locator('li').count()).toBe(1);
    await popup.getByLabel('Search the reading list').fill('');
    await popup.getByLabel('Sort').selectOption('title');
    const titles = await list.locator('.ptitle').allTextContents();
    expect(titles).toEqual([...titles].sort((x, y) => x.localeCompare(y)));

    // Remove, then undo.
    await row.getByRole('button', { name: /Remove/ }).click();
    await eventually(savedIds).not.toContain('hep-th/9901001');
    await eventually(() => popup.getByTestId('undo-bar').isVisible()).toBe(true);
    await shot(popup, 'reading-popup-undo');
    await popup.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => (await entries()).find((e) => e.id === 'hep-th/9901001')).toMatchObject({ status: 'read', note: 'Compare with Sen 1998' });

    // Export: a real download of each format.
    const [bib] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'BibTeX', exact: true }).click()]);
    const bibText = readFileSync((await bib.path())!, 'utf8');
    expect(bibText).toContain('eprint = {hep-th/9901001}');
    expect(bibText).toContain('doi = {10.48550/arXiv.hep-th/9901001}');
    const [json] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'JSON', exact: true }).click()]);
    const file = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(file.entries.map((e: Entry) => e.id).sort()).toEqual(await savedIds());

    // Import: a broken file changes nothing and says why; our own export round-trips as "skipped".
    const before = await entries();
    const broken = { ...file, entries: [...file.entries, { ...file.entries[0], id: '2606.27990', status: 'finished' }] };
    await popup.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await eventually(() => popup.getByTestId('import-notice').textContent()).toMatch(/\(status\).*Nothing was imported/);
    expect(await popup.getByTestId('import-notice').getAttribute('role')).toBe('alert');
    expect(await entries()).toEqual(before);
    await popup.getByTestId('import-file').setInputFiles({ name: 'list.json', mimeType: 'application/json', buffer: readFileSync((await json.path())!) });
    await eventually(() => popup.getByTestId('import-notice').textContent()).toBe(`Added 0, updated 0, skipped ${before.length} (${before.length} already in the list, unchanged)`);
    await shot(popup, 'reading-popup-import');

    // Markup-like text is only text: it imports, shows literally, runs nothing, and our next export brings it back.
    const payload = '<img src=x onerror="window.__pwned=1"> tokens';
    const marked = { ...file, entries: [{ ...file.entries[0], id: '2606.27990', title: payload, note: 'javascript:alert(1)', tags: ['<b>'] }] };
    await popup.getByTestId('import-file').setInputFiles({ name: 'marked.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(marked)) });
    await eventually(() => popup.getByTestId('import-notice').textContent()).toBe('Added 1, updated 0, skipped 0');
    await eventually(() => list.locator('li[data-arxiv-id="2606.27990"] .ptitle').textContent()).toBe(payload);
    expect(await popup.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const [again] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'JSON', exact: true }).click()]);
    await popup.getByTestId('import-file').setInputFiles({ name: 'again.json', mimeType: 'application/json', buffer: readFileSync((await again.path())!) });
    await eventually(() => popup.getByTestId('import-notice').textContent()).toBe(`Added 0, updated 0, skipped ${before.length + 1} (${before.length + 1} already in the list, unchanged)`);
    await list.locator('li[data-arxiv-id="2606.27990"]').getByRole('button', { name: /Remove/ }).click();
    await eventually(savedIds).not.toContain('2606.27990');
    expect(ours(errors)).toEqual([]);
    await popup.close();
  });

  test('options page: export and import too', async () => {
    const options = await ext.ctx.newPage();
    const errors = collectErrors(options);
    await options.goto(`chrome-extension://${ext.extId}/options.html`);
    const [csv] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'CSV' }).click()]);
    const lines = readFileSync((await csv.path())!, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('id,title,authors,status,tags,note,added_at,updated_at,upvotes_at_save,last_seen_upvotes,url');
    expect(lines.length - 1).toBe((await savedIds()).length);
    const bib = '@misc{vaswani2017attention, title = {Attention Is All You Need}, author = {Vaswani, Ashish and Shazeer, Noam}, eprint = {1706.03762}, archivePrefix = {arXiv}, primaryClass = {cs.CL}}\n@book{knuth, title = {TAOCP}}';
    await options.getByTestId('import-file').setInputFiles({ name: 'refs.bib', mimeType: 'application/x-bibtex', buffer: Buffer.from(bib) });
    await eventually(() => options.getByTestId('import-notice').textContent()).toBe('Added 1, updated 0, skipped 1 (knuth: no arXiv eprint)');
    expect((await entries()).find((e) => e.id === '1706.03762')).toMatchObject({ title: 'Attention Is All You Need', primaryClass: 'cs.CL', authors: ['Vaswani, Ashish', 'Shazeer, Noam'] });
    await options.getByTestId('import-notice').scrollIntoViewIfNeeded();
    await shot(options, 'reading-options-io');
    expect(ours(errors)).toEqual([]);
    await options.close();
  });
});
