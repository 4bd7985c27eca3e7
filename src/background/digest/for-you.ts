/**
 * The "For you" digest mode in the worker: this week's Daily Papers (today's list and the week's, as cached) ranked
 * against the reading list by shared/for-you.ts, over the related engine's index (its idf and word forms). Topics
 * (keywords / authors) still narrow the candidates. An empty reading list has nothing to go by: the caller falls
 * back to the top of the day.
 */
import { rankForYou, type SavedPaper } from '../../shared/for-you';
import { topicMatches } from '../../shared/digest-select';
import type { Settings } from '../../shared/settings';
import type { DigestPick, PaperRecord } from '../../shared/types';
import { relatedView } from '../../shared/text-index';
import { getPapers } from '../db';
import { listEntries } from '../reading-list/entries';
import { textIndex } from '../search/index-store';

export async function forYouPicks(candidates: readonly PaperRecord[], settings: Settings, alreadySent: ReadonlySet<string>, now: number): Promise<DigestPick[] | undefined> {
  const entries = await listEntries();
  if (entries.length === 0) return undefined;
  const cached = await getPapers(entries.map((e) => e.id));
  const saved: SavedPaper[] = entries.map((e, i) => ({
    id: e.id, title: e.title, summary: e.abstract || cached[i]?.summary || '', aiKeywords: cached[i]?.aiKeywords,
    addedAt: e.addedAt, read: e.status === 'read',
  }));
  const topics = settings.digestKeywords.length + settings.digestAuthors.length > 0;
  const unique = [...new Map(candidates.map((p) => [p.id, p])).values()].filter((p) => !alreadySent.has(p.id));
  const pool = topics ? unique.filter((p) => topicMatches(p, settings.digestKeywords, settings.digestAuthors).length) : unique;
  const byId = new Map(pool.map((p) => [p.id, p]));
  const index = relatedView(await textIndex());
  const count = Math.max(1, Math.min(20, settings.digestCount));
  return rankForYou(index, pool.map((p) => ({ id: p.id, title: p.title, summary: p.summary, aiKeywords: p.aiKeywords, upvotes: p.upvotes })), saved, { count, now })
    .map((pick) => {
      const paper = byId.get(pick.id)!;
      const matched = topics ? topicMatches(paper, settings.digestKeywords, settings.digestAuthors) : [];
      return { id: paper.id, title: paper.title, upvotes: paper.upvotes, why: matched.length ? `${pick.why} · matches ${matched.join(', ')}` : pick.why, source: pick.kind === 'for-you' ? 'for-you' : 'daily' };
    });
}
