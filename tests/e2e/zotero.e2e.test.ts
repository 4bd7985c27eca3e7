/**
 * Save to Zotero, Copy BibTeX / citation, RIS and CSL-JSON exports and the "In Zotero ✓" marks, end to end in
 * Chromium against the fake Zotero app on 127.0.0.1:23119 (tests/e2e/fake-zotero.ts).
 *
 * The loopback permission is granted here the way an install-time grant would be: Chromium cannot answer its
 * permission prompt headless (the prompt stays open), so this file loads a copy of the build whose manifest lists
 * `http://127.0.0.1/*` under host_permissions. Asking for it from the button is zotero-permission.e2e.test.ts.
 * The tests run in order and share one browser: later ones use the reading-list entries earlier ones saved.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, openPopup, shot, tabIdOf, type LaunchedExtension } from './browser';
import { FakeZotero } from './fake-zotero';

type DailyItem = { paper: { id: string; upvotes: number; title: string; authors: { name: string }[]; summary: string; publishedAt: string } };
const latest: DailyItem[] = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8'));
const known = latest[0]!.paper; // in the worker's "today" list
const other = latest[1]!.paper;
const ABS_META_TITLE = 'Learning Efficient Representations for Keyword Spotting with Triplet Loss'; // the fake's abs page for any new-style id

declare const chrome: {
  storage: { local: { remove(k: string): Promise<void> }; sync: { set(v: object): Promise<void> } };
  runtime: { sendMessage(m: object): Promise<{ value?: unknown; error?: string }> };
};
declare const paperPulse: { onZoteroMenuClicked(info: object, tab?: object): Promise<string | undefined> };

let ext: LaunchedExtension;
let extDir: string;
const zotero = new FakeZotero();

beforeAll(async () => {
  extDir = mkdtempSync(path.join(tmpdir(), 'pp-zotero-ext-'));
  cpSync(path.resolve(`${process.env.PP_DIST ?? 'dist'}/chrome`), extDir, { recursive: true });
  const manifestFile = path.join(extDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push('http://127.0.0.1/*');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  await zotero.start();
  ext = await launchExtension({ ext: extDir });
  await ext.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
});
afterAll(async () => {
  await ext?.close();
  await zotero.stop();
  rmSync(extDir, { recursive: true, force: true });
});
beforeEach(() => {
  zotero.reset();
  zotero.options = { ...zotero.options, version: '7.0.32', libraryEditable: true, filesEditable: true, localApi: false };
});

const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 8_000 });
const ours = (errors: string[]) => errors.filter((e) => e.includes('chrome-extension://') || e.includes('Paper Pulse'));
/** Calls the worker through the one protocol, from an extension page. */
const call = (page: Page, name: string, ...args: unknown[]) => page.evaluate(async ([n, a]) => {
  const reply = await chrome.runtime.sendMessage({ pp: n, args: a });
  if (reply.error) throw new Error(reply.error);
  return reply.value;
}, [name, args] as const);
const saveRequests = () => zotero.requests.filter((r) => r.path === '/connector/saveItems');
const ARTIFACTS = path.resolve('artifacts');

async function popupForAbs(id: string): Promise<{ tab: Page; popup: Page }> {
  const tab = await ext.ctx.newPage();
  await tab.goto(`https://arxiv.org/abs/${id}v1`);
  const tabId = await tabIdOf(ext.sw, `https://arxiv.org/abs/${id}v1`);
  return { tab, popup: await openPopup(ext.ctx, ext.extId, tabId) };
}

