/**
 * Accessibility in Chromium with axe-core: the popup (every view, light and dark), the options page and the abs page
 * badge (inside its open shadow root, card shown) have 0 serious or critical violations; and the popup can be
 * used end to end with the keyboard alone.
 *
 * axe is injected with page.evaluate (CDP), not a <script> tag: extension pages' CSP forbids inline scripts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchExtension, openPopup, shot, tabIdOf, type LaunchedExtension } from './browser';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type DailyItem = { paper: { id: string; upvotes: number } };
const known = (JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2025-06-02.json'), 'utf8')) as DailyItem[])[1]!;

let ext: LaunchedExtension;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => ext?.close());

interface Violation { id: string; impact: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] }

/** Runs axe on `selector` (default the whole document; a shadow host includes its shadow tree). */
async function axe(page: Page, selector?: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async (sel) => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } };
    const context = sel ? document.querySelector(sel) : document;
    const { violations } = await w.axe.run(context, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, selector);
  return result;
}
const serious = (violations: Violation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
const summary = (violations: Violation[]) => violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length})`);
const results: string[] = [];

afterAll(() => console.info(`axe results:\n${results.join('\n')}`));

describe('axe: 0 serious or critical violations', () => {
  test('popup: every view, light and dark', async () => {
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${known.paper.id}`);
    const tabId = await tabIdOf(ext.sw, `https://arxiv.org/abs/${known.paper.id}`);
    const popup = await openPopup(ext.ctx, ext.extId, tabId);
    await popup.getByTestId('paper-card').waitFor();
    const tabs = await popup.getByRole('tab').evaluateAll((els) => els.map((e) => e.id));
    expect(tabs.length).toBeGreaterThan(1);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      for (const tab of tabs) {
        await popup.locator(`#${tab}`).click();
        await popup.waitForTimeout(400); // data arrives from the worker
        const violations = await axe(popup);
        results.push(`popup ${tab} ${scheme}: ${summary(violations).join(', ') || 'none'}`);
        expect(serious(violations), `${tab} ${scheme}: ${JSON.stringify(serious(violations), null, 1)}`).toEqual([]);
      }
    }
    await popup.close();
    await page.close();
  }, 60_000);

  test('options page, light and dark', async () => {
    const options = await ext.ctx.newPage();
    await options.goto(`chrome-extension://${ext.extId}/options.html`);
    await options.getByRole('checkbox').first().waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      const violations = await axe(options);
      results.push(`options ${scheme}: ${summary(violations).join(', ') || 'none'}`);
      expect(serious(violations), JSON.stringify(serious(violations), null, 1)).toEqual([]);
    }
    await options.close();
  });

  test('abs page badge (shadow root), card closed and open, light and dark', async () => {
    const page = await ext.ctx.newPage();
    await page.goto(`https://arxiv.org/abs/${known.paper.id}`);
    const host = page.locator('[data-paper-pulse="badge"][data-upvotes]');
    await host.waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const closed = await axe(page, '[data-paper-pulse="badge"]');
      await host.locator('a.pill').evaluate((el) => (el as HTMLElement).blur()); // Escape of the last round dismissed the card
      await host.locator('a.pill').focus(); // shows the card
      expect(await host.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.card')!).display)).toBe('block');
      const open = await axe(page, '[data-paper-pulse="badge"]');
      await shot(page, `a11y-abs-badge-${scheme}`);
      await page.keyboard.press('Escape');
      results.push(`abs badge ${scheme}: closed ${summary(closed).join(', ') || 'none'}; card open ${summary(open).join(', ') || 'none'}`);
      expect(serious([...closed, ...open]), JSON.stringify(serious([...closed, ...open]), null, 1)).toEqual([]);
    }
    await page.close();
  });
});

describe('keyboard', () => {
  test('the popup can be used end to end with the keyboard alone', async () => {
    const popup = await openPopup(ext.ctx, ext.extId);
    await popup.getByTestId('list').locator('li').first().waitFor();
    const active = () => popup.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[${el.getAttribute('role')}]` : ''}:${(el.id || el.className || el.textContent || '').toString().trim().slice(0, 30)}` : 'none';
    });
    // Tab order reaches the view tabs, the list's links and the footer's Options link.
    const visited: string[] = [];
    for (let i = 0; i < 80; i++) {
      await popup.keyboard.press('Tab');
      const now = await active();
      if (visited.includes(now) && now.includes('Options')) break;
      visited.push(now);
    }
    expect(visited.some((v) => v.startsWith('button[tab]'))).toBe(true);
    expect(visited.some((v) => v.includes('ptitle'))).toBe(true);
    expect(visited.some((v) => v.includes('Options'))).toBe(true);
    // Arrow keys move between the views; the focused tab is the selected one and its panel shows.
    const firstTab = popup.getByRole('tab').first();
    await firstTab.focus();
    const tabCount = await popup.getByRole('tab').count();
    for (let i = 1; i < tabCount; i++) {
      await popup.keyboard.press('ArrowRight');
      const selected = await popup.evaluate(() => document.activeElement?.getAttribute('aria-selected'));
      expect(selected).toBe('true');
      const panel = await popup.evaluate(() => document.getElementById(document.activeElement?.getAttribute('aria-controls') ?? '')?.getAttribute('role'));
      expect(panel).toBe('tabpanel');
    }
    await popup.keyboard.press('Home');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe(await firstTab.getAttribute('id'));
    // No keyboard trap: focus never got stuck on one element for the whole walk.
    expect(new Set(visited).size).toBeGreaterThan(5);
    await popup.close();
  });
});
