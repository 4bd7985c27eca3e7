/**
 * Single-paper pages for the toolbar badge and the popup, beyond shared/arxiv.ts `detectPage`: paperswithcode.co's
 * `/paper/<arXiv id>` (other-sites.md §5; its `/paper/<number>` and `/paper/<slug>` name no arXiv id). Kept apart from
 * detectPage because that one ships in the arXiv content script, whose size budget has no room for other sites.
 * The worker only sees such a tab's address once the user enabled the site (its optional host permission).
 */
import { detectPage, parseArxivId } from './arxiv';
import type { DetectedPage } from './types';

export function detectPaperPage(url: string): DetectedPage | undefined {
  const page = detectPage(url);
  if (page) return page;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.hostname !== 'paperswithcode.co') return undefined;
  const m = /^\/paper\/([^/]+)\/?$/.exec(u.pathname);
  let raw: string | undefined;
  try {
    raw = m ? decodeURIComponent(m[1]!) : undefined;
  } catch {
    return undefined;
  }
  const paper = raw ? parseArxivId(raw) : undefined;
  return paper ? { kind: 'paperswithcode', paper } : undefined;
}
