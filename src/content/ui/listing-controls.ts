/**
 * The small bar above a listing: how many entries HF knows, "Sort by upvotes" and "Only HF papers", and (on listings
 * that keep track, content/new-since.ts) what is new since the last visit with "Only new". Real buttons with
 * aria-pressed, so Tab/Space/Enter work and screen readers announce the state.
 */
import { h } from './dom';
import { createHost } from './shadow-host';

export interface ControlsState {
  sorted: boolean;
  onlyHf: boolean;
}

const css = `
:host([data-paper-pulse="controls"]) { display: block; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 0; padding: 6px 10px; color: var(--pp-fg);
  border: 1px solid var(--pp-border); border-radius: 8px; background: var(--pp-bg); }
.summary { color: var(--pp-muted); margin-right: auto; font-variant-numeric: tabular-nums; }
button { font: inherit; color: var(--pp-fg); background: transparent; border: 1px solid var(--pp-border); border-radius: 999px;
  padding: 2px 10px; cursor: pointer; }
button:hover { border-color: var(--pp-accent); }
button[aria-pressed="true"] { background: var(--pp-accent); border-color: var(--pp-accent); color: var(--pp-card-bg); }
`;

function toggle(label: string, pressed: boolean, onChange: (on: boolean) => void): HTMLButtonElement {
  const button = h('button', { type: 'button', 'aria-pressed': String(pressed) }, label);
  button.addEventListener('click', () => {
    pressed = !pressed;
    button.setAttribute('aria-pressed', String(pressed));
    onChange(pressed);
  });
  return button;
}

export function renderControls(known: number, total: number, initial: ControlsState, onChange: (state: ControlsState) => void): HTMLElement {
  const { host, root } = createHost('controls', '', 'div');
  delete host.dataset.arxivId; // about the whole page, not one paper
  const state = { ...initial };
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style, h('div', { class: 'controls', role: 'group', 'aria-label': 'Paper Pulse listing controls' },
    h('span', { class: 'brand' }, 'HF'),
    h('span', { class: 'summary' }, `${known} of ${total} entries on HF Daily Papers`),
    toggle('Sort by upvotes', state.sorted, (on) => {
      state.sorted = on;
      onChange({ ...state });
    }),
    toggle('Only HF papers', state.onlyHf, (on) => {
      state.onlyHf = on;
      onChange({ ...state });
    })));
  return host;
}

/** Adds the "new since you looked" note after the summary and, unless `onlyNew` is undefined, an "Only new" toggle. */
export function addNewSince(controls: HTMLElement, note: string, onlyNew: boolean | undefined, onChange: (on: boolean) => void): void {
  const summary = controls.shadowRoot?.querySelector('.summary');
  summary?.append(h('span', { class: 'new-note' }, ` · ${note}`));
  if (onlyNew !== undefined) summary?.parentElement?.append(toggle('Only new', onlyNew, onChange));
}
