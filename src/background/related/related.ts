/**
 * Related papers for the popup: the local BM25 ranking (shared/related.ts) over EVERY cached paper, merged
 * with HF's own search for the title when online. The index is the one the search box uses (search/index-store.ts):
 * persisted, so the first answer after a worker restart doesn't rebuild it, and kept current as papers arrive.
 */
import { cachePolicy, freshness } from '../../shared/cache-policy';
import { paperItem } from '../../shared/paper-item';
import { rankRelated, sharedTerms, whyLine, type RelatedIndex } from '../../shared/related';
import { getSettings } from '../../shared/settings';
import type { PaperRecord, RelatedItem, RelatedView } from '../../shared/types';
import { relatedView } from '../../shared/text-index';
import { db, getPapers } from '../db';
import { hf } from '../hf/instance';
import { getPaper } from '../paper-cache/papers';
import { textIndex } from '../search/index-store';

const LOCAL_LIMIT = 10;
const SEARCH_LIMIT = 10;
/** HF-search results shown beyond the local ones. */
const SEARCH_SHOWN = 5;
const SEARCH_FRESH_MS = 24 * 60 * 60_000;

interface SearchCache {
  fetchedAt: number;
  items: RelatedItem[];
}
const searchKey = (id: string) => `search:${id}`;

export async function getRelated(id: string, now = Date.now()): Promise<RelatedView> {
  // The stored index loads while the paper is looked up: after a worker restart both are IndexedDB reads.
  const [lookup, text] = await Promise.all([getPaper(id), textIndex()]);
  if (lookup.state !== 'found') return { id, items: [], corpusSize: 0, search: 'skipped' };
  const paper = lookup.paper;
  const index = relatedView(text);
  const hits = rankRelated(index, paper, { limit: LOCAL_LIMIT, exclude: [paper.id], now });
  const records = await getPapers(hits.map((h) => h.id));
  const local: RelatedItem[] = hits.flatMap((hit, i) => {
    const record = records[i];
    // The words that drove the score, upgraded to the phrases the two papers share when there are any.
    const shared = record ? sharedTerms(index, paper, record) : [];
    return record ? [{ ...paperItem(record), why: whyLine(shared.length ? shared : hit.terms), source: 'local' as const }] : [];
  });
  const search = await searchRelated(paper, index, now);
  const seen = new Set([paper.id, ...local.map((item) => item.id)]);
  const extra = Array.isArray(search) ? search.filter((item) => !seen.has(item.id)).slice(0, SEARCH_SHOWN) : [];
  return {
    id,
    items: [...local, ...extra],
    corpusSize: index.size,
    search: Array.isArray(search) ? 'merged' : search,
  };
}

/** HF's search for the title: one request per paper per day, cached in `meta`. Privacy mode sends nothing. */
async function searchRelated(paper: PaperRecord, index: RelatedIndex, now: number): Promise<RelatedItem[] | 'skipped' | { error: string }> {
  const database = await db();
  const stored = (await database.get('meta', searchKey(paper.id))) as SearchCache | undefined;
  if (stored && freshness(stored.fetchedAt, { fresh: SEARCH_FRESH_MS }, now) === 'fresh') return stored.items;
  if ((await getSettings()).privacyMode) return 'skipped';
  try {
    const results = await hf.search(paper.title.replace(/\s+/g, ' '), SEARCH_LIMIT);
    const items = results.filter((r) => r.id !== paper.id).map((r): RelatedItem => {
      const shared = sharedTerms(index, paper, r);
      return { ...paperItem(r), why: shared.length ? `HF search · ${whyLine(shared)}` : 'HF search match for the title', source: 'hf-search' };
    });
    await database.put('meta', { fetchedAt: now, items } satisfies SearchCache, searchKey(paper.id));
    return items;
  } catch (error) {
    // Offline or rate-limited: an older answer beats none.
    if (stored && freshness(stored.fetchedAt, cachePolicy.paper, now) !== 'expired') return stored.items;
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
