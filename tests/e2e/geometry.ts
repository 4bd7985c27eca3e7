/**
 * Layout measurements of our UI on arXiv's styled pages, shared by the Chromium (Playwright) and Firefox (Puppeteer)
 * E2E tests. Each `measure*` function runs INSIDE the page (pass it to `page.evaluate`), so it must be self-contained:
 * no imports, no helpers from this module, no named inner functions (the test transform would wrap them in a helper
 * the page does not have).
 *
 * The oracles read the page's layout the way a reader sees it, not the product's own variables: the title's text
 * starts at the leftmost of its line boxes, the badge at its visible pill, a chip's line is the abs link's line.
 * The `expect*` functions hold the assertions both browsers make on those measurements.
 */
import { expect } from 'vitest';

/** The widths the layout is checked and photographed at: desktop, arXiv's 768 px breakpoint, a phone. */
export const WIDTHS = [1280, 768, 375] as const;
export const VIEWPORT_HEIGHT = 800;

export interface BadgeGeometry {
  /** Left of the title's text: the leftmost line box of the title (a centred title's lines start at different x). */
  textLeft: number;
  /** Left edge of the badge's visible first element (the pill, the muted mark or the Save toggle). */
  badgeLeft: number;
  /** The hover/focus card, opened by focusing the pill; null when the badge has none. */
  card: { left: number; right: number; top: number; bottom: number } | null;
  /** Viewport without scrollbars. */
  viewport: { width: number; height: number };
}

