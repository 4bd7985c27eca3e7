/**
 * arXiv identifiers and the URLs that carry them. Pure: no DOM, no browser APIs.
 *
 * Regexes follow arxiv-base `arxiv/identifier/__init__.py` (RE_ARXIV_NEW_ID, RE_ARXIV_OLD_ID and the
 * `Identifier` normalisation), minus its `extra` tail: callers here hand over a bare id, and the URL
 * code below splits paths itself. See ../shared/docs/arxiv-pages.md §1–2.
 */
import type { ArxivId, DetectedPage, PageKind } from './types';

/** RE_ARXIV_NEW_ID: `YYMM.NNNN[N]` with an optional `vN` (N ≥ 1, no leading zero). */
const NEW_ID = /^(\d\d)(\d\d)\.(\d{4,5})(?:[vV]([1-9]\d*))?$/;

/**
 * RE_ARXIV_OLD_ID: `archive[.SC]/YYMMNNN[vN]`. Matched case-insensitively because `Identifier`
 * lowercases the archive before matching; the subject class is not part of the canonical id.
 */
const OLD_ID = /^([a-z]+(?:-[a-z]{2,})?)(?:\.[a-z-]{2,})?\/(\d\d)(\d\d)(\d{3})(?:v([1-9]\d*))?$/i;

/** `Identifier` SUBSTITUTIONS: the prefix and a file extension are noise around the id. */
const PREFIX = /^arxiv:/i;
const FILE_EXT = /\.(?:ps\.gz|pdf|ps|gz)$/;
/**
 * The primary category as listings, the PDF stamp and references print it after the id:
 * `arXiv:2101.04792 [cs.LG]`, `0706.0001v1 [q-bio.CB]` (JabRef's ArXivIdentifierTest accepts the
 * same). Only one bracketed category, and only after the id: other text around an id is rejected
 * (JabRef rejects `other stuff 0706.0001v1 end` too).
 */
const CATEGORY_TAIL = /\s+\[[a-z-]+(?:\.[a-z-]+)?\]$/i;

export function parseArxivId(input: string): ArxivId | undefined {
  const s = input.trim().replace(CATEGORY_TAIL, '').replace(PREFIX, '').replace(FILE_EXT, '');

  const n = NEW_ID.exec(s);
  if (n) {
    const [, yy = '', mm = '', num = '', v] = n;
    const yymm = Number(yy + mm);
    const month = Number(mm);
    // The regex alone lets through ids arXiv never minted: new style began 0704, and the
    // sequence number went from 4 to 5 digits exactly at 1501.
    if (month < 1 || month > 12 || yymm < 704) return undefined;
    if ((num.length === 4) !== yymm <= 1412) return undefined;
    if (Number(num) === 0) return undefined;
    return withVersion({ id: `${yy}${mm}.${num}`, style: 'new' }, v);
  }

  const o = OLD_ID.exec(s);
  if (o) {
    const [, archive = '', yy = '', mm = '', num = '', v] = o;
    const month = Number(mm);
    // Old-style ids were minted from 1991 to 2007-03 only (two-digit years, 91–99 then 00–07).
    const year = Number(yy) + (Number(yy) >= 91 ? 1900 : 2000);
    if (month < 1 || month > 12 || year > 2007 || (year === 2007 && month > 3)) return undefined;
    if (Number(num) === 0) return undefined;
    return withVersion({ id: `${archive.toLowerCase()}/${yy}${mm}${num}`, style: 'old' }, v);
  }

  return undefined;
}

function withVersion(a: ArxivId, v: string | undefined): ArxivId {
  return v === undefined ? a : { ...a, version: Number(v) };
}

export function formatArxivId(a: ArxivId): string {
  return a.version === undefined ? a.id : `${a.id}v${a.version}`;
}

/** True for a parseable new-style id (with or without version); HF only indexes these. */
export function isNewStyleId(id: string): boolean {
  return parseArxivId(id)?.style === 'new';
}

/**
 * arXiv routes by first path segment. A paper route without a valid id is no page of ours.
 * Maps, not object literals, so a path like `/toString/…` cannot hit Object.prototype.
 */
const PAPER_ROUTES = new Map<string, PageKind>([['abs', 'abs'], ['pdf', 'pdf'], ['html', 'html'], ['format', 'format']]);
/**
 * alphaXiv's single-paper routes (../shared/docs/other-sites.md §5). Its Markdown twins
 * (`/abs/ID.md`, `/overview/ID.md`) are deliberately not pages of ours: they are served for agents
 * and read as plain text, where no badge or card belongs.
 */
const ALPHAXIV_ROUTES: ReadonlySet<string> = new Set(['abs', 'overview', 'audio', 'replicate']);
const LIST_ROUTES = new Map<string, PageKind>([['list', 'listing'], ['catchup', 'catchup'], ['a', 'author'], ['search', 'search']]);

