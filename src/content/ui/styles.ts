/**
 * Styles inside our shadow roots. `:host { all: initial }` cuts inheritance from arXiv's CSS; colours are
 * variables so dark pages (arXiv HTML's data-theme, Dark Reader, OS dark mode) get readable badges.
 */
export const baseCss = `
:host { all: initial; display: inline-block; vertical-align: middle; font: 500 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif;
  --pp-fg: #1f2328; --pp-muted: #6b7280; --pp-bg: #fff8ec; --pp-border: #f5c27a; --pp-accent: #b45309; --pp-gain: #15803d; --pp-card-bg: #ffffff; --pp-shadow: 0 4px 16px rgba(0,0,0,.14);
  --pp-new-fg: #0f5323; --pp-new-bg: #dafbe1; }
/* --pp-indent and --pp-room come from the page's layout (title-column.ts). */
:host([data-paper-pulse="badge"]) { display: block; margin: 6px 0 4px var(--pp-indent, 0px); }
/* Up to 2,000 chips on a page: plain inline boxes lay out with their line, an inline-block or flex box each is its
   own layout (measured: +190 ms of page layout for 2,000 chips). */
:host([data-paper-pulse="chip"]), :host([data-paper-pulse="new"]) { display: inline; }
@media (prefers-color-scheme: dark) {
  :host { --pp-fg: #e6e6e6; --pp-muted: #9ca3af; --pp-bg: #2a2112; --pp-border: #8a5a12; --pp-accent: #fbbf24; --pp-gain: #4ade80; --pp-card-bg: #1f2328; --pp-shadow: 0 4px 16px rgba(0,0,0,.5);
    --pp-new-fg: #7ee2a0; --pp-new-bg: #10301c; }
}
:host([data-theme="dark"]) { --pp-fg: #e6e6e6; --pp-muted: #9ca3af; --pp-bg: #2a2112; --pp-border: #8a5a12; --pp-accent: #fbbf24; --pp-gain: #4ade80; --pp-card-bg: #1f2328; }
* { box-sizing: border-box; }
a { color: inherit; text-decoration: none; }
a:focus-visible, button:focus-visible { outline: 2px solid var(--pp-accent); outline-offset: 2px; border-radius: 4px; }
.icon { width: 12px; height: 12px; fill: currentColor; vertical-align: -1px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.badge { position: relative; display: inline-flex; align-items: center; gap: 2px; flex-wrap: wrap; color: var(--pp-fg); }
.pill { display: inline-flex; align-items: center; gap: 8px; padding: 2px 10px; border: 1px solid var(--pp-border);
  background: var(--pp-bg); border-radius: 999px; white-space: nowrap; }
.pill:hover { border-color: var(--pp-accent); }
.brand { font-weight: 700; color: var(--pp-accent); letter-spacing: .02em; }
.up { font-weight: 700; font-variant-numeric: tabular-nums; }
.gain { font-weight: 600; font-variant-numeric: tabular-nums; color: var(--pp-gain); }
.meta { color: var(--pp-muted); font-variant-numeric: tabular-nums; }
.extra { display: inline-flex; align-items: center; gap: 3px; padding: 2px 6px; color: var(--pp-muted); border-radius: 6px; }
a.extra:hover { color: var(--pp-fg); background: var(--pp-bg); }
.muted { color: var(--pp-muted); font-weight: 400; font-style: italic; }
.loading .up { color: var(--pp-muted); }
.card { display: none; position: absolute; z-index: 2147483000; top: calc(100% + 6px); left: 0; width: min(420px, calc(var(--pp-room, 100vw) - 8px));
  padding: 10px 12px; background: var(--pp-card-bg); color: var(--pp-fg); border: 1px solid var(--pp-border);
  border-radius: 8px; box-shadow: var(--pp-shadow); font-weight: 400; white-space: normal; }
.badge:hover .card, .badge:focus-within .card { display: block; }
.badge.dismissed .card { display: none; }
.card p { margin: 0 0 6px; }
.card .hops a { text-decoration: underline; }
.card .age { color: var(--pp-muted); font-size: 11px; margin: 0; }
.card .linked { color: var(--pp-muted); }
.row { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.save { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 3px; padding: 1px 8px; border: 1px solid var(--pp-border);
  border-radius: 999px; color: var(--pp-muted); font: inherit; font-weight: 500; cursor: pointer; white-space: nowrap; }
.save:hover { color: var(--pp-fg); border-color: var(--pp-accent); }
.save[aria-pressed="true"] { color: var(--pp-accent); background: var(--pp-bg); font-weight: 700; }
.save[aria-busy="true"] { cursor: progress; }
:host([data-paper-pulse="save"]), :host([data-paper-pulse="saved"]), :host([data-paper-pulse="zotero"]) { margin-left: 6px; font-size: 11px; }
.zotero { margin: 6px 0; } .zstatus { flex-basis: 100%; color: var(--pp-muted); font-size: 11px; } .zstatus.error { color: #b91c1c; }
.zmark { padding: 0 7px; border: 1px solid #2da44e; border-radius: 999px; color: #1a7f37; background: var(--pp-card-bg); font-size: 11px; }
.zmark.unknown { border-color: var(--pp-border); color: var(--pp-muted); }
/* The "New" mark goes before the abs link (content/new-since.ts): its gap is on its right. */
.new { white-space: nowrap; margin-right: 4px; padding: 0 5px; border-radius: 4px; background: var(--pp-new-bg); color: var(--pp-new-fg);
  font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
/* Never split between ▲ and the number; narrow, so at 375 px it pushes arXiv's \`[pdf, html, other]\` past the line's end
   only where arXiv's own id line has less room left than a chip (layout.e2e.test.ts). */
.chip { display: inline; white-space: nowrap; margin-left: 4px; padding: 0 5px; border: 1px solid var(--pp-border);
  background: var(--pp-bg); border-radius: 999px; color: var(--pp-fg); font-weight: 700; font-variant-numeric: tabular-nums; }
/* Muted bits without a background of their own would sit on the page, which may stay white in OS dark mode (arXiv abs):
   the card's background keeps their contrast independent of the page (axe color-contrast). Last, after \`.save\`'s reset. */
.extra:not(:hover), .save:not([aria-pressed="true"]) { background: var(--pp-card-bg); }
`;
