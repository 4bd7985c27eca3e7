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
import { absTitle } from '../selectors';
import { metaFromDocument } from '../../shared/arxiv-meta';
import { followSavedIds } from '../../shared/saved-ids';
import { h } from '../ui/dom';
import { saveButton } from '../ui/save-button';
import { takeLookup } from '../early-lookup';
import { zoteroMark, zoteroRow } from '../ui/zotero-card';
import { sendMessage } from '../../shared/messages';
import type { ZoteroMarks } from '../../shared/zotero';

export const absBadge = defineFeature({
  id: 'abs-badge',
  include: ['abs'],
  async init({ page, signal }) {
    const paper = page.paper;
    const title = absTitle();
    if (!paper || !title) return;
    // Options apply live: content/live-settings.ts re-runs this feature when they change.
    const { settings: settingsRead, lookup: lookupDone } = takeLookup(paper.id);
    const settings = await settingsRead;
    if (signal.aborted) return;
    const { host, root } = createHost('badge', paper.id, 'div');
    // The Save toggle lives in the same root and stays even when HF doesn't know the paper: those are savable too.
    const save = saveButton(paper.id, 'Save to reading list', () => metaFromDocument(document));
    const setSaved = (ids: Set<string>) => {
      host.dataset.saved = String(ids.has(paper.id));
      save.set(ids.has(paper.id));
    };
    // The Zotero row goes into the card (when HF knows the paper); the ✓ mark beside the Save toggle.
    let marks: ZoteroMarks = { state: 'off' };
    let shown: HTMLElement | undefined;
    const show = (badge: HTMLElement | undefined) => {
      shown = badge;
      badge?.querySelector('.card')?.append(zoteroRow(paper.id, () => metaFromDocument(document)));
      replaceContent(root, h('div', { class: 'row' }, badge, save.el, zoteroMark(paper.id, marks)));
    };
    void sendMessage('zoteroMarks', [paper.id]).then((m) => {
      marks = m;
      if (!signal.aborted && m.state !== 'off') replaceContent(root, h('div', { class: 'row' }, shown, save.el, zoteroMark(paper.id, m)));
    }, () => undefined);
    show(settings.absBadge ? renderLoading() : undefined);
    // After the h1, never inside it: MathJax re-typesets `.mathjax` elements after load.
    title.after(host);
    keepInTitleColumn(host, title, signal);
    removeOnAbort(host, signal);
    // Saved state in parallel with the lookup.
    followSavedIds(setSaved, signal);

    // Badge turned off: no lookup was made (nothing is sent), the Save toggle alone.
    const lookup = await lookupDone;
    if (!lookup || signal.aborted) return;
    if (lookup.state === 'found') host.dataset.upvotes = String(lookup.paper.upvotes);
    host.dataset.state = lookup.state;
    // No badge (the "not on HF" mark turned off, or an old-style id): the Save toggle alone.
    show(renderBadge(lookup, paper.id, { showNotOnHf: settings.showNotOnHf }));
  },
});