export function detectPage(url: string | URL): DetectedPage | undefined {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;

  const host = u.hostname;
  const segs = pathSegments(u.pathname);
  if (!segs) return undefined;
  const [route, ...rest] = segs;

  if (host === 'huggingface.co') {
    // `/papers/trending`, `/papers/date/…` etc. fail to parse as an id, which is what excludes them.
    return route === 'papers' ? paperPage('hf-paper', idFromSegments(rest, false)) : undefined;
  }
  if (host === 'alphaxiv.org' || host === 'www.alphaxiv.org') {
    return route !== undefined && ALPHAXIV_ROUTES.has(route) ? paperPage('alphaxiv', idFromSegments(rest, false)) : undefined;
  }
  // Any *.arxiv.org: www., export. and the historical mirrors (lanl., in., …) serve the same routes.
  if (host !== 'arxiv.org' && !host.endsWith('.arxiv.org')) return undefined;
  if (route === undefined) return undefined;

  if (route === 'ftp') return paperPage('pdf', ftpPdfId(rest));

  const paperKind = PAPER_ROUTES.get(route);
  if (paperKind) {
    // Only /html/IDvN/FILE has meaningful content below the id (figures, sub-pages).
    const paper = rest.length === 0 && route === 'abs' ? legacyAbsId(u) : idFromSegments(rest, route === 'html');
    return paperPage(paperKind, paper);
  }

  const listKind = LIST_ROUTES.get(route);
  if (!listKind) return undefined;
  // Bare /catchup is the date-picker form and bare /search the empty search box: no papers on them.
  if (rest.length > 0 || (route === 'search' && u.search.length > 1)) return { kind: listKind };
  return undefined;
}

/** Legacy abs URLs from before arxiv-browse: `?id=ID`, `?archive=A&papernum=N`, and a bare `?ID`. */
function legacyAbsId(u: URL): ArxivId | undefined {
  const q = u.searchParams;
  const id = q.get('id');
  if (id !== null) return parseArxivId(id);
  const archive = q.get('archive');
  const papernum = q.get('papernum');
  if (archive !== null && papernum !== null) return parseArxivId(`${archive}/${papernum}`);
  const bare = safeDecode(u.search.slice(1));
  return bare ? parseArxivId(bare) : undefined;
}

/**
 * arXiv's old file-tree PDF path, `/ftp/<archive>/papers/<YYMM>/<number>.pdf`, still linked from
 * abs pages of papers whose PDF was submitted as such (arxiv-utils' navigation cases: 1110.2832 as
 * `/ftp/arxiv/papers/1110/1110.2832.pdf`, cond-mat/0408502 as `/ftp/cond-mat/papers/0408/0408502.pdf`).
 * The `arxiv` archive holds new-style ids; any other archive an old-style number. The YYMM folder
 * must agree with the id, so a path that names two different papers is no paper.
 */
function ftpPdfId(segs: string[]): ArxivId | undefined {
  const [archive, papers, yymm, file, ...extra] = segs;
  if (archive === undefined || papers !== 'papers' || yymm === undefined || file === undefined || extra.length > 0) return undefined;
  if (!file.endsWith('.pdf')) return undefined;
  const id = parseArxivId(archive === 'arxiv' ? file : `${archive}/${file}`);
  if (!id) return undefined;
  const number = id.style === 'new' ? id.id : id.id.slice(id.id.indexOf('/') + 1);
  return number.startsWith(yymm) && /^\d{4}$/.test(yymm) ? id : undefined;
}

/**
 * The id at the start of a path: one segment for new-style, two for old-style (`hep-th/9901001`).
 * Trailing slashes are already gone (pathSegments); other trailing segments are allowed only when `allowRest`.
 */
function idFromSegments(segs: string[], allowRest: boolean): ArxivId | undefined {
  for (const take of [1, 2]) {
    if (segs.length < take || (!allowRest && segs.length !== take)) continue;
    const id = parseArxivId(segs.slice(0, take).join('/'));
    if (id) return id;
  }
  return undefined;
}

/**
 * Path segments, decoded (an old-style id may arrive as `hep-th%2F9901001`), without trailing empty
 * ones: arXiv answers `/abs/ID//` like `/abs/ID` (arxiv-utils tests "abs with trailing double
 * slash"), so any run of trailing slashes is tolerated. Empty segments inside the path are not.
 */
function pathSegments(pathname: string): string[] | undefined {
  const decoded = safeDecode(pathname);
  if (decoded === undefined) return undefined;
  const segs = decoded.split('/').slice(1);
  while (segs.length > 0 && segs[segs.length - 1] === '') segs.pop();
  return segs;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function paperPage(kind: PageKind, paper: ArxivId | undefined): DetectedPage | undefined {
  return paper ? { kind, paper } : undefined;
}

const LINK_KINDS: ReadonlySet<PageKind> = new Set(['abs', 'pdf', 'html']);

/**
 * The paper an `<a href>` on an arXiv page points to, for abs/pdf/html links to an arxiv.org host.
 * `base` resolves relative hrefs; it defaults to arxiv.org so listing-style `/abs/…` hrefs work alone.
 */
export function findArxivIdInHref(href: string, base = 'https://arxiv.org/'): ArxivId | undefined {
  const h = href.trim();
  // An empty or fragment-only href resolves to the page itself, which on an abs page would
  // misreport in-page toggles (`#`, `#toggle`) as links to the paper.
  if (h === '' || h.startsWith('#')) return undefined;
  let u: URL;
  try {
    u = new URL(h, base);
  } catch {
    return undefined;
  }
  const page = detectPage(u);
  return page && LINK_KINDS.has(page.kind) ? page.paper : undefined;
}
