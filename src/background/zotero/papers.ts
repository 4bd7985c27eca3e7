/**
 * A paper as the citation formats and Zotero need it: the reading-list entry (title, authors, our tags and note)
 * completed from the paper cache (HF's date) and what the page says, so papers not saved in the list work too.
 */
import type { CitablePaper } from '../../shared/citation';
import { paperDate } from '../../shared/citation';
import type { PaperMeta } from '../../shared/types';
import { canonicalId, cleanMeta, getEntry } from '../reading-list/entries';
import { getPaper } from '../paper-cache/papers';

export async function citablePaper(rawId: string, meta?: PaperMeta): Promise<CitablePaper> {
  const id = canonicalId(rawId);
  const page = cleanMeta(meta);
  const [entry, lookup] = await Promise.all([
    getEntry(id).catch(() => undefined),
    // Cache first, at most one HF request (none in privacy mode); a failure just means fewer fields.
    getPaper(id).catch(() => undefined),
  ]);
  const paper = lookup?.state === 'found' ? lookup.paper : undefined;
  return {
    id,
    title: entry?.title || paper?.title || page.title || '',
    authors: entry?.authors.length ? entry.authors : paper?.authors.length ? paper.authors : page.authors ?? [],
    abstract: entry?.abstract || paper?.summary || page.abstract || '',
    primaryClass: entry?.primaryClass ?? page.primaryClass,
    date: paperDate(id, paper?.publishedAt),
    tags: entry?.tags ?? [],
    note: entry?.note ?? '',
  };
}
