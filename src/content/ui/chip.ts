/** The `▲ n` chip of a listing/search entry: a shadow host carrying the automation attributes, a link to HF inside. */
import type { BulkPaper } from '../../shared/types';
import { gainDefinition } from '../../shared/format';
import { h } from './dom';
import { createHost } from './shadow-host';

let template: HTMLAnchorElement | undefined;

/** Up to 2,000 per page: each is a clone of one template link, so the per-chip work is a few property writes. */
export function renderChip(id: string, paper: BulkPaper): HTMLElement {
  const { host, root } = createHost('chip', id);
  host.dataset.upvotes = String(paper.upvotes);
  template ??= h('a', { class: 'chip', target: '_blank', rel: 'noopener noreferrer' }, '');
  const link = template.cloneNode(true) as HTMLAnchorElement;
  const gain = paper.gain24 ? `; ${gainDefinition(paper.gain24)}` : '';
  const label = `${paper.upvotes} upvotes on Hugging Face Daily Papers${paper.dailyDate ? ` (featured ${paper.dailyDate})` : ''}${gain}`;
  link.href = `https://huggingface.co/papers/${encodeURIComponent(id)}`;
  link.title = label;
  link.setAttribute('aria-label', label);
  link.textContent = paper.gain24 ? `▲ ${paper.upvotes} +${paper.gain24}` : `▲ ${paper.upvotes}`;
  root.appendChild(link);
  return host;
}
