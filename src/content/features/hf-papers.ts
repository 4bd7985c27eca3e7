/**
 * huggingface.co's Papers pages (daily/week/month lists, trending, search, a paper page, org papers, collections): the
 * reading-list Save toggle and saved mark on every paper card and on the paper page. Nothing else: HF already shows
 * its own numbers, so none of ours, and nothing is fetched — a saved paper's title, authors and abstract come from the
 * page's own hydration props (`data-props`, other-sites.md §1), else the card's title text.
 *
 * HF renders on the client and swaps pages without a reload, so this is not a one-shot scan: every DOM change (batched
 * to one pass per frame) re-syncs the marks with the cards the document holds now and with the current URL. A card
 * carries at most one mark, re-keyed if HF reuses the element for another paper; marks whose card left are dropped.
 *
 * Test URLs: https://huggingface.co/papers/date/2024-08-01  https://huggingface.co/papers/2509.24002
 */
import { detectPage } from '../../shared/arxiv';
import { sendMessage } from '../../shared/messages';
import { followSavedIds } from '../../shared/saved-ids';
import { followStatuses, nextStatus } from '../../shared/saved-status';
import type { PaperMeta, ReadingStatus } from '../../shared/types';
import { h } from '../ui/dom';
import { saveButton, type SaveButton } from '../ui/save-button';
import { createHost } from '../ui/shadow-host';
import { onPageChanges } from '../page-changes';

/** The paper a `/papers/<id>` href opens (relative or absolute), else undefined: `/papers?q=`, `/login?next=…`, lists. */
export function hfPaperId(href: string | null | undefined): string | undefined {
  if (!href || href.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = new URL(href, 'https://huggingface.co/');
  } catch {
    return undefined;
  }
  const page = detectPage(url);
  return page?.kind === 'hf-paper' ? page.paper?.id : undefined;
}

export interface HfCard {
  id: string;
  /** The element the mark goes right after: the card's title heading (or its link when it has none). */
  anchor: Element;
}

/**
 * Paper cards are `article`s whose first link to `/papers/<id>` names the paper (the thumbnail and the title link the
 * same id; the upvote box links `/login?next=…`, which is no paper). Utility classes are not keyed on: they change.
 * Articles without such a link (collection cards on a paper page, model cards) are not paper cards.
 */
export function hfCards(root: ParentNode): HfCard[] {
  const out: HfCard[] = [];
  for (const article of root.querySelectorAll('article')) {
    const titled = article.querySelector('h3 a[href], h2 a[href], h4 a[href]');
    const link = titled && hfPaperId(titled.getAttribute('href')) ? titled
      : [...article.querySelectorAll('a[href]')].find((a) => hfPaperId(a.getAttribute('href')));
    const id = link && hfPaperId(link.getAttribute('href'));
    if (link && id) out.push({ id, anchor: link.closest('h2, h3, h4') ?? link });
  }
  return out;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim() : undefined);

/** What the page's own props say about paper `id` (list items carry `paper`, the paper page's props are `paper`). */
export function hfPropsMeta(root: ParentNode, id: string): PaperMeta | undefined {
  for (const island of root.querySelectorAll('[data-props]')) {
    let props: Record<string, unknown>;
    try {
      props = JSON.parse(island.getAttribute('data-props') ?? '') as Record<string, unknown>;
    } catch {
      continue;
    }
    const items = [props, ...[props['dailyPapers'], props['searchResults']].flatMap((l) => (Array.isArray(l) ? l : []))];
    for (const item of items) {
      const paper = (item as { paper?: Record<string, unknown> } | null)?.paper;
      if (!paper || paper['id'] !== id) continue;
      const authors = Array.isArray(paper['authors']) ? paper['authors'].map((a) => text((a as { name?: unknown } | null)?.name)).filter((a): a is string => !!a) : [];
      return { title: text(paper['title']), authors, abstract: text(paper['summary']) };
    }
  }
  return undefined;
}

interface Mark {
  id: string;
  host: HTMLElement;
  button: SaveButton;
  status: HTMLButtonElement;
}

