/**
 * Before the user connects Zotero: the extension as built has no access to 127.0.0.1 (an OPTIONAL host
 * permission), asks for nothing by itself, and every Zotero control says what is missing and why; the button
 * asks the browser. Chromium's prompt can't be answered headless, so the grant itself is exercised in
 * zotero.e2e.test.ts (a build granted the origin at install) — this file checks everything up to the prompt.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectErrors, launchExtension, openPopup, shot, tabIdOf, type LaunchedExtension } from './browser';
import { FakeZotero } from './fake-zotero';

type DailyItem = { paper: { id: string } };
const known = (JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8')) as DailyItem[])[0]!.paper;

declare const chrome: { permissions: { contains(p: object): Promise<boolean> }; storage: { sync: { set(v: object): Promise<void> } } };

let ext: LaunchedExtension;
const zotero = new FakeZotero({ localApi: true });
beforeAll(async () => {
  await zotero.start();
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
  await zotero.stop();
});

const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 8_000 });

describe('Zotero before the permission is granted', () => {
  test('nothing is asked or sent; the popup, the badge card and the marks say what is missing; the button asks the browser', async () => {
    expect(await ext.sw.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }))).toBe(false);
    await ext.sw.evaluate(() => chrome.storage.sync.set({ zoteroLocalApi: true }));
    const tab = await ext.ctx.newPage();
    const errors = collectErrors(tab);
    await tab.goto(`https://arxiv.org/abs/${known.id}v1`);
    const badge = tab.locator('[data-paper-pulse="badge"]');
    await eventually(() => badge.getAttribute('data-state')).toBe('found');
    // Marks on, but no permission: "not checked", and Zotero is never contacted.
    await eventually(() => badge.getByTestId('zotero-mark').getAttribute('data-state')).toBe('not-checked');
    await badge.locator('a.pill').hover();
    await badge.getByTestId('zotero-save').click();
    await eventually(() => badge.getByTestId('zotero-status').textContent())
      .toBe('Paper Pulse needs your permission to talk to the Zotero app on this computer: use “Connect to Zotero” in the popup or the options page.');
    expect(await badge.getByRole('button', { name: 'Connect to Zotero…' }).count()).toBe(1);
    await shot(tab, 'zotero-abs-card-no-permission');

    const popup = await openPopup(ext.ctx, ext.extId, await tabIdOf(ext.sw, `https://arxiv.org/abs/${known.id}v1`));
    const connect = popup.getByTestId('zotero-connect');
    await connect.waitFor();
    expect(await popup.locator('.zotero-connect .explain').textContent()).toBe('Asks your browser for access to 127.0.0.1 to talk to the Zotero app on this computer; nothing else.');
    expect(await popup.getByTestId('zotero-save').count()).toBe(0);
    await shot(popup, 'zotero-popup-connect');
    // The click asks the browser (its prompt stays open headless): the button says it is waiting.
    await connect.click();
    await eventually(() => connect.textContent()).toBe('Waiting for your browser’s answer…');

    const options = await ext.ctx.newPage();
    await options.goto(`chrome-extension://${ext.extId}/options.html#zotero`);
    await options.getByTestId('zotero-connect').waitFor();
    expect(await options.locator('#zotero + p').textContent()).toContain('It needs access to 127.0.0.1 to talk to the Zotero app on this computer.');
    expect(await options.getByTestId('zotero-local-api').isChecked()).toBe(true);
    await options.locator('#zotero').scrollIntoViewIfNeeded();
    await shot(options, 'zotero-options-section');
    expect(zotero.requests).toEqual([]);
    expect(errors.filter((e) => e.includes('Paper Pulse'))).toEqual([]);
  });
});