describe('Save to Zotero', () => {
  test('popup card: the item as the arXiv translator makes it, manual tags + note, the PDF uploaded; the UI names the collection', async () => {
    const { tab, popup } = await popupForAbs(known.id);
    const errors = collectErrors(popup);
    // In the reading list with tags and a note: they go to Zotero as manual tags and a child note.
    await call(popup, 'readingListSave', known.id);
    await call(popup, 'readingListUpdate', known.id, { tags: ['to-cite', 'agents'], note: 'Compare with <b>ReAct</b>\nsection 4' });
    await expect.poll(() => popup.getByTestId('zotero-target').textContent()).toBe('Saves to My Library › Reading (selected in Zotero)');
    await popup.getByTestId('zotero-save').click();
    await eventually(() => popup.getByTestId('zotero-status').textContent()).toBe('Saved to My Library › Reading, with its PDF.');
    await shot(popup, 'zotero-popup-card-saved');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shot(popup, 'zotero-popup-card-saved-dark');
    await popup.emulateMedia({ colorScheme: 'light' });

    const [request] = saveRequests();
    expect(request!.headers['zotero-allowed-request']).toBe('1');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.host).toBe('127.0.0.1:23119');
    const body = request!.json as { sessionID: string; uri: string; items: Record<string, unknown>[] };
    // Kept for the closing note: the item exactly as "Zotero" received it.
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'zotero-saveItems-received.json'), `${JSON.stringify(body, null, 2)}\n`);
    expect(body.sessionID).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.uri).toBe(`https://arxiv.org/abs/${known.id}`);
    expect(body.items).toHaveLength(1);
    const item = body.items[0]!;
    expect(item).toMatchObject({
      itemType: 'preprint',
      title: known.title.replace(/\s+/g, ' ').trim(),
      url: `http://arxiv.org/abs/${known.id}`,
      DOI: `10.48550/arXiv.${known.id}`,
      archiveID: `arXiv:${known.id}`,
      repository: 'arXiv',
      libraryCatalog: 'arXiv.org',
      date: known.publishedAt.slice(0, 10),
    });
    expect(item.extra).toBe(`arXiv:${known.id}`); // HF gives no category; the abs page's meta would
    expect(item.creators).toEqual(known.authors.map((a) => {
      const words = a.name.trim().split(/\s+/);
      const lastName = words.pop();
      return words.length ? { creatorType: 'author', firstName: words.join(' '), lastName } : { creatorType: 'author', lastName };
    }));
    expect(item).not.toHaveProperty('tags'); // inside items they would be automatic tags
    const [saved] = zotero.saved;
    expect(saved!.tags).toEqual([{ tag: 'to-cite', type: 0 }, { tag: 'agents', type: 0 }, { tag: 'paper-pulse', type: 0 }]);
    expect(saved!.note).toBe('<p>Compare with &lt;b&gt;ReAct&lt;/b&gt;<br>section 4</p>');
    expect(saved!.target).toBe('C42');
    expect(saved!.attachments).toEqual([{ title: 'Preprint PDF', contentType: 'application/pdf', bytes: expect.any(Number), parentItemID: item.id }]);
    expect(saved!.attachments[0]!.bytes).toBeGreaterThan(100);
    const upload = zotero.requests.find((r) => r.path.startsWith('/connector/saveAttachment'))!;
    expect(upload.path).toBe(`/connector/saveAttachment?sessionID=${body.sessionID}`);
    expect(JSON.parse(String(upload.headers['x-metadata']))).toMatchObject({ url: `https://arxiv.org/pdf/${known.id}`, parentItemID: item.id, title: 'Preprint PDF' });
    expect(ours(errors)).toEqual([]);
    await popup.close();
    await tab.close();
  });

  test('abs badge card: Save to Zotero with the page\'s category, Copy BibTeX and Copy citation', async () => {
    const page = await ext.ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(`https://arxiv.org/abs/${known.id}v1`);
    const badge = page.locator('[data-paper-pulse="badge"]');
    await eventually(() => badge.getAttribute('data-state')).toBe('found');
    await badge.locator('a.pill').hover();
    await badge.getByTestId('zotero-save').click();
    await eventually(() => badge.getByTestId('zotero-status').textContent()).toBe('Saved to My Library › Reading, with its PDF.');
    await shot(page, 'zotero-abs-card-saved');
    const item = (saveRequests()[0]!.json as { items: Record<string, unknown>[] }).items[0]!;
    // The fake abs page's meta tags say eess.AS: the translator's "arXiv:ID [category]".
    expect(item.extra).toBe(`arXiv:${known.id} [eess.AS]`);

    await badge.getByTestId('copy-bibtex').click();
    await eventually(() => badge.getByTestId('zotero-status').textContent()).toBe('BibTeX copied.');
    const bibtex = await page.evaluate(() => navigator.clipboard.readText());
    expect(bibtex).toMatch(/^@misc\{\w+,\n/);
    expect(bibtex).toContain(`eprint = {${known.id}}`);
    expect(bibtex).toContain(`doi = {10.48550/arXiv.${known.id}}`);
    await badge.getByTestId('copy-citation').click();
    await eventually(() => badge.getByTestId('zotero-status').textContent()).toBe('Citation copied.');
    const citation = await page.evaluate(() => navigator.clipboard.readText());
    // APA: "Family, G., … (2026). Title (arXiv:ID). arXiv. https://doi.org/10.48550/arXiv.ID"
    expect(citation).toContain(`(${known.publishedAt.slice(0, 4)})`);
    expect(citation).toContain(`https://doi.org/10.48550/arXiv.${known.id}`);
    expect(citation).not.toContain('<');
    expect(ours(errors)).toEqual([]);
    await page.close();
  });

  test('reading list: one row, then every entry of a tag with one failure reported per paper, and a retry', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    for (const id of [known.id, other.id, '2606.27001', 'hep-th/9901001']) await call(popup, 'readingListSave', id);
    await call(popup, 'readingListUpdate', other.id, { tags: ['batch'] });
    await call(popup, 'readingListUpdate', '2606.27001', { tags: ['batch'] });
    await call(popup, 'readingListUpdate', 'hep-th/9901001', { tags: ['batch'] });
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=reading-list`);
    const errors = collectErrors(popup);
    const list = popup.getByTestId('reading-list');
    // One row.
    const row = list.locator(`li[data-arxiv-id="${known.id}"]`);
    await row.getByTestId('zotero-save').click();
    await eventually(() => row.getByTestId('zotero-status').textContent()).toBe('Saved to My Library › Reading, with its PDF.');
    expect(zotero.saved.map((s) => s.item.archiveID)).toEqual([`arXiv:${known.id}`]);
    await row.getByTestId('copy-citation').click();
    await eventually(() => row.getByTestId('zotero-status').textContent()).toMatch(/^Copied: /);

    // Every entry tagged "batch"; Zotero fails one of them.
    zotero.reset();
    zotero.failArchiveIds.add('arXiv:2606.27001');
    await popup.getByLabel('Filter by tag').selectOption('batch');
    await eventually(() => list.locator('li').count()).toBe(3);
    await popup.getByTestId('zotero-bulk-send').click();
    const report = popup.getByTestId('zotero-report');
    await eventually(() => report.locator('p').textContent()).toBe('2 of 3 saved to My Library › Reading. 1 not saved: 2606.27001.');
    expect(await report.locator('li[data-ok="false"]').textContent()).toContain('Zotero couldn’t save it (HTTP 500)');
    expect(await report.locator('li[data-ok="true"]').count()).toBe(2);
    await shot(popup, 'zotero-reading-list-bulk-report');
    expect(zotero.saved.map((s) => s.item.archiveID).sort()).toEqual([`arXiv:${other.id}`, 'arXiv:hep-th/9901001'].sort());
    // The old-style id: no [category] part, as the translator does.
    expect(zotero.saved.find((s) => s.item.archiveID === 'arXiv:hep-th/9901001')!.item.extra).toBe('arXiv:hep-th/9901001');
    // Each paper its own session.
    expect(new Set(saveRequests().map((r) => (r.json as { sessionID: string }).sessionID)).size).toBe(3);
    // Retry sends just the failed one.
    zotero.failArchiveIds.clear();
    await popup.getByTestId('zotero-retry').click();
    await eventually(() => report.locator('p').textContent()).toBe('Saved to My Library › Reading, with its PDF.');
    expect(zotero.saved.map((s) => s.item.archiveID)).toContain('arXiv:2606.27001');
    expect(ours(errors)).toEqual([]);
    await popup.close();
  });

  test('context menu: "Save to Zotero" on an arXiv link and on a paper page', async () => {
    const message = await ext.sw.evaluate(() => paperPulse.onZoteroMenuClicked({ menuItemId: 'pp-zotero-link', linkUrl: `https://arxiv.org/pdf/2606.27003v2`, pageUrl: 'https://example.org/' }));
    expect(message).toBe('Saved to My Library › Reading, with its PDF.');
    expect(zotero.saved.map((s) => s.item.archiveID)).toEqual(['arXiv:2606.27003']);
    const page = await ext.ctx.newPage();
    await page.goto('https://arxiv.org/abs/2606.27004v1');
    const tabId = await tabIdOf(ext.sw, 'https://arxiv.org/abs/2606.27004v1');
    await ext.sw.evaluate((id) => paperPulse.onZoteroMenuClicked({ menuItemId: 'pp-zotero-page', pageUrl: 'https://arxiv.org/abs/2606.27004v1' }, { id, url: 'https://arxiv.org/abs/2606.27004v1' }), tabId);
    // Saved from its own page: title and category from the page's meta tags.
    await eventually(() => zotero.saved.length).toBe(2);
    expect(zotero.saved[1]!.item).toMatchObject({ archiveID: 'arXiv:2606.27004', title: ABS_META_TITLE, extra: 'arXiv:2606.27004 [eess.AS]' });
    await page.close();
  });

  test('Zotero not running, too old, a read-only library, a library without files, PDF turned off: clear messages, nothing half-saved', async () => {
    const { tab, popup } = await popupForAbs(known.id);
    const status = popup.getByTestId('zotero-status');
    const save = popup.getByTestId('zotero-save');

    await zotero.stop();
    await save.click();
    await eventually(() => status.textContent()).toBe('Zotero isn’t running. Start the Zotero app (7 or later) on this computer, then try again.');
    await shot(popup, 'zotero-popup-not-running');
    await zotero.start();

    zotero.options.version = '6.0.36';
    await save.click();
    await eventually(() => status.textContent()).toMatch(/^Zotero 6\.0\.36 is too old: Save to Zotero needs Zotero 7 or later\./);
    zotero.options.version = '7.0.32';

    zotero.options.libraryEditable = false;
    await save.click();
    await eventually(() => status.textContent()).toMatch(/is read-only\. Select My Library or a collection you can edit in Zotero, then try again\.$/);
    expect(saveRequests()).toEqual([]);
    zotero.options.libraryEditable = true;

    zotero.options.filesEditable = false;
    await save.click();
    await eventually(() => status.textContent()).toBe('Saved to My Library › Reading, without PDF (this library does not accept files).');
    expect(zotero.saved.at(-1)!.attachments).toEqual([]);
    expect(zotero.requests.some((r) => r.path.startsWith('/connector/saveAttachment'))).toBe(false);
    zotero.options.filesEditable = true;

    await ext.sw.evaluate(() => chrome.storage.sync.set({ zoteroPdf: false }));
    await save.click();
    await eventually(() => status.textContent()).toBe('Saved to My Library › Reading, without PDF (turned off in options).');
    expect(zotero.saved.at(-1)!.attachments).toEqual([]);
    await ext.sw.evaluate(() => chrome.storage.sync.set({ zoteroPdf: true }));
    await popup.close();
    await tab.close();
  });
});

