/** The `▲ n` chip of a listing/search entry: a shadow host carrying the automation attributes, a link to HF inside. */
import type { BulkPaper } from '../../shared/types';
import { gainDefinition } from '../../shared/format';
import { h } from './dom';
import { cloneHost, createHost } from './shadow-host';

/** The host every chip is cloned from; null where shadow roots don't clone (then each chip is built). */
let template: HTMLElement | undefined | null;
const chipLink = () => h('a', { class: 'chip', target: '_blank', rel: 'noopener noreferrer' }, '');

/** Up to 2,000 per page: each is a clone of one template host (root and link included), so the per-chip work is a few property writes. */
export function renderChip(id: string, paper: BulkPaper): HTMLElement {
  if (template === undefined) {
    const made = createHost('chip', '', 'span', true);
    made.root.appendChild(chipLink());
    template = made.host;
  }
  const cloned = template ? cloneHost(template, id) : undefined;
  if (!cloned) template = null; // no deep clone thrown away per chip
  const { host, root } = cloned ?? createHost('chip', id);
  // A clone's link is its root's last child (after a fallback `<style>`, if any); a host made afresh gets its own.
  const link = cloned ? (root.lastChild as HTMLAnchorElement) : root.appendChild(chipLink());
  // Attributes, not `dataset` or `href`: up to 2,000 times while the page parses, and those setters do more (a named
  // property map, a URL parse).
  host.setAttribute('data-upvotes', String(paper.upvotes));
  const gain = paper.gain24 ? `; ${gainDefinition(paper.gain24)}` : '';
  const label = `${paper.upvotes} upvotes on Hugging Face Daily Papers${paper.dailyDate ? ` (featured ${paper.dailyDate})` : ''}${gain}`;
  link.setAttribute('href', `https://huggingface.co/papers/${encodeURIComponent(id)}`);
  link.setAttribute('title', label);
  link.setAttribute('aria-label', label);
  link.textContent = paper.gain24 ? `▲ ${paper.upvotes} +${paper.gain24}` : `▲ ${paper.upvotes}`;
  return host;
}