const STATUS_TEXT: Record<ReadingStatus, string> = { 'to-read': 'To read', reading: 'Reading', read: 'Read' };
/** The status control looks like its Save neighbour (the shared sheet's `.save`), but is its own class. */
const STATUS_CSS = '.status{all:unset;box-sizing:border-box;display:inline-flex;margin-left:4px;padding:1px 8px;border:1px dashed var(--pp-border);border-radius:999px;color:var(--pp-fg);background:var(--pp-card-bg);cursor:pointer}.status:hover{border-color:var(--pp-accent)}.status:focus-visible{outline:2px solid var(--pp-accent);outline-offset:2px}.status[hidden]{display:none}';

/**
 * The reading status of a saved paper (to read → reading → read, the reading list's own states), one click to move
 * it on. Hidden while the paper isn't saved. The shown state comes back through the status mirror.
 */
function statusButton(id: string, current: () => ReadingStatus): HTMLButtonElement {
  const el = h('button', { type: 'button', class: 'status', hidden: '' });
  el.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    const next = nextStatus(current());
    showStatus(el, id, next);
    void sendMessage('readingListSetStatus', id, next).catch((error: unknown) => {
      showStatus(el, id, current());
      el.title = `Couldn't change the status: ${error instanceof Error ? error.message : String(error)}`;
    });
  });
  return el;
}

function showStatus(el: HTMLButtonElement, id: string, status: ReadingStatus): void {
  el.textContent = STATUS_TEXT[status];
  el.dataset.status = status;
  el.setAttribute('aria-label', `Reading status of arXiv:${id}: ${STATUS_TEXT[status]}. Click for ${STATUS_TEXT[nextStatus(status)]}`);
  el.title = `In your reading list as “${STATUS_TEXT[status]}” — click to mark “${STATUS_TEXT[nextStatus(status)]}”`;
}

export function followHfPapers(signal: AbortSignal): void {
  const marks = new Map<Element, Mark>();
  let saved = new Set<string>();
  let statuses = new Map<string, ReadingStatus>();
  const statusOf = (id: string) => statuses.get(id) ?? 'to-read';

  const show = (mark: Mark) => {
    const isSaved = saved.has(mark.id);
    mark.host.dataset.paperPulse = isSaved ? 'saved' : 'save';
    mark.button.set(isSaved);
    mark.status.hidden = !isSaved;
    if (isSaved) {
      mark.host.dataset.status = statusOf(mark.id);
      showStatus(mark.status, mark.id, statusOf(mark.id));
    } else delete mark.host.dataset.status;
  };
  const place = (key: Element, id: string, anchor: Element) => {
    const old = marks.get(key);
    if (old?.id === id && old.host.isConnected) return;
    old?.host.remove();
    const { host, root } = createHost('save', id);
    const button = saveButton(id, `Save arXiv:${id} to reading list`,
      () => hfPropsMeta(document, id) ?? { title: text(anchor.textContent) });
    const status = statusButton(id, () => statusOf(id));
    root.append(h('style', {}, STATUS_CSS), button.el, status);
    anchor.after(host);
    const mark = { id, host, button, status };
    marks.set(key, mark);
    show(mark);
  };

  const sync = () => {
    const seen = new Set<Element>();
    for (const card of hfCards(document)) {
      seen.add(card.anchor);
      place(card.anchor, card.id, card.anchor);
    }
    // The paper page: its paper is the URL's (the page links many others: concepts, comments, collections).
    const page = detectPage(location.href);
    const heading = page?.kind === 'hf-paper' && page.paper ? document.querySelector('main h1, h1') : null;
    if (heading && !seen.has(heading)) {
      seen.add(heading);
      place(heading, page!.paper!.id, heading);
    }
    for (const [key, mark] of marks) {
      if (seen.has(key)) continue;
      mark.host.remove();
      marks.delete(key);
    }
  };

  onPageChanges(sync, signal);
  followSavedIds((ids) => {
    saved = ids;
    for (const mark of marks.values()) show(mark);
  }, signal);
  followStatuses((next) => {
    statuses = next;
    for (const mark of marks.values()) show(mark);
  }, signal);
  sync();

  signal.addEventListener('abort', () => {
    for (const { host } of marks.values()) host.remove();
    marks.clear();
  }, { once: true });
}
