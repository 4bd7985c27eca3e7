/**
 * The badge under the title of an abstract page: ▲ upvotes, day rank, comments, GitHub ★, linking to
 * the HF paper page; a card with the AI summary, linked repos and data age on hover/focus; and the reading
 * list's Save toggle (host `data-saved="true"` when saved).
 *
 * Test URLs: https://arxiv.org/abs/2101.04792v2  https://arxiv.org/abs/2608.19880  https://arxiv.org/abs/hep-th/9901001
 */
import { defineFeature, removeOnAbort } from '../feature';
import { renderBadge, renderLoading } from '../ui/badge';
import { createHost, replaceContent } from '../ui/shadow-host';
import { keepInTitleColumn } from '../ui/title-column';
import { ABS_TITLE, absTitle } from '../selectors';
import { metaFromDocument } from '../../shared/arxiv-meta';
import { followSavedIds } from '../../shared/saved-ids';
import type { PageSettings } from '../../shared/page-settings';
import type { PaperLookup } from '../../shared/types';
import { h } from '../ui/dom';
import { saveButton, type SaveButton } from '../ui/save-button';
import { prepareFromAnswers, takeLookup, type Prepared } from '../early-lookup';
import { zoteroMark, zoteroRow } from '../ui/zotero-card';
import { sendMessage } from '../../shared/messages';
import type { ZoteroMarks } from '../../shared/zotero';

/** The badge's host and what goes in it; the badge (or none), the Save toggle and the Zotero mark share one row. */
interface BadgeView {
  host: HTMLElement;
  save: SaveButton;
  /** Puts this badge (undefined: none, the Save toggle alone) into the row, beside the latest Zotero mark. */
  show(badge: HTMLElement | undefined): void;
  setMarks(marks: ZoteroMarks): void;
}

function badgeView(id: string): BadgeView {
  const { host, root } = createHost('badge', id, 'div');
  // The Save toggle lives in the same root and stays even when HF doesn't know the paper: those are savable too.
  const save = saveButton(id, 'Save to reading list', () => metaFromDocument(document));
  let marks: ZoteroMarks = { state: 'off' };
  let shown: HTMLElement | undefined;
  const draw = () => replaceContent(root, h('div', { class: 'row' }, shown, save.el, zoteroMark(id, marks)));
  return {
    host,
    save,
    show(badge) {
      shown = badge;
      // The Zotero row goes into the card (when HF knows the paper).
      badge?.querySelector('.card')?.append(zoteroRow(id, () => metaFromDocument(document)));
      draw();
    },
    setMarks(next) {
      marks = next;
      if (next.state !== 'off') draw();
    },
  };
}

/** What the lookup says, on the host (automation attributes, product.md §7) and in the row. */
function settle(view: BadgeView, id: string, lookup: PaperLookup, settings: PageSettings): void {
  if (lookup.state === 'found') view.host.dataset.upvotes = String(lookup.paper.upvotes);
  view.host.dataset.state = lookup.state;
  // No badge (the "not on HF" mark turned off, or an old-style id): the Save toggle alone.
  view.show(renderBadge(lookup, id, { showNotOnHf: settings.showNotOnHf }));
}

let prepared: Prepared<{ view: BadgeView; settings: PageSettings }> | undefined;

export const absBadge = defineFeature({
  id: 'abs-badge',
  include: ['abs'],
  prepare(page) {
    if (!page.paper) return;
    const { id } = page.paper;
    prepared = prepareFromAnswers(id, ABS_TITLE, (settings, lookup) => {
      const view = badgeView(id);
      if (lookup) settle(view, id, lookup, settings);
      else view.show(undefined); // badge turned off: no lookup was made, the Save toggle alone
      return { view, settings };
    });
  },
  async init({ page, signal }) {
    const paper = page.paper;
    const title = absTitle();
    if (!paper || !title) return;
    const ready = prepared?.take(paper.id);
    // Options apply live: content/live-settings.ts re-runs this feature when they change.
    const { settings: settingsRead, lookup: lookupDone } = takeLookup(paper.id);
    const settings = ready?.settings ?? await settingsRead;
    if (signal.aborted) return;
    const view = ready?.view ?? badgeView(paper.id);
    if (!ready) view.show(settings.absBadge ? renderLoading() : undefined);
    // After the h1, never inside it: MathJax re-typesets `.mathjax` elements after load.
    title.after(view.host);
    keepInTitleColumn(view.host, title, signal);
    removeOnAbort(view.host, signal);
    // Saved state and Zotero marks in parallel with the lookup.
    followSavedIds((ids) => {
      view.host.dataset.saved = String(ids.has(paper.id));
      view.save.set(ids.has(paper.id));
    }, signal);
    void sendMessage('zoteroMarks', [paper.id]).then((marks) => signal.aborted || view.setMarks(marks), () => undefined);
    if (ready) return;

    // Badge turned off: no lookup was made (nothing is sent), the Save toggle alone.
    const lookup = await lookupDone;
    if (lookup && !signal.aborted) settle(view, paper.id, lookup, settings);
  },
});
