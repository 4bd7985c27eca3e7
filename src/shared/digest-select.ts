/**
 * What the local digest picks (pure): today's Daily Papers by upvotes, interleaved with HF Trending (two daily
 * picks, then one trending), restricted to the user's topics when there are any, minus papers an earlier digest
 * already sent. Each pick says why it was picked.
 */
import type { DigestPick, PaperRecord } from './types';

export interface DigestOptions {
  count: number;
  /** Any keyword (a word or phrase, matched on word boundaries in title, abstract and ai_keywords) … */
  keywords: readonly string[];
  /** … or any author (case-insensitive substring of an author name) makes a paper match. None = all match. */
  authors: readonly string[];
  includeTrending: boolean;
  /** Ids sent by earlier digests. */
  alreadySent: ReadonlySet<string>;
}

const clean = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()).filter(Boolean))];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The topics a paper matches, in the user's words ("diffusion", "author Jane Doe"). */
export function topicMatches(paper: PaperRecord, keywords: readonly string[], authors: readonly string[]): string[] {
  const text = [paper.title, paper.summary, ...(paper.aiKeywords ?? [])].join(' \n ').toLowerCase();
  // Singular and plural alike: "agents" matches "agent" and "agents".
  const stem = (k: string) => (/[^s]s$/.test(k) ? k.slice(0, -1) : k);
  const hits = clean(keywords).filter((k) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${escape(stem(k))}(?:s|es)?(?![\\p{L}\\p{N}])`, 'u').test(text)).map((k) => `“${k}”`);
  for (const a of clean(authors)) {
    const name = paper.authors.find((n) => n.toLowerCase().includes(a));
    if (name) hits.push(`author ${name}`);
  }
  return hits;
}

export function selectDigest(daily: readonly PaperRecord[], trending: readonly PaperRecord[], options: DigestOptions): DigestPick[] {
  const filtered = clean(options.keywords).length + clean(options.authors).length > 0;
  const candidates = (papers: readonly PaperRecord[], source: DigestPick['source']) => papers.flatMap((paper, i) => {
    if (options.alreadySent.has(paper.id)) return [];
    const topics = filtered ? topicMatches(paper, options.keywords, options.authors) : [];
    if (filtered && topics.length === 0) return [];
    const place = source === 'daily' ? `#${paper.dailyRank ?? i + 1} on Daily Papers${paper.dailyDate ? ` ${paper.dailyDate}` : ''}, ▲ ${paper.upvotes}` : `#${i + 1} on HF Trending (GitHub activity), ▲ ${paper.upvotes}`;
    const why = topics.length ? `Matches ${topics.join(', ')} · ${place}` : place;
    return [{ id: paper.id, title: paper.title, upvotes: paper.upvotes, why, source } satisfies DigestPick];
  });
  const fromDaily = candidates([...daily].sort((a, b) => b.upvotes - a.upvotes), 'daily');
  const fromTrending = options.includeTrending ? candidates(trending, 'trending') : [];
  const picks: DigestPick[] = [];
  const taken = new Set<string>();
  const take = (pick: DigestPick | undefined) => {
    if (!pick || taken.has(pick.id) || picks.length >= options.count) return;
    taken.add(pick.id);
    picks.push(pick);
  };
  let d = 0;
  let t = 0;
  while (picks.length < options.count && (d < fromDaily.length || t < fromTrending.length)) {
    take(fromDaily[d++]);
    take(fromDaily[d++]);
    take(fromTrending[t++]);
  }
  return picks;
}
