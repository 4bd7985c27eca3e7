/**
 * Where things are on arXiv pages (arxiv-pages.md §3). One place, tested against the fixtures.
 * Scoped to `#abs`: arXivLabs tools (Bibliographic Explorer, …) inject other papers' links elsewhere.
 */
export const ABS_TITLE = '#abs h1.title, #content-inner h1.title';
/** The HTML (LaTeXML) view's title. */
export const HTML_TITLE = 'h1.ltx_title_document';
export const absTitle = (doc: Document = document): HTMLElement | null => doc.querySelector<HTMLElement>(ABS_TITLE);
