/**
 * One paper's data: cache first (product.md §5), then at most one `papers/{id}` request.
 * Concurrent asks for the same id (several tabs, badge + popup) share one request.
 */
import { cachePolicy, freshness, type Freshness } from '../../shared/cache-policy';
import type { PaperLookup, PaperRecord } from '../../shared/types';
import { parseArxivId } from '../../shared/arxiv';
import { getSettings } from '../../shared/settings';
import { db, getPaperRecord, putPaper } from '../db';
import { hf } from '../hf/instance';
import { rememberedPaper, rememberPaper, storageProblem } from './memory-fallback';

const inFlight = new Map<string, Promise<PaperLookup>>();

export async function getPaper(rawId: string, now = Date.now()): Promise<PaperLookup> {
  const parsed = parseArxivId(rawId);
  if (!parsed) throw new Error(`not an arXiv id: ${rawId.slice(0, 40)}`);
  if (parsed.style === 'old') return { state: 'old-style' }; // HF indexes new-style ids only
  const { id } = parsed;

  let cached: PaperRecord | undefined;
  let miss: { checkedAt: number } | undefined;
  try {
    const database = await db();
    [cached, miss] = await Promise.all([getPaperRecord(id), database.get('misses', id)]);
  } catch (error) {
    storageProblem(error);
    return withoutStorage(id);
  }
  const age = cached ? paperAge(cached, now) : 'expired';
  const answer = freshAnswer(cached, miss, now);
  if (answer) return answer;
  if ((await getSettings()).privacyMode) {
    // Privacy mode: bulk lists only, so whatever the cache holds is all we know.
    return cached
      ? { state: 'found', paper: cached, stale: true }
      : miss ? { state: 'not-on-hf', checkedAt: miss.checkedAt } : { state: 'not-on-hf', checkedAt: now, unchecked: true };
  }

  const request = fetchPaper(id, now);
  if (cached && age === 'stale') {
    request.catch(() => undefined); // revalidation failures keep the stale copy
    return { state: 'found', paper: cached, stale: true };
  }
  try {
    return await request;
  } catch (error) {
    // An old copy beats an error; the user sees its age.
    if (cached) return { state: 'found', paper: cached, stale: true };
    return { state: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** What the cache can answer without asking HF: a fresh paper, or a fresh "not on HF". */
function freshAnswer(cached: PaperRecord | undefined, miss: { checkedAt: number } | undefined, now: number): PaperLookup | undefined {
  if (cached && paperAge(cached, now) === 'fresh') return { state: 'found', paper: cached, stale: false };
  if (!cached && miss && freshness(miss.checkedAt, cachePolicy.miss, now) === 'fresh') return { state: 'not-on-hf', checkedAt: miss.checkedAt };
  return undefined;
}

/**
 * Bulk lists keep the upvotes fresh but carry no details (linked models/datasets/Spaces): a paper known only from
 * lists, or whose details are older than the stale limit, is served at once and its details fetched in the
 * background — one request per viewed paper, as for any stale copy.
 */
function paperAge(cached: PaperRecord, now: number): Freshness {
  const age = freshness(cached.fetchedAt, cachePolicy.paper, now);
  if (age !== 'fresh') return age;
  const details = cached.detailFetchedAt === undefined ? 'expired' : freshness(cached.detailFetchedAt, cachePolicy.paper, now);
  return details === 'expired' ? 'stale' : 'fresh';
}

function fetchPaper(id: string, now: number): Promise<PaperLookup> {
  let request = inFlight.get(id);
  if (!request) {
    request = lookupRemote(id, now).finally(() => inFlight.delete(id));
    inFlight.set(id, request);
  }
  return request;
}

async function lookupRemote(id: string, now: number): Promise<PaperLookup> {
  // Two askers (the toolbar badge and the page's badge) can both miss the cache, the first finish before the second
  // gets here, and the second would ask HF again: look once more, inside the one-request-per-paper guard.
  const again = await db().then((database) => Promise.all([getPaperRecord(id), database.get('misses', id)])).catch(() => undefined);
  const answer = again && freshAnswer(again[0], again[1], now);
  if (answer) return answer;
  const paper = await hf.paper(id);
  try {
    const database = await db();
    if (!paper) {
      const checkedAt = Date.now();
      await database.put('misses', { id, checkedAt });
      return { state: 'not-on-hf', checkedAt };
    }
    const stored = await putPaper(await withDailyRank({ ...paper, detailFetchedAt: paper.fetchedAt }));
    return { state: 'found', paper: stored, stale: false };
  } catch (error) {
    // Quota exceeded or a broken database: what HF said is still true, it just isn't saved.
    storageProblem(error);
    return paper ? rememberPaper(paper) : { state: 'not-on-hf', checkedAt: Date.now() };
  }
}

/** IndexedDB failed: memory first, then the network (unless privacy mode forbids per-paper requests). */
async function withoutStorage(id: string): Promise<PaperLookup> {
  const remembered = rememberedPaper(id);
  if (remembered) return remembered;
  if ((await getSettings()).privacyMode) return { state: 'error', message: 'Browser storage unavailable (privacy mode: no per-paper requests)' };
  try {
    return await fetchPaper(id, Date.now());
  } catch (error) {
    return { state: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** `papers/{id}` doesn't say the day rank; a cached list of that day does. */
async function withDailyRank(paper: PaperRecord): Promise<PaperRecord> {
  if (!paper.dailyDate || paper.dailyRank) return paper;
  const day = await (await db()).get('lists', `day:${paper.dailyDate}`);
  const index = day?.ids.indexOf(paper.id) ?? -1;
  return index >= 0 ? { ...paper, dailyRank: index + 1 } : paper;
}
