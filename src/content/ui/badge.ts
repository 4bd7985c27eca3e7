/** The abs/html page badge, built from a PaperLookup. Text only: API strings never become markup. */
import { compactNumber, gainDefinition, timeAgo } from '../../shared/format';
import type { PaperLookup, PaperRecord } from '../../shared/types';
import { h, icon, icons, safeHref } from './dom';
import { t } from '../../shared/i18n';

const hfPaperUrl = (id: string) => `https://huggingface.co/papers/${encodeURIComponent(id)}`;

export function renderLoading(): HTMLElement {
  return h('span', { class: 'badge loading', 'aria-busy': 'true' },
    h('span', { class: 'pill' }, h('span', { class: 'brand' }, 'HF'), h('span', { class: 'up' }, '▲ …')));
}

export function renderBadge(lookup: PaperLookup, id: string, options = { showNotOnHf: true }): HTMLElement | undefined {
  switch (lookup.state) {
    case 'found':
      return foundBadge(lookup.paper, lookup.unsaved, lookup.gain24);
    case 'not-on-hf':
      return options.showNotOnHf
        ? h('span', { class: 'badge', title: lookup.unchecked ? t('badgeNotAsked', 'Privacy mode: Hugging Face was not asked about this paper') : `Checked ${timeAgo(lookup.checkedAt)}` },
          h('span', { class: 'muted' }, lookup.unchecked ? t('badgeNotInLists', 'not in the cached HF lists (privacy mode)') : t('badgeNotOnHf', 'not on HF Papers')))
        : undefined;
    case 'error':
      return h('span', { class: 'badge', title: lookup.message, role: 'status' }, h('span', { class: 'muted' }, t('badgeUnavailable', 'HF Papers unavailable — try again later')));
    case 'old-style':
      return undefined; // HF indexes new-style ids only: nothing to say, nothing to ask
  }
}

function describe(paper: PaperRecord, gain?: number): string {
  const parts = [`${paper.upvotes} upvotes on Hugging Face Daily Papers`];
  if (gain) parts.push(gainDefinition(gain));
  if (paper.dailyRank && paper.dailyDate) parts.push(`rank ${paper.dailyRank} on ${paper.dailyDate}`);
  if (paper.numComments) parts.push(`${paper.numComments} comments`);
  return `${parts.join(', ')}. Open on Hugging Face`;
}

function foundBadge(paper: PaperRecord, unsaved?: boolean, gain?: number): HTMLElement {
  const code = safeHref(paper.githubRepo);
  const badge = h('div', { class: 'badge' },
    // The accessible name is the visible text plus screen-reader-only words (WCAG 2.5.3: the label contains what is seen),
    // so a voice-control user can say what they see; the full sentence is the title.
    h('a', { class: 'pill', href: hfPaperUrl(paper.id), target: '_blank', rel: 'noopener noreferrer', title: describe(paper, gain), 'aria-describedby': 'pp-card' },
      h('span', { class: 'brand' }, 'HF'),
      h('span', { class: 'up' }, h('span', { 'aria-hidden': 'true' }, '▲ '), String(paper.upvotes), h('span', { class: 'sr' }, ' upvotes')),
      gain ? h('span', { class: 'gain', 'data-gain': gain }, `+${gain}`, h('span', { class: 'sr' }, ' in the last 24 h')) : undefined,
      paper.dailyRank && paper.dailyDate ? h('span', { class: 'meta' }, `#${paper.dailyRank} on ${paper.dailyDate}`) : undefined,
      paper.numComments ? h('span', { class: 'meta' }, icon(icons.comment), ` ${paper.numComments}`, h('span', { class: 'sr' }, ' comments')) : undefined),
    code
      ? h('a', { class: 'extra', href: code, target: '_blank', rel: 'noopener noreferrer', 'aria-label': `Code on GitHub${paper.githubStars !== undefined ? `, ${paper.githubStars} stars` : ''}` },
        icon(icons.star), paper.githubStars !== undefined ? ` ${compactNumber(paper.githubStars)}` : ' code')
      : undefined,
    card(paper, unsaved, gain));
  // Escape closes the card without moving focus (WCAG 1.4.13: dismissible on hover/focus content).
  badge.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') badge.classList.add('dismissed');
  });
  badge.addEventListener('focusout', () => badge.classList.remove('dismissed'));
  badge.addEventListener('mouseleave', () => badge.classList.remove('dismissed'));
  return badge;
}

function card(paper: PaperRecord, unsaved?: boolean, gain?: number): HTMLElement {
  const linked = [
    paper.numModels ? `${paper.numModels} models` : '',
    paper.numDatasets ? `${paper.numDatasets} datasets` : '',
    paper.numSpaces ? `${paper.numSpaces} Spaces` : '',
  ].filter(Boolean);
  const project = safeHref(paper.projectPage);
  return h('div', { class: 'card', id: 'pp-card', role: 'tooltip' },
    paper.aiSummary ? h('p', {}, paper.aiSummary) : undefined,
    gain ? h('p', { class: 'linked' }, gainDefinition(gain)) : undefined,
    linked.length ? h('p', { class: 'linked' }, `Linked on HF: ${linked.join(' · ')}`) : undefined,
    hopRow(paper.id, safeHref(paper.githubRepo), project),
    h('p', { class: 'age' }, `Daily Papers upvotes as of ${timeAgo(paper.fetchedAt)}${unsaved ? t('badgeNotSaved', ' (not saved: browser storage unavailable)') : ''}`));
}

/** product.md §1.1's hop row; arXiv's own PDF/HTML links are already on the page, so: HF, alphaXiv, code, project. */
function hopRow(id: string, code: string | undefined, project: string | undefined): HTMLElement {
  const hops: [string, string | undefined][] = [
    ['HF paper', hfPaperUrl(id)],
    ['alphaXiv', `https://www.alphaxiv.org/abs/${encodeURIComponent(id)}`],
    ['Code', code],
    ['Project page', project],
  ];
  const links = hops.filter((hop): hop is [string, string] => hop[1] !== undefined)
    .flatMap(([label, href], i) => [i ? ' · ' : '', h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label)]);
  return h('p', { class: 'linked hops' }, ...links);
}
