/** A list of papers: the trending tabs (by upvotes or HF's trending order), related papers (with a "why") and search results. */
import { compactNumber, gainDefinition, plural } from '../../shared/format';
import { useSavedIds } from '../use-saved-ids';
import { ListSave } from './list-save';
import { authorLine } from './paper-card';

export interface ListItem {
  id: string;
  title: string;
  upvotes: number;
  authors?: string[];
  numComments?: number;
  githubStars?: number;
  /** Upvotes gained over about the last day (replica history), shown as `+38` with its definition. */
  gain?: number;
  /** The Daily Papers day (search results). */
  date?: string;
  /** One line saying why the paper is listed (related papers). */
  why?: string;
  source?: string;
}

/** `fresh`: ids to mark "New" (not on this list the last time it was opened, use-visit.ts). */
export function PaperList({ papers, label, testId = 'list', fresh }: { papers: ListItem[]; label: string; testId?: string; fresh?: ReadonlySet<string> }) {
  const saved = useSavedIds();
  return (
    <ol class="papers" data-testid={testId} aria-label={label}>
      {papers.map((paper) => (
        <li key={paper.id} data-arxiv-id={paper.id} data-upvotes={paper.upvotes} data-source={paper.source} data-new={fresh?.has(paper.id) || undefined}>
          <span class="votes">
            <span aria-label={`${paper.upvotes} upvotes`}>▲ {paper.upvotes}</span>
            {paper.gain ? <span class="gain" data-testid="gain" title={gainDefinition(paper.gain)} aria-label={gainDefinition(paper.gain)}>+{paper.gain}</span> : null}
            {fresh?.has(paper.id) && <span class="new-mark" title="New since you last opened this list">New</span>}
          </span>
          <a class="ptitle" href={`https://huggingface.co/papers/${paper.id}`} target="_blank" rel="noopener noreferrer">{paper.title}</a>
          <ListSave id={paper.id} title={paper.title} saved={saved} />
          {paper.why && <span class="why" data-testid="why">{paper.why}</span>}
          <span class="pmeta">
            {paper.authors?.length ? authorLine(paper.authors) : `arXiv:${paper.id}`}
            {paper.date ? ` · ${paper.date}` : ''}
            {paper.numComments ? ` · ${plural(paper.numComments, 'comment')}` : ''}
            {paper.githubStars !== undefined ? ` · ★ ${compactNumber(paper.githubStars)} on GitHub` : ''}
            {' · '}<a href={`https://arxiv.org/abs/${paper.id}`} target="_blank" rel="noopener noreferrer" aria-label={`arXiv abstract of ${paper.title}`}>arXiv</a>
          </span>
        </li>
      ))}
    </ol>
  );
}
