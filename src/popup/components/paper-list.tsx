/** A list of papers by upvotes (today's Daily Papers; later the trending tabs). */
import { compactNumber, plural } from '../../shared/format';
import type { PaperRecord } from '../../shared/types';
import { authorLine } from './paper-card';

export function PaperList({ papers, label }: { papers: PaperRecord[]; label: string }) {
  return (
    <ol class="papers" data-testid="list" aria-label={label}>
      {papers.map((paper) => (
        <li key={paper.id} data-arxiv-id={paper.id} data-upvotes={paper.upvotes}>
          <span class="votes" aria-label={`${paper.upvotes} upvotes`}>▲ {paper.upvotes}</span>
          <a class="ptitle" href={`https://huggingface.co/papers/${paper.id}`} target="_blank" rel="noopener noreferrer">{paper.title}</a>
          <span class="pmeta">
            {authorLine(paper.authors)}
            {paper.numComments ? ` · ${plural(paper.numComments, 'comment')}` : ''}
            {paper.githubStars !== undefined ? ` · ★ ${compactNumber(paper.githubStars)}` : ''}
            {' · '}<a href={`https://arxiv.org/abs/${paper.id}`} target="_blank" rel="noopener noreferrer" aria-label={`arXiv abstract of ${paper.title}`}>arXiv</a>
          </span>
        </li>
      ))}
    </ol>
  );
}