/** In the page: where the title's text and the badge start, and where the card opens. */
export function measureBadge(titleSelector: string): BadgeGeometry {
  const title = document.querySelector(titleSelector);
  const host = document.querySelector<HTMLElement>('[data-paper-pulse="badge"]');
  if (!title || !host?.shadowRoot) throw new Error(`no title (${titleSelector}) or no badge`);
  const range = document.createRange();
  range.selectNodeContents(title);
  let textLeft = Infinity;
  for (const rect of range.getClientRects()) if (rect.width > 0) textLeft = Math.min(textLeft, rect.left);
  const first = host.shadowRoot.querySelector('.row > *, .badge');
  if (!first) throw new Error('badge has no visible element');
  const pill = host.shadowRoot.querySelector<HTMLElement>('a.pill');
  let card: BadgeGeometry['card'] = null;
  if (pill) {
    pill.focus(); // :focus-within opens the card
    const rect = host.shadowRoot.querySelector('.card')!.getBoundingClientRect();
    card = { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
    pill.blur();
  }
  return {
    textLeft,
    badgeLeft: first.getBoundingClientRect().left,
    card,
    viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
  };
}

export interface ChipLines {
  /** Entries with a chip. */
  chips: number;
  /** Ids of chip entries whose id line is broken: the chip or the last `[pdf, html, other]` link not on the abs link's line. */
  broken: string[];
  /** Of those, the lines that are whole again with the chips hidden (the breaks our chip causes), with the room the
   * line had left without the chip and the most any chip pushed the links on an unbroken line. */
  brokenByChip: { id: string; room: number; chipWidth: number }[];
  /** The controls bar against the first list (`dl`): left and right edges, in px. */
  bar: { left: number; right: number; listLeft: number; listRight: number } | null;
}

/** In the page: the id line (`dt`) of every entry with a chip, as it is and with the chips hidden. */
export function measureChipLines(): ChipLines {
  const entries = [...document.querySelectorAll('dt')].flatMap((dt) => {
    const abs = dt.querySelector('a[title="Abstract"]');
    const links = dt.querySelectorAll('a[title="Download PDF"], a[title="View HTML"], a[title="Other formats"]');
    const chip = dt.querySelector<HTMLElement>('[data-paper-pulse="chip"]');
    return abs && chip && links.length > 0 ? [{ id: abs.id, dt, abs, chip, last: links[links.length - 1]!, lastLeft: 0 }] : [];
  });
  // Same line = vertical centres closer than half the abs link's height (a chip's box is shorter than the link's).
  const broken = new Set<string>();
  for (const e of entries) {
    const abs = e.abs.getClientRects()[0]!;
    const chip = e.chip.getClientRects()[0];
    const last = e.last.getClientRects()[0]!;
    const mid = abs.top + abs.height / 2;
    const off = !chip || Math.abs(chip.top + chip.height / 2 - mid) >= abs.height / 2 || Math.abs(last.top + last.height / 2 - mid) >= abs.height / 2;
    if (off) broken.add(e.id);
    e.lastLeft = last.left;
  }
  for (const e of entries) e.chip.style.setProperty('display', 'none');
  const brokenByChip: ChipLines['brokenByChip'] = [];
  let chipWidth = 0; // what a chip adds to an unbroken line: how far it pushes the links after it
  for (const e of entries) {
    const last = e.last.getClientRects()[0]!;
    const abs = e.abs.getClientRects()[0]!;
    if (Math.abs(last.top + last.height / 2 - abs.top - abs.height / 2) >= abs.height / 2) continue; // arXiv's own line breaks anyway
    if (broken.has(e.id)) {
      const style = getComputedStyle(e.dt);
      const contentRight = e.dt.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      brokenByChip.push({ id: e.id, room: contentRight - last.right, chipWidth: 0 });
    } else chipWidth = Math.max(chipWidth, e.lastLeft - last.left);
  }
  for (const e of entries) e.chip.style.removeProperty('display');
  for (const b of brokenByChip) b.chipWidth = chipWidth;
  const bar = document.querySelector('[data-paper-pulse="controls"]')?.shadowRoot?.querySelector('.controls')?.getBoundingClientRect();
  const list = document.querySelector('dl')?.getBoundingClientRect();
  return {
    chips: entries.length,
    broken: [...broken],
    brokenByChip,
    bar: bar && list ? { left: bar.left, right: bar.right, listLeft: list.left, listRight: list.right } : null,
  };
}

/** Badge left = title text left ± 1 px; the card (if any) inside the viewport. Returns a line for the test's log. */
export function expectInTitleColumn(g: BadgeGeometry, where: string, hasCard: boolean): string {
  expect(Math.abs(g.badgeLeft - g.textLeft), `${where}: badge at ${g.badgeLeft}, title text at ${g.textLeft}`).toBeLessThanOrEqual(1);
  expect(g.card !== null, `${where}: a card`).toBe(hasCard);
  if (g.card) {
    expect(g.card.left, `${where}: card left`).toBeGreaterThanOrEqual(0);
    expect(g.card.right, `${where}: card right ${g.card.right} > ${g.viewport.width}`).toBeLessThanOrEqual(g.viewport.width);
    expect(g.card.bottom, `${where}: card bottom`).toBeLessThanOrEqual(g.viewport.height);
  }
  return `${where}: title ${g.textLeft.toFixed(1)} badge ${g.badgeLeft.toFixed(1)}${g.card ? ` card ${g.card.left.toFixed(0)}–${g.card.right.toFixed(0)}` : ''}`;
}

/**
 * From 768 px up every id line with a chip is whole. At 375 px arXiv's own lines break (cross-lists, 4-digit item
 * numbers: ~20 % of them), so there a chip may only break a line that had less room left than a chip takes. The
 * controls bar starts where the list starts. Returns a line for the test's log.
 */
export function expectChipLines(lines: ChipLines, where: string, width: number): string {
  if (width >= 768) expect(lines.broken, where).toEqual([]);
  for (const b of lines.brokenByChip) expect(b.room, `${where}: ${b.id}`).toBeLessThan(b.chipWidth);
  expect(Math.abs(lines.bar!.left - lines.bar!.listLeft), `${where}: controls bar`).toBeLessThanOrEqual(1);
  return `${where}: ${lines.chips} chips, ${lines.broken.length} id lines broken, ${lines.brokenByChip.length} by the chip ${JSON.stringify(lines.brokenByChip)}`;
}
