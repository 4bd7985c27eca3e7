/**
 * arXiv's own stylesheets for the fake arxiv.org, so every E2E page (and every screenshot made from one) is laid out
 * as users see it: arXiv indents the abs title by 20 px (.5–1 em on narrow screens), and a badge measured on an
 * unstyled page would be "right" where the real page puts it 20 px off.
 *
 * The sheets are arXiv/arxiv-browse `browse/static/css/` (MIT; ../shared/fixtures/arxiv/css/README.md and LICENSE).
 * arXiv links them as `/static/browse/<version>/css/<file>` (0.3.4 in every fixture, with `?v=` cache busters); any
 * version is answered, as the same files serve all of them here. Sheets the fixtures link but we have no copy of
 * (`/static/base/1.0.1/css/abs.css`, `arxiv-header-footer.css`, the search app's `arxivstyle.css` on
 * static.arxiv.org) stay 404s: better a missing header style than an invented one.
 *
 * The HTML-view fixture is a browser-saved copy whose `<head>` was stripped, so `htmlViewHead()` puts back the
 * stylesheet links arXiv's HTML papers carry (ar5iv 0.7.9, its fonts sheet, latexml_styles.css; the Bootstrap sheet
 * they also load from jsDelivr is not faked).
 *
 * Used by fake-server.ts; screenshot scripts (README, store assets) get styled pages simply by using the fake server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** `/static/browse/0.3.4/css/arXiv.css` (any version, query ignored) → `arXiv.css`. */
const CSS_PATH = /^\/static\/browse\/[\w.-]+\/css\/([\w.-]+\.css)$/;

/** The HTML view's stylesheets, in the order arXiv's HTML papers link them. */
export const HTML_VIEW_STYLESHEETS = ['ar5iv.0.7.9.min.css', 'ar5iv-fonts.0.7.9.min.css', 'latexml_styles.css']
  .map((file) => `/static/browse/0.3.4/css/${file}`);

export interface ArxivCss {
  /** The stylesheet arXiv serves at `pathname`, or undefined when the path is not one we have (→ 404). */
  sheet(pathname: string): Buffer | undefined;
}

/** `cssDir` holds arXiv's sheets; default `../shared/fixtures/arxiv/css` relative to the repo root. */
export function arxivCss(cssDir = path.resolve('../shared/fixtures/arxiv/css')): ArxivCss {
  const cache = new Map<string, Buffer | undefined>();
  return {
    sheet(pathname) {
      const file = CSS_PATH.exec(pathname)?.[1];
      if (!file) return undefined;
      if (!cache.has(file)) {
        let data: Buffer | undefined;
        try {
          data = readFileSync(path.join(cssDir, file));
        } catch {
          data = undefined; // a sheet arXiv has but the fixtures don't: 404, like any unknown path
        }
        cache.set(file, data);
      }
      return cache.get(file);
    },
  };
}

/** The HTML-view page with a `<head>` linking arXiv's HTML-paper stylesheets (the saved copy has none). */
export function htmlViewHead(html: string): string {
  if (/<head[\s>]/i.test(html)) return html;
  const links = HTML_VIEW_STYLESHEETS.map((href) => `<link rel="stylesheet" type="text/css" href="${href}">`).join('\n');
  const head = `<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n${links}\n</head>\n`;
  return html.replace(/(<html[^>]*>\s*)/i, `$1${head}`);
}
