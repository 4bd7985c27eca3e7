/** The `▲ n` chip of a listing/search entry: a shadow host carrying the automation attributes, a link to HF inside. */
import type { BulkPaper } from '../../shared/types';
import { h } from './dom';
import { createHost } from './shadow-host';

export function renderChip(id: string, paper: BulkPaper): HTMLElement {
  const { host, root } = createHost('chip', id);
  host.dataset.upvotes = String(paper.upvotes);
  const label = `${paper.upvotes} upvotes on Hugging Face Daily Papers${paper.dailyDate ? ` (featured ${paper.dailyDate})` : ''}`;
  root.appendChild(h('a', {
    class: 'chip',
    href: `https://huggingface.co/papers/${encodeURIComponent(id)}`,
    target: '_blank',
    rel: 'noopener noreferrer',
    title: label,
    'aria-label': label,
  }, `▲ ${paper.upvotes}`));
  return host;
}
