/**
 * The badge on arXiv's HTML (LaTeXML) view, under `h1.ltx_title_document`. An HTML page is ONE paper, so like the
 * abs badge it may cost one `papers/{id}` request when the cache has nothing. The id comes from the URL, or from
 * `#watermark-tr` ("arXiv:2609.01222v2 [cs.CR] 02 Sep 2026") when the URL names none.
 *
 * Test URLs: https://arxiv.org/html/2609.01222v2  https://arxiv.org/html/2609.01222v2/  https://arxiv.org/html/2609.01222
 */
import { parseArxivId } from '../../shared/arxiv';
import { prepareFromAnswers, takeLookup, type Prepared } from '../early-lookup';
import type { DetectedPage, PaperLookup } from '../../shared/types';
import type { PageSettings } from '../../shared/page-settings';
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

/** The lookup's answer on the host (automation attributes) and in it; false when there is no badge to show. */
function settle(host: HTMLElement, id: string, lookup: PaperLookup, settings: PageSettings): boolean {
  if (lookup.state === 'found') host.dataset.upvotes = String(lookup.paper.upvotes);
  host.dataset.state = lookup.state;
  const badge = renderBadge(lookup, id, { showNotOnHf: settings.showNotOnHf });
  if (badge) replaceContent(host.shadowRoot!, badge);
  return Boolean(badge);
}

let prepared: Prepared<HTMLElement> | undefined;

export const htmlBadge = defineFeature({
  id: 'html-badge',
  include: ['html'],
  prepare(page) {
    if (!page.paper) return; // the id is on the page (#watermark-tr), read once that is parsed
    const { id } = page.paper;
    prepared = prepareFromAnswers(id, HTML_TITLE, (settings, lookup) => {
      if (!lookup) return undefined; // badge turned off
      const { host } = createHost('badge', id, 'div');
      return settle(host, id, lookup, settings) ? host : undefined;
    });
  },
  async init({ page, signal }) {
    const id = htmlPaperId(page);
    const title = document.querySelector(HTML_TITLE);
    const ready = prepared?.take(id);
    if (!id || !title) return;
    const { settings: settingsRead, lookup: lookupDone } = takeLookup(id);
    const settings = ready ? undefined : await settingsRead;
    if ((settings && !settings.absBadge) || signal.aborted) return;
    const host = ready ?? createHost('badge', id, 'div').host;
    if (!ready) replaceContent(host.shadowRoot!, renderLoading());
    title.after(host);
    keepInTitleColumn(host, title, signal);
    removeOnAbort(host, signal);
    followPageTheme(host, signal);
    if (!settings) return; // prepared: already complete

    const lookup = await lookupDone;
    if (lookup && !signal.aborted && !settle(host, id, lookup, settings)) host.remove();
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
