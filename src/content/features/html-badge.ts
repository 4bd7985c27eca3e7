/**
 * The badge on arXiv's HTML (LaTeXML) view, under `h1.ltx_title_document`. An HTML page is ONE paper, so like the
 * abs badge it may cost one `papers/{id}` request when the cache has nothing. The id comes from the URL, or from
 * `#watermark-tr` ("arXiv:2609.01222v2 [cs.CR] 02 Sep 2026") when the URL names none.
 *
 * Test URLs: https://arxiv.org/html/2609.01222v2  https://arxiv.org/html/2609.01222v2/  https://arxiv.org/html/2609.01222
 */
import { parseArxivId } from '../../shared/arxiv';
import { takeLookup } from '../early-lookup';
import type { DetectedPage } from '../../shared/types';
import { defineFeature, removeOnAbort } from '../feature';
import { renderBadge, renderLoading } from '../ui/badge';
import { createHost, replaceContent } from '../ui/shadow-host';
import { keepInTitleColumn } from '../ui/title-column';
import { HTML_TITLE } from '../selectors';

export function htmlPaperId(page: DetectedPage, doc: Document = document): string | undefined {
  if (page.paper) return page.paper.id;
  const stamp = /arXiv:(\S+)/.exec(doc.getElementById('watermark-tr')?.textContent ?? '')?.[1];
  return stamp ? parseArxivId(stamp)?.id : undefined;
}

export const htmlBadge = defineFeature({
  id: 'html-badge',
  include: ['html'],
  async init({ page, signal }) {
    const id = htmlPaperId(page);
    const title = document.querySelector(HTML_TITLE);
    if (!id || !title) return;
    const { settings: settingsRead, lookup: lookupDone } = takeLookup(id);
    const settings = await settingsRead;
    if (!settings.absBadge || signal.aborted) return;
    const { host, root } = createHost('badge', id, 'div');
    replaceContent(root, renderLoading());
    title.after(host);
    keepInTitleColumn(host, title, signal);
    removeOnAbort(host, signal);
    followPageTheme(host, signal);

    const lookup = await lookupDone;
    if (!lookup || signal.aborted) return;
    if (lookup.state === 'found') host.dataset.upvotes = String(lookup.paper.upvotes);
    host.dataset.state = lookup.state;
    const badge = renderBadge(lookup, id, { showNotOnHf: settings.showNotOnHf });
    if (badge) replaceContent(root, badge);
    else host.remove();
  },
});

/**
 * arXiv's HTML view has its own light/dark switch (`html[data-theme]`, button.color-tog). The host mirrors it, so the
 * badge's `:host([data-theme="dark"])` colours follow — Firefox has no `:host-context()`. Scoped to one attribute.
 */
function followPageTheme(host: HTMLElement, signal: AbortSignal): void {
  const root = document.documentElement;
  const sync = () => {
    if (root.dataset.theme) host.dataset.theme = root.dataset.theme;
    else delete host.dataset.theme;
  };
  sync();
  const observer = new MutationObserver(sync);
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