describe('In Zotero ✓ marks (local API)', () => {
  test('off by default; on: ✓ for held papers on the badge, popup and reading list; "not checked" when the API is off or Zotero closed', async () => {
    const resetMarks = () => ext.sw.evaluate(() => chrome.storage.local.remove('zoteroMarks'));
    // Off in our options: no mark, and the local API is never asked.
    const { tab, popup } = await popupForAbs(other.id);
    await popup.getByTestId('zotero-save').waitFor();
    expect(await popup.getByTestId('zotero-mark').count()).toBe(0);
    expect(zotero.requests.filter((r) => r.path.startsWith('/api/'))).toEqual([]);
    await popup.close();

    // On in our options, but Zotero's own setting is off (403): "not checked", saying what to turn on.
    await ext.sw.evaluate(() => chrome.storage.sync.set({ zoteroLocalApi: true }));
    await resetMarks();
    let view = await openPopup(ext.ctx, ext.extId, await tabIdOf(ext.sw, `https://arxiv.org/abs/${other.id}v1`));
    await eventually(() => view.getByTestId('zotero-mark').getAttribute('data-state')).toBe('not-checked');
    expect(await view.getByTestId('zotero-mark').getAttribute('title')).toContain('Allow other applications on this computer to communicate with Zotero');
    await view.close();

    // Turned on in Zotero; the library holds `other` by its arXiv DOI only (no archive id), and `known` via Extra.
    zotero.options.localApi = true;
    zotero.library.push({ key: 'AAAA1111', itemType: 'journalArticle', title: other.title, DOI: `10.48550/arXiv.${other.id}`, url: 'https://example.org/x' });
    zotero.library.push({ key: 'BBBB2222', itemType: 'preprint', title: 'Something else', extra: `arXiv:${known.id} [cs.CL]` });
    await resetMarks();
    view = await openPopup(ext.ctx, ext.extId, await tabIdOf(ext.sw, `https://arxiv.org/abs/${other.id}v1`));
    await eventually(() => view.getByTestId('zotero-mark').textContent()).toBe('In Zotero ✓');
    await shot(view, 'zotero-popup-mark');
    const apiRequest = zotero.requests.find((r) => r.path.startsWith('/api/users/0/items/top'))!;
    expect(apiRequest.headers['zotero-allowed-request']).toBe('1');
    expect(apiRequest.headers['zotero-api-version']).toBe('3');
    await view.close();

    // The badge on the abs page.
    await tab.reload();
    const mark = tab.locator('[data-paper-pulse="badge"]').getByTestId('zotero-mark');
    await eventually(() => mark.textContent()).toBe('In Zotero ✓');
    await shot(tab, 'zotero-abs-mark');

    // A listing page: a mark on each entry Zotero holds (here: its third entry, by URL), none on the others.
    const listing = await ext.ctx.newPage();
    await listing.goto('https://arxiv.org/list/cs.LG/new');
    const ids = await listing.locator('dt a[title="Abstract"]').evaluateAll((as) => as.slice(0, 5).map((a) => a.id));
    zotero.library.push({ key: 'CCCC3333', itemType: 'preprint', title: 'On the listing', url: `https://arxiv.org/abs/${ids[2]}v2` });
    await resetMarks();
    await listing.reload();
    const listed = listing.locator('[data-paper-pulse="zotero"]');
    await eventually(() => listed.evaluateAll((hosts) => hosts.map((h) => (h as HTMLElement).dataset.arxivId))).toEqual([ids[2]]);
    expect(await listed.first().evaluate((h) => h.shadowRoot?.textContent)).toBe('In Zotero ✓');
    await listed.first().scrollIntoViewIfNeeded();
    await shot(listing, 'zotero-listing-mark');
    await listing.close();

    // Cached: the next views don't ask Zotero again.
    const asked = zotero.requests.filter((r) => r.path.startsWith('/api/')).length;
    const list = await openPopup(ext.ctx, ext.extId);
    await list.goto(`chrome-extension://${ext.extId}/popup.html?view=reading-list`);
    const rows = list.getByTestId('reading-list');
    await eventually(() => rows.locator(`li[data-arxiv-id="${known.id}"]`).getByTestId('zotero-mark').textContent()).toBe('In Zotero ✓');
    expect(await rows.locator('li[data-arxiv-id="hep-th/9901001"]').getByTestId('zotero-mark').count()).toBe(0);
    await rows.locator(`li[data-arxiv-id="${known.id}"]`).scrollIntoViewIfNeeded();
    await shot(list, 'zotero-reading-list-marks');
    expect(zotero.requests.filter((r) => r.path.startsWith('/api/')).length).toBe(asked);

    // Zotero closed: "not checked", not a wrong "not in Zotero".
    await zotero.stop();
    await resetMarks();
    await list.reload();
    await eventually(() => rows.locator(`li[data-arxiv-id="${known.id}"]`).getByTestId('zotero-mark').textContent()).toBe('Zotero: not checked');
    await rows.locator(`li[data-arxiv-id="${known.id}"]`).scrollIntoViewIfNeeded();
    await shot(list, 'zotero-reading-list-not-checked');
    await zotero.start();
    zotero.library.length = 0;
    await ext.sw.evaluate(() => chrome.storage.sync.set({ zoteroLocalApi: false }));
    await list.close();
    await tab.close();
  });
});

