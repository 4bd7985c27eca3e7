/**
 * Stored state → changes: compares what arXiv answers now with what the watch saw last time (pure).
 * Journal refs and DOIs are added without a new version (../shared/docs/arxiv-api.md §4), so they are diffed on
 * their own; a new version whose comment speaks of a withdrawal is a withdrawal, the comment shown as arXiv wrote it.
 */
import type { ChangeKind, WatchChange, WatchedPaper } from '../../shared/watch-types';
import type { ArxivRecord } from './atom';

const norm = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
/** DOIs as arXiv wrote them, one per case-insensitive value (DOIs are case-insensitive). */
const doiSet = (dois: readonly string[]): string[] =>
  [...new Map(dois.map((d) => [norm(d).toLowerCase(), norm(d)] as const)).values()].sort((a, b) => a.localeCompare(b));

export function stateFrom(record: ArxivRecord, previous: WatchedPaper | undefined, now: number): WatchedPaper {
  const withdrawn = previous?.withdrawn === true && previous.version === record.version
    ? true
    : record.version > (previous?.version ?? record.version) && /withdrawn?/i.test(record.comment ?? '');
  return {
    id: record.id,
    savedVersion: previous?.savedVersion ?? record.version,
    version: record.version,
    title: norm(record.title),
    journalRef: norm(record.journalRef) || undefined,
    dois: doiSet(record.dois),
    comment: norm(record.comment) || undefined,
    withdrawn,
    checkedAt: now,
  };
}

/** What changed between the stored paper and the new state. A paper seen for the first time has no changes. */
export function diffPaper(previous: WatchedPaper | undefined, next: WatchedPaper, now: number): WatchChange[] {
  if (!previous) return [];
  const out: WatchChange[] = [];
  const add = (kind: ChangeKind, from: string | undefined, to: string) =>
    out.push({ key: `${next.id}:${kind}:${now}`, paperId: next.id, title: next.title || previous.title, kind, from, to, at: now, seen: false });
  if (next.version > previous.version) {
    if (next.withdrawn) add('withdrawn', `v${previous.version}`, `v${next.version}${next.comment ? `: ${next.comment}` : ''}`);
    else add('version', `v${previous.version}`, `v${next.version}`);
  }
  if (next.journalRef && next.journalRef !== previous.journalRef) add('journal', previous.journalRef, next.journalRef);
  const before = new Set(previous.dois.map((d) => d.toLowerCase()));
  const added = next.dois.filter((d) => !before.has(d.toLowerCase()));
  if (added.length) add('doi', previous.dois.join(', ') || undefined, next.dois.join(', '));
  if (next.title && previous.title && next.title !== previous.title) add('title', previous.title, next.title);
  return out;
}
