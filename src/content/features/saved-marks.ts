/**
 * Reading-list marks and one-click Save on listing, catchup, author and search pages. A saved entry's host is
 * `data-paper-pulse="saved"` (the mark: "★ Saved", click to remove); an unsaved one's is `"save"` ("☆ Save").
 * Saved marks go in at once; the Save buttons of the (up to 2,000) other entries go in when the pointer or focus
 * reaches the entry, so they never delay the chips, make a long task or clutter the page. Marks follow the saved-ids mirror live, in every tab.
 *
 * Test URLs: https://arxiv.org/list/cs.LG/new  https://arxiv.org/list/cs.LG/pastweek?show=2000
 *            https://export.arxiv.org/list/cs.IR/new  https://arxiv.org/search/?query=keyword&searchtype=all
 */
import { getSavedIds, watchSavedIds } from '../../shared/saved-ids';
import type { PaperMeta } from '../../shared/types';
import { listingEntries, searchEntries, type PageEntry } from '../entries';
import { defineFeature } from '../feature';
import { saveButton, type SaveButton } from '../ui/save-button';
import { createHost } from '../ui/shadow-host';

/** What the entry itself says: saved with the paper so the list works offline even if HF doesn't know it. */
export function entryMeta(entry: PageEntry): PaperMeta {
  const scope = entry.nodes[entry.nodes.length - 1]!;
  const text = (selector: string) => {
    const el = scope.querySelector(selector);
    if (!el) return undefined;
    const copy = el.cloneNode(true) as Element;
    // Not the text: arXiv's field labels, MathJax's rendering (the TeX source stays), ours, search's More/Less toggles.
    copy.querySelectorAll('.descriptor, .MathJax, .MathJax_Preview, script, [data-paper-pulse], a.is-size-7').forEach((n) => n.remove());
    return copy.textContent?.replace(/\s+/g, ' ').trim() || undefined;
  };
  const authors = [...scope.querySelectorAll('.list-authors a, p.authors a')].map((a) => a.textContent?.trim() ?? '').filter(Boolean);
  const primary = scope.querySelector('.primary-subject')?.textContent?.match(/\(([a-z-]+(?:\.[A-Za-z-]+)?)\)/)?.[1]
    ?? scope.querySelector('.tags .tag.is-link')?.textContent?.trim();
  // Search results: `p.title` (their `p.list-title` is the id line); listings: `div.list-title`.
  return { title: text('p.title') ?? text('div.list-title'), authors, abstract: text('dd p.mathjax, .abstract-full'), primaryClass: primary };
}

interface Mark {
  host: HTMLElement;
  button: SaveButton;
}

export const savedMarks = defineFeature({
  id: 'saved-marks',
  include: ['listing', 'catchup', 'author', 'search'],
  async init({ page, signal }) {
    const entries = page.kind === 'search' ? searchEntries() : listingEntries();
    if (entries.length === 0) return;
    let saved = await getSavedIds();
    if (signal.aborted) return;
    const marks = new Map<PageEntry, Mark>();

    const render = (entry: PageEntry) => {
      let mark = marks.get(entry);
      if (!mark) {
        const { host, root } = createHost('saved', entry.id);
        const button = saveButton(entry.id, `Save arXiv:${entry.id} to reading list`, () => entryMeta(entry));
        root.appendChild(button.el);
        // At the end of the entry's link line (`dt`, or the search result's title line), outside every `.mathjax`.
        (entry.anchor.closest('dt, p.list-title') ?? entry.anchor.parentElement!).append(host);
        mark = { host, button };
        marks.set(entry, mark);
      }
      const isSaved = saved.has(entry.id);
      mark.host.dataset.paperPulse = isSaved ? 'saved' : 'save';
      mark.button.set(isSaved);
    };

    for (const entry of entries) if (saved.has(entry.id)) render(entry);
    watchSavedIds((ids) => {
      saved = ids;
      for (const entry of entries) if (marks.has(entry) || ids.has(entry.id)) render(entry);
    }, signal);

    // The other entries get their Save button when the pointer or keyboard focus reaches them: nothing up front and
    // nothing per frame on a 2,000-entry page (an IntersectionObserver over 2,000 targets cost ~50 ms a frame while
    // scrolling), and no wall of 2,000 buttons on the page. Focusing an entry's abs link renders its button before
    // the next Tab, so the keyboard path is the same as the mouse one.
    // Which entry a node belongs to is mapped at the first such event, not at load (the map touches every entry's nodes).
    let byNode: Map<Element, PageEntry> | undefined;
    const entryOf = (node: Element) => {
      if (!byNode) {
        byNode = new Map();
        for (const entry of entries) for (const part of entry.nodes) byNode.set(part, entry);
      }
      return byNode.get(node);
    };
    const reveal = (event: Event) => {
      const node = (event.target as Element | null)?.closest?.('dt, dd, li.arxiv-result');
      const entry = node ? entryOf(node) : undefined;
      if (entry && !marks.has(entry)) render(entry);
    };
    document.addEventListener('pointerover', reveal, { passive: true, signal });
    document.addEventListener('focusin', reveal, { signal });

    signal.addEventListener('abort', () => {
      for (const { host } of marks.values()) host.remove();
    }, { once: true });
  },
});