describe('exports', () => {
  test('the reading list exports RIS and CSL-JSON next to BibTeX, CSV and JSON', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    await popup.goto(`chrome-extension://${ext.extId}/popup.html?view=reading-list`);
    // The export buttons come with the loaded list (its entries, the watch's state and the Zotero marks are asked first).
    await popup.locator(".rl-io button").first().waitFor();
    const buttons = await popup.locator('.rl-io button').allTextContents();
    expect(buttons).toEqual(['BibTeX', 'RIS', 'CSL-JSON', 'CSV', 'JSON']);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'RIS', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('reading-list.ris');
    const ris = readFileSync(await download.path(), 'utf8');
    expect(ris).toContain(`AN  - arXiv:${known.id}`);
    expect(ris.match(/^TY {2}- UNPB/gm)?.length).toBeGreaterThanOrEqual(4);
    const [csl] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'CSL-JSON', exact: true }).click()]);
    expect(csl.suggestedFilename()).toBe('reading-list.csl.json');
    const items = JSON.parse(readFileSync(await csl.path(), 'utf8')) as { id: string; type: string; DOI: string }[];
    expect(items.find((i) => i.id === `arXiv:${known.id}`)).toMatchObject({ type: 'article', DOI: `10.48550/arXiv.${known.id}` });
    await popup.close();
  });
});
