/**
 * Content-script entry on arXiv's abs and HTML pages (manifest matches): the badge under the title. A bundle of its
 * own (listing pages have list-index.ts), so a paper page compiles none of the listing code and vice versa.
 * The badge needs only the title: it goes in as soon as the title is parsed (when-parsed.ts), for HTML pages whose
 * address names the paper; otherwise (the id is on the page) at DOMContentLoaded.
 */
import { boot } from './boot';
import { absBadge } from './features/abs-badge';
import { htmlBadge } from './features/html-badge';
import { answerPageMeta } from './page-meta';
import { ABS_TITLE, HTML_TITLE } from './selectors';

const { page, signal } = boot([absBadge, htmlBadge], (page) => (page.kind === 'abs' ? ABS_TITLE : page.kind === 'html' && page.paper ? HTML_TITLE : undefined));
if (page?.kind === 'abs') answerPageMeta(signal);
