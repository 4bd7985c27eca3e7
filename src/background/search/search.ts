/**
 * The popup's search box: every cached paper by title, authors, abstract and ai_keywords, ranked by the shared text
 * index (shared/text-index.ts `searchText`), answered from the worker's memory and IndexedDB only — offline alike.
 * An arXiv id typed or pasted finds that paper first.
 */
import { parseArxivId } from '../../shared/arxiv';
import { paperItem } from '../../shared/paper-item';
import { searchText } from '../../shared/text-index';
import type { PaperRecord, SearchView } from '../../shared/types';
import { getPapers } from '../db';
import { peekTextIndex } from './index-store';

export const SEARCH_LIMIT = 20;

export async function searchPapers(query: string, limit = SEARCH_LIMIT): Promise<SearchView> {
  const index = await peekTextIndex();
  if (!index) return { query, state: 'building', items: [], total: 0, indexed: 0, blank: false };
  const found = searchText(index, query, limit);
  const asId = /^\s*(?:arxiv:)?\d{4}\.\d{4,5}(?:v\d+)?\s*$/i.test(query) ? parseArxivId(query) : undefined;
  const ids = [...new Set([...(asId ? [asId.id] : []), ...found.hits.map((h) => h.id)])].slice(0, limit);
  const records = (await getPapers(ids)).filter((p): p is PaperRecord => p !== undefined);
  const byId = records.length && asId && records[0]!.id === asId.id;
  return {
    query,
    state: 'ready',
    items: records.map(paperItem),
    total: found.total + (byId ? 1 : 0),
    indexed: index.size,
    blank: found.blank && !byId,
  };
}
