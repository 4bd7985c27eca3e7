/**
 * A paper as the citation formats and Zotero need it: the reading-list entry (title, authors, our tags and note)
 * completed from the paper cache (HF's date; never a network request) and what the page says, so papers not saved in the list work too.
 */
import type { CitablePaper } from '../../shared/citation';
import { paperDate } from '../../shared/citation';
import type { PaperMeta } from '../../shared/types';
import { canonicalId, cleanMeta, getEntry } from '../reading-list/entries';
import { getPaperRecord } from '../db';

export async function citablePaper(rawId: string, meta?: PaperMeta): Promise<CitablePaper> {
  const id = canonicalId(rawId);
  const page = cleanMeta(meta);
  const [entry, paper] = await Promise.all([
    getEntry(id).catch(() => undefined),
    // The cache only: a bulk send of 500 entries must not become 500 HF requests. The page being viewed (badge,
    // popup) is cached already; a paper without any of it is still saved, with the id's month as its date.
    getPaperRecord(id).catch(() => undefined),
  ]);
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
