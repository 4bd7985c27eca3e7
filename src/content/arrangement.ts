/**
 * Sort-by-upvotes, only-HF-papers and only-new for a page's entries, reversibly. Each section (the several `dl#articles` of a
 * `new` or `pastweek` page, a classic `dl`, the search `ol`) is sorted on its own, so the New / Cross-lists /
 * Replacements and per-day blocks keep their meaning. Every change is one batch of DOM writes with no layout reads.
 */
import type { PageEntry } from './entries';

export interface Arrangement {
  sortByUpvotes(on: boolean): void;
  onlyKnown(on: boolean): void;
  /** Only these entries (the new ones, content/new-since.ts); undefined shows all again. Combines with onlyKnown. */
  onlyNew(fresh: ReadonlySet<PageEntry> | undefined): void;
  /** Original order, nothing hidden: what the page looked like before us. */
  restore(): void;
}

/** `upvotes` holds the entries that got a chip; the others count as unknown (last when sorting, hidden when filtering). */
export function arrange(entries: readonly PageEntry[], upvotes: ReadonlyMap<PageEntry, number>): Arrangement {
  // Sections and their `original` order are read at the first sort, not here: the order can't change before that, and
  // most visits never sort (an entry's list, and ~10,000 child nodes of a 2,000-entry page, are reads into the script's
  // world, which are not free).
  let sections: Map<Element, { original?: ChildNode[]; entries: PageEntry[] }> | undefined;
  const bySection = () => {
    if (sections) return sections;
    sections = new Map();
    for (const entry of entries) {
      let section = sections.get(entry.section);
      if (!section) sections.set(entry.section, (section = { entries: [] }));
      section.entries.push(entry);
    }
    return sections;
  };
  let sorted = false;
  let known = false;
  let fresh: ReadonlySet<PageEntry> | undefined;
  const hidden: HTMLElement[] = [];

  function reorder(on: boolean): void {
    if (on === sorted) return;
    sorted = on;
    for (const [element, section] of bySection()) {
      const fragment = document.createDocumentFragment();
      if (on) {
        section.original ??= [...element.childNodes];
        // Array.prototype.sort is stable: equal upvotes (and all unknown entries) keep arXiv's order.
        const byUpvotes = [...section.entries].sort((a, b) => (upvotes.get(b) ?? -1) - (upvotes.get(a) ?? -1));
        for (const entry of byUpvotes) fragment.append(...entry.nodes);
      } else {
        // Exactly the children we found, in their order; nodes the page removed meanwhile stay removed.
        for (const node of section.original ?? []) if (node.parentNode === element) fragment.append(node);
      }
      element.append(fragment);
    }
  }

  function filter(): void {
    for (const node of hidden.splice(0)) {
      node.style.removeProperty('display');
      if (node.getAttribute('style') === '') node.removeAttribute('style'); // leave the markup exactly as it was
    }
    if (!known && !fresh) return;
    for (const entry of entries) {
      if ((!known || upvotes.has(entry)) && (!fresh || fresh.has(entry))) continue;
      for (const node of entry.nodes) {
        node.style.setProperty('display', 'none', 'important');
        hidden.push(node);
      }
    }
  }

  return {
    sortByUpvotes: reorder,
    onlyKnown(on) {
      known = on;
      filter();
    },
    onlyNew(entries) {
      fresh = entries;
      filter();
    },
    restore() {
      known = false;
      fresh = undefined;
      filter();
      reorder(false);
    },
  };
}
