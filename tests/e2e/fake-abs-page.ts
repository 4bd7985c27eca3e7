/**
 * The fake arxiv.org's abstract page for any new-style id: the reconstructed 2101.04792 page (the only abs page we
 * have in the 2026 markup) with the id swapped in, and, when the fake Hugging Face knows a paper under that id, that
 * paper's title, authors, abstract and submission date in place of 2101.04792's.
 *
 * Why: arXiv and HF describe the same paper for an id. A page that says "Keyword Spotting with Triplet Loss" under a
 * badge whose card summarises another paper is what a false badge looks like (issue 17: the README screenshot did
 * exactly that), and tests that save a paper from its page would compare two different papers' metadata.
 */

/** What the fake HF holds about a paper (a DailyPaperItem's `paper` as far as the page needs it). */
export interface HfPaperText {
  title?: unknown;
  summary?: unknown;
  publishedAt?: unknown;
  authors?: unknown;
  [field: string]: unknown;
}

const TEMPLATE_ID = '2101.04792';
const TEMPLATE_TITLE = 'Learning Efficient Representations for Keyword Spotting with Triplet Loss';

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** "Roman Vygon" → "Vygon, Roman" (arXiv's citation_author form); a one-word name stays as it is. */
function citationName(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts.length < 2 ? name.trim() : `${parts.at(-1)}, ${parts.slice(0, -1).join(' ')}`;
}

/** `template` is the 2101.04792 page; `paper` what the fake HF knows under `id` (undefined: HF doesn't know it). */
export function absPage(template: string, id: string, paper?: HfPaperText): string {
  let html = id === TEMPLATE_ID ? template : template.replaceAll(TEMPLATE_ID, id);
  if (!paper || typeof paper.title !== 'string') return html;
  const title = escapeHtml(oneLine(paper.title));
  const abstract = typeof paper.summary === 'string' ? escapeHtml(oneLine(paper.summary)) : undefined;
  const names = Array.isArray(paper.authors)
    ? paper.authors.map((a) => (typeof a === 'object' && a && typeof (a as { name?: unknown }).name === 'string' ? (a as { name: string }).name : ''))
      .filter(Boolean)
    : [];

  html = html.replaceAll(TEMPLATE_TITLE, title)
    // Twitter's title is cut at 64 characters by arXiv; ours need not match its cut exactly, only the paper.
    .replace(/(<meta name="twitter:title" content=")[^"]*/, `$1${title}`);
  if (abstract) {
    html = html.replace(/(<meta (?:property="og:description"|name="citation_abstract") content=")[^"]*/g, `$1${abstract}`)
      .replace(/(<meta name="twitter:description" content=")[^"]*/, `$1${abstract.slice(0, 200)}...`)
      .replace(/(<span class="descriptor">Abstract:<\/span>)[^<]*/, `$1${abstract}`);
  }
  if (names.length > 0) {
    const metas = names.map((n) => `<meta name="citation_author" content="${escapeHtml(citationName(n))}" />`).join('\n');
    const links = names.map((n) => {
      const [last = '', first = ''] = citationName(n).split(', ');
      const query = `${encodeURIComponent(last)},+${encodeURIComponent(first.charAt(0))}`; // arXiv's `Vygon,+R`
      return `<a href="https://arxiv.org/search/cs?searchtype=author&amp;query=${query}" rel="nofollow">${escapeHtml(n)}</a>`;
    }).join(', ');
    html = html.replace(/(?:<meta name="citation_author" content="[^"]*" \/>\n?)+/, `${metas}\n`)
      .replace(/(<div class="authors"><span class="descriptor">Authors:<\/span>).*?<\/div>/, `$1${links}</div>`)
      .replaceAll('by Roman Vygon and 1 other authors', `by ${escapeHtml(names[0]!)}${names.length > 1 ? ` and ${names.length - 1} other authors` : ''}`);
  }
  // 2101.04792's own comments, journal reference and related DOI are not this paper's: drop them (arXiv omits the rows
  // a paper has no value for). Its subjects stay: HF doesn't know a paper's arXiv categories.
  html = html.replace(/<meta name="citation_doi" content="[^"]*" \/>\n?/, '')
    .replace(/<tr>\s*<td class="tablecell label">(?:Comments:|Journal&nbsp;reference:)<\/td>[\s\S]*?<\/tr>\s*/g, '')
    .replace(/<tr>\s*<td class="tablecell label">\s*<abbr title="Digital Object Identifier">[\s\S]*?<\/tr>\s*(?=<\/table>)/, '');
  const published = typeof paper.publishedAt === 'string' ? new Date(paper.publishedAt) : undefined;
  if (published && !Number.isNaN(published.getTime())) {
    const day = published.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const ymd = published.toISOString().slice(0, 10).replaceAll('-', '/');
    html = html.replace(/(<div class="dateline">)[\s\S]*?<\/div>/, `$1\n  [Submitted on ${day}]</div>`)
      .replace(/(<meta name="citation_(?:online_)?date" content=")[^"]*/g, `$1${ymd}`);
  }
  return html;
}
