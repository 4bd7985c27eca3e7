/**
 * The optional sites under their real hostnames (issue 15): the reconstructed pages of tests/fixtures/other-sites
 * (its README says what each rebuilds from ../shared/docs/other-sites.md). Routes follow the doc: Scholar's
 * `/scholar?…` and `/citations?…`, S2's `/search` and `/paper/<slug>/<40 hex>` (one client-rendered app), OpenReview's
 * `/forum?id=`, alphaXiv's paper routes (abs, overview, audio, replicate, ± vN; its `.md` twins are text) and `/`,
 * paperswithcode.co's `/paper/<id>` and `/task/<slug>`. Anything else is a 404, as on a real site.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const OTHER_SITE_HOSTS = ['scholar.google.com', 'scholar.google.co.uk', 'www.semanticscholar.org', 'openreview.net',
  'www.alphaxiv.org', 'alphaxiv.org', 'paperswithcode.co'] as const;

const DIR = path.resolve('tests/fixtures/other-sites');
const page = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const NEW_ID = /^(\d{4}\.\d{4,5})(v\d+)?$/;

export interface SiteAnswer { status: number; type: string; body: string }

/** `titleOf` is the fake HF's title of a paper, so alphaXiv/PwC pages name the paper they are about. */
export function otherSitePage(host: string, url: URL, titleOf: (id: string) => string | undefined): SiteAnswer {
  const html = (body: string, status = 200): SiteAnswer => ({ status, type: 'text/html; charset=utf-8', body });
  const notFound = html('<!doctype html><title>404</title><h1>Not Found</h1>', 404);
  const p = url.pathname;
  const paperPage = (file: string, id: string) => html(page(file).replaceAll('{{ID}}', escape(id)).replaceAll('{{TITLE}}', escape(titleOf(id.replace(/v\d+$/, '')) ?? `Paper ${id}`)));
  if (host.startsWith('scholar.google.')) {
    if (p === '/scholar' && url.searchParams.has('q')) return html(page('scholar-results.html'));
    if (p === '/citations' && url.searchParams.has('user')) return html(page('scholar-profile.html'));
    return notFound;
  }
  if (host === 'www.semanticscholar.org') {
    return p === '/search' || /^\/paper\/[^/]+\/[0-9a-f]{40}$/.test(p) ? html(page('s2-app.html')) : notFound;
  }
  if (host === 'openreview.net') {
    if (p !== '/forum') return notFound;
    const id = url.searchParams.get('id');
    return id === 'sK1llEv0' ? html(page('openreview-forum.html')) : id ? html(page('openreview-forum-no-arxiv.html')) : notFound;
  }
  if (host === 'www.alphaxiv.org' || host === 'alphaxiv.org') {
    if (p === '/') return html(page('alphaxiv-home.html'));
    const m = /^\/(abs|overview|audio|replicate)\/([^/]+)$/.exec(p);
    if (m?.[2]?.endsWith('.md')) return { status: 200, type: 'text/markdown; charset=utf-8', body: `# ${m[2]}\n` };
    return m && NEW_ID.test(m[2]!) ? paperPage('alphaxiv-paper.html', m[2]!) : notFound;
  }
  if (host === 'paperswithcode.co') {
    const m = /^\/paper\/([^/]+)$/.exec(p);
    if (m && NEW_ID.test(m[1]!)) return paperPage('pwc-paper.html', m[1]!);
    if (/^\/task\/[a-z0-9-]+$/.test(p)) return html(page('pwc-task.html'));
    return notFound;
  }
  return notFound;
}
