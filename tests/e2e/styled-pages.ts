/**
 * The arXiv pages our badge is measured and photographed on (layout E2E in Chromium and Firefox, the README
 * screenshots, store assets), each with HF data that describes THAT page's paper: a badge whose card summarises
 * another paper is exactly the false badge we promise never to show, so no screenshot or test may stage one.
 *
 * - 2026 abs page: 2608.19880, #1 of the latest recorded Daily Papers day (2026-08-21) — the fake arXiv gives it an
 *   abs page with its own title, authors and abstract (fake-abs-page.ts), and the popup's Today list shows it too.
 * - 2025 abs page (old header): hep-th/9901001, an old-style id HF cannot index: the Save toggle alone.
 * - HTML view: 2609.01222v2, a real LaTeXML page HF's fixtures don't know. `htmlViewPaper()` is the HF record the
 *   tests serve for it, built from the page's own title, authors and abstract; only its upvote count is made up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ABS_PAPER_ID = '2608.19880';
export const HTML_VIEW_ID = '2609.01222';

export interface BadgePage {
  name: string;
  url: string;
  /** The title the badge belongs under. */
  title: string;
  /** Whether the badge has a card (HF knows the paper). */
  card: boolean;
}

export const BADGE_PAGES = [
  { name: 'abs-2026', url: `https://arxiv.org/abs/${ABS_PAPER_ID}`, title: '#abs h1.title', card: true },
  { name: 'abs-2025', url: 'https://arxiv.org/abs/hep-th/9901001', title: '#abs h1.title', card: false },
  { name: 'html', url: `https://arxiv.org/html/${HTML_VIEW_ID}v2`, title: 'h1.ltx_title_document', card: true },
] as const satisfies readonly BadgePage[];

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

/** `/api/papers/2609.01222` as HF would answer it if it had the paper: the HTML page's own metadata. */
export function htmlViewPaper(): Record<string, unknown> {
  const html = readFileSync(path.resolve('../shared/fixtures/arxiv/real/html-paper-2609.01222v2.excerpt.html'), 'utf8');
  const title = text(/<h1 class="ltx_title ltx_title_document">([\s\S]*?)<\/h1>/.exec(html)![1]!);
  const authors = /<span class="ltx_personname">([\s\S]*?)<\/span>/.exec(html)![1]!.split(',').map((name) => name.trim()).filter(Boolean);
  const summary = text(/<p id="abstract1\.1" class="ltx_p">([\s\S]*?)<\/p>/.exec(html)![1]!);
  return {
    id: HTML_VIEW_ID,
    title,
    summary,
    authors: authors.map((name, i) => ({ _id: (0x5f0 + i).toString(16).padStart(24, '0'), name, hidden: false })),
    publishedAt: '2026-09-02T00:00:00.000Z',
    upvotes: 17, // made up: the only field not taken from the page
    numComments: 0,
  };
}
