/**
 * The badge under the title of an abstract page: ▲ upvotes, day rank, comments, GitHub ★, linking to
 * the HF paper page; a card with the AI summary, linked repos and data age on hover/focus.
 *
 * Test URLs: https://arxiv.org/abs/2101.04792v2  https://arxiv.org/abs/2608.19880  https://arxiv.org/abs/hep-th/9901001
 */
import { sendMessage } from '../../shared/messages';
import { defineFeature, removeOnAbort } from '../feature';
import { renderBadge, renderLoading } from '../ui/badge';
import { createHost, replaceContent } from '../ui/shadow-host';
import { absTitle } from '../selectors';
import { getSettings } from '../../shared/settings';

export const absBadge = defineFeature({
  id: 'abs-badge',
  include: ['abs'],
  async init({ page, signal }) {
    const paper = page.paper;
    const title = absTitle();
    if (!paper || !title) return;
    // Options apply live: content/live-settings.ts re-runs this feature when they change. Off: nothing is asked.
    const settings = await getSettings();
    if (signal.aborted || !settings.absBadge) return;
    const { host, root } = createHost('badge', paper.id, 'div');
    replaceContent(root, renderLoading());
    // After the h1, never inside it: MathJax re-typesets `.mathjax` elements after load.
    title.after(host);
    removeOnAbort(host, signal);

    const lookup = await sendMessage('getPaper', paper.id).catch((error: unknown) => ({ state: 'error', message: String(error) }) as const);
    if (signal.aborted) return;
    if (lookup.state === 'found') host.dataset.upvotes = String(lookup.paper.upvotes);
    host.dataset.state = lookup.state;
    const badge = renderBadge(lookup, paper.id, { showNotOnHf: settings.showNotOnHf });
    if (badge) replaceContent(root, badge);
    else host.remove(); // user turned the "not on HF" mark off, or an old-style id
  },
});
