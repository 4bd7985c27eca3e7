/** The current paper: title, authors, upvotes, rank, comments, ★, hop links. */
import { compactNumber, plural, timeAgo } from '../../shared/format';
import type { ArxivId, PaperLookup } from '../../shared/types';
import { safeHref } from '../../shared/safe-href';
import { SaveToggle } from './save-toggle';
import { useState } from 'preact/hooks';
import { useZoteroMarks } from './use-zotero';
import { ZoteroActions, ZoteroMark } from './zotero-actions';

export function PaperCard({ paper: arxiv, lookup }: { paper: ArxivId; lookup: PaperLookup }) {
  const id = arxiv.id;
  const [saves, setSaves] = useState(0);
  const marks = useZoteroMarks([id], saves);
  const found = lookup.state === 'found' ? lookup.paper : undefined;
  const code = safeHref(found?.githubRepo);
  const project = safeHref(found?.projectPage);
  const hops: [string, string | undefined][] = [
    ['Abstract', `https://arxiv.org/abs/${id}`],
    ['PDF', `https://arxiv.org/pdf/${id}`],
    ['HTML', hasArxivHtml(arxiv) ? `https://arxiv.org/html/${id}` : undefined],
    ['HF', found ? `https://huggingface.co/papers/${id}` : undefined],
    ['alphaXiv', `https://www.alphaxiv.org/abs/${id}`],
    ['Code', code],
    ['Project', project],
  ];
  return (
    <section class="card" data-testid="paper-card" data-arxiv-id={id} data-state={lookup.state} aria-labelledby="current-title">
      <h3 id="current-title">
        {found ? <a href={`https://huggingface.co/papers/${id}`} target="_blank" rel="noopener noreferrer">{found.title}</a> : `arXiv:${id}`}
      </h3>
      {found && <p class="authors">{authorLine(found.authors)}</p>}
      <ZoteroMark id={id} marks={marks} />
      {found && (
        <ul class="stats" aria-label="Hugging Face signal">
          <li class="stat up" data-testid="upvotes">▲ {found.upvotes} upvotes</li>
          {found.dailyRank && found.dailyDate && <li class="stat">#{found.dailyRank} on {found.dailyDate}</li>}
          {found.numComments ? <li class="stat">{plural(found.numComments, 'comment')}</li> : null}
          {found.githubStars !== undefined && <li class="stat">★ {compactNumber(found.githubStars)}</li>}
        </ul>
      )}
      {found?.aiSummary && <p class="summary">{found.aiSummary}</p>}
      {lookup.state === 'not-on-hf' && <p class="explain">Not on Hugging Face Papers (checked {timeAgo(lookup.checkedAt)}).</p>}
      {lookup.state === 'old-style' && <p class="explain">Hugging Face Papers indexes only new-style arXiv ids (since 2007).</p>}
      {lookup.state === 'error' && <p class="explain state error" role="alert">Couldn't reach Hugging Face: {lookup.message}</p>}
      <SaveToggle id={id} />
      <ZoteroActions id={id} onSaved={() => setSaves((n) => n + 1)} />
      <ul class="hops" aria-label="Open this paper elsewhere">
        {hops.filter(([, href]) => href).map(([label, href]) => (
          <li key={label}><a href={href} target="_blank" rel="noopener noreferrer">{label}</a></li>
        ))}
      </ul>
      {found && <p class="explain" style="margin:8px 0 0">Daily Papers data as of {timeAgo(found.fetchedAt)}{lookup.state === 'found' && lookup.stale ? ' (refreshing)' : ''}</p>}
    </section>
  );
}

export function authorLine(authors: string[]): string {
  return authors.length > 4 ? `${authors.slice(0, 3).join(', ')} et al. (${authors.length} authors)` : authors.join(', ');
}

/** arXiv renders HTML only for papers submitted from about December 2023 on (arxiv-pages.md §2). */
const hasArxivHtml = (arxiv: ArxivId): boolean => arxiv.style === 'new' && arxiv.id.slice(0, 4) >= '2312';
