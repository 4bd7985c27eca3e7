/**
 * The optional sites (issue 15, ../shared/docs/other-sites.md §2–5, §7): each is off until the user presses its
 * "Enable on …" button, which asks the browser for that site's origins only; the worker then registers the site's own
 * small content script for them (background/other-sites/). Pure data, shared by the worker, the options page and tests.
 *
 * Nothing is ever sent to these sites: the scripts read the page's DOM, and the ▲ counts come from the local copy of
 * HF Daily Papers in the worker.
 */

export type SiteKey = 'scholar' | 'semantic-scholar' | 'openreview' | 'alphaxiv' | 'paperswithcode';

export interface OptionalSite {
  key: SiteKey;
  /** As shown on the button: "Enable on Google Scholar". */
  name: string;
  /** The origins asked for (all of them in one request: the browser grants all or none). */
  origins: string[];
  /** Where the content script runs: a subset of `origins`. */
  matches: string[];
  /** The site's bundle (esbuild.config.ts). */
  js: string;
  /** One line for the options page: what appears there, and which pages. */
  what: string;
}

/**
 * Google Scholar has no TLD wildcard in match patterns (other-sites.md §2, [R19]): the country hosts Scholar sends
 * people to most are listed one by one. A host left out simply stays unannotated.
 */
const SCHOLAR_HOSTS = ['scholar.google.com', 'scholar.google.co.uk', 'scholar.google.de', 'scholar.google.fr', 'scholar.google.es',
  'scholar.google.it', 'scholar.google.nl', 'scholar.google.ca', 'scholar.google.com.au', 'scholar.google.co.jp', 'scholar.google.co.in',
  'scholar.google.com.br', 'scholar.google.ch', 'scholar.google.com.hk'];

export const OPTIONAL_SITES: readonly OptionalSite[] = [
  {
    key: 'scholar',
    name: 'Google Scholar',
    origins: SCHOLAR_HOSTS.map((h) => `https://${h}/*`),
    // Results (/scholar?…) and profiles (/citations?…): Scholar renders them on the server (other-sites.md §2).
    matches: SCHOLAR_HOSTS.flatMap((h) => [`https://${h}/scholar*`, `https://${h}/citations*`]),
    js: 'content-scholar.js',
    what: 'Results and profiles that link an arXiv paper (its abs or PDF link, or "arXiv:ID" in the venue line).',
  },
  {
    key: 'semantic-scholar',
    name: 'Semantic Scholar',
    origins: ['https://www.semanticscholar.org/*'],
    // The whole origin: the site is a client-side app, so a search can turn into a paper page without a load.
    matches: ['https://www.semanticscholar.org/*'],
    js: 'content-semantic-scholar.js',
    what: 'Search results and paper pages that link arXiv (S2 has no arXiv id in its pages otherwise; none is looked up).',
  },
  {
    key: 'openreview',
    name: 'OpenReview',
    origins: ['https://openreview.net/*'],
    matches: ['https://openreview.net/*'],
    js: 'content-openreview.js',
    what: 'Forum pages whose note links an arXiv paper (rare: OpenReview has no arXiv field).',
  },
  {
    key: 'alphaxiv',
    name: 'alphaXiv',
    origins: ['https://www.alphaxiv.org/*', 'https://alphaxiv.org/*'],
    matches: ['https://www.alphaxiv.org/*', 'https://alphaxiv.org/*'],
    js: 'content-alphaxiv.js',
    what: 'Every paper route (abs, overview, audio, replicate, with or without vN) and the paper cards of its lists.',
  },
  {
    key: 'paperswithcode',
    name: 'Papers with Code',
    origins: ['https://paperswithcode.co/*'],
    matches: ['https://paperswithcode.co/*'],
    js: 'content-paperswithcode.js',
    what: 'Paper pages (/paper/<arXiv id>) and the paper links of task and benchmark pages.',
  },
];

export const siteOf = (key: string): OptionalSite | undefined => OPTIONAL_SITES.find((s) => s.key === key);

/** The content-script registration id of a site (scripting.registerContentScripts). */
export const scriptId = (site: OptionalSite): string => `site-${site.key}`;

/**
 * The per-site switch, in storage.local (a grant is per browser, so the switch that goes with it is too): sites the
 * user switched off while keeping the permission. A site runs when its origins are granted and it is not listed here.
 */
export const SITES_OFF_KEY = 'sitesOff';

export function sitesOffFrom(value: unknown): Set<SiteKey> {
  return new Set(Array.isArray(value) ? value.filter((v): v is SiteKey => typeof v === 'string' && !!siteOf(v)) : []);
}
