/**
 * Hugging Face's side of the watch, pure: what one observation of a saved paper says (a cached record from the
 * replica, a `papers/{id}` answer, or its 404), and what changed since the last one: an HF page appeared, code was
 * released (`githubRepo` set), linked models / datasets / Spaces grew, comments grew, an upvote milestone was passed.
 * Counts that only `papers/{id}` carries (linked repos) are kept from the last answer when a list record lacks them,
 * and never diffed against "unknown": a first sight is the baseline, as on arXiv's side.
 */
import type { PaperRecord } from '../../shared/types';
import type { ChangeKind, HfWatched, WatchChange } from '../../shared/watch-types';

/** Upvote counts worth telling (HF's day lists top out around 250). */
export const UPVOTE_MILESTONES = [10, 25, 50, 100, 250, 500, 1000] as const;

/** One observation: the record HF gave (list or detail), or `undefined` for a 404 ("not on HF Papers"). */
export function observe(record: PaperRecord | undefined, previous: HfWatched | undefined, id: string, at: number): HfWatched {
  const next: HfWatched = { id, onHf: record !== undefined, seenAt: at };
  if (previous?.requestedAt !== undefined) next.requestedAt = previous.requestedAt;
  if (!record) return next;
  next.githubRepo = record.githubRepo ?? previous?.githubRepo;
  next.upvotes = record.upvotes;
  next.numComments = record.numComments ?? previous?.numComments;
  // Lists don't carry the linked repos: a record without detail keeps what the last `papers/{id}` said.
  const detail = record.detailFetchedAt !== undefined;
  next.numModels = (detail ? record.numModels : undefined) ?? previous?.numModels;
  next.numDatasets = (detail ? record.numDatasets : undefined) ?? previous?.numDatasets;
  next.numSpaces = (detail ? record.numSpaces : undefined) ?? previous?.numSpaces;
  for (const key of Object.keys(next) as (keyof HfWatched)[]) if (next[key] === undefined) delete next[key];
  return next;
}

/** "https://github.com/owner/repo" → "github.com/owner/repo": the line says where, the link goes there. */
export const shortRepo = (url: string): string => url.replace(/^https?:\/\/(?:www\.)?/, '').replace(/\/+$/, '');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The highest milestone passed going from `from` to `to`, if any. */
export function milestonePassed(from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined || to <= from) return undefined;
  return [...UPVOTE_MILESTONES].reverse().find((m) => from < m && to >= m);
}

/** Changes between two observations of one paper; `title` is the reading list's. */
export function diffHf(previous: HfWatched | undefined, next: HfWatched, title: string, now: number): WatchChange[] {
  if (!previous) return [];
  const out: WatchChange[] = [];
  const add = (kind: ChangeKind, from: string | undefined, to: string) =>
    out.push({ key: `${next.id}:${kind}:${now}`, paperId: next.id, title, kind, from, to, at: now, seen: false });
  if (!previous.onHf && next.onHf) add('hf-page', 'not on HF Papers', 'has a Hugging Face page');
  if (!previous.githubRepo && next.githubRepo) add('code', undefined, next.githubRepo);
  const grew = (kind: ChangeKind, word: string, a: number | undefined, b: number | undefined) => {
    if (a !== undefined && b !== undefined && b > a) add(kind, plural(a, word), plural(b, word));
  };
  grew('models', 'model', previous.numModels, next.numModels);
  grew('datasets', 'dataset', previous.numDatasets, next.numDatasets);
  grew('spaces', 'Space', previous.numSpaces, next.numSpaces);
  grew('comments', 'comment', previous.numComments, next.numComments);
  const milestone = milestonePassed(previous.upvotes, next.upvotes);
  if (milestone !== undefined) add('upvotes', `▲ ${previous.upvotes}`, `▲ ${next.upvotes} (passed ${milestone})`);
  return out;
}
