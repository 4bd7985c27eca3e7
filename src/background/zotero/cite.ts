/**
 * "Copy citation" and "Copy BibTeX" for one paper. The plain-text citation is citeproc-js (the CSL processor
 * Zotero itself uses) with the APA style and en-US locale that @citation-js/plugin-csl ships, run in the worker so
 * neither the content script nor the popup carries citeproc's weight.
 */
import CSL from 'citeproc';
import { apa } from '@citation-js/plugin-csl/lib/styles.json';
import locales from '@citation-js/plugin-csl/lib/locales.json';
import { toCslItem, type CitablePaper, type CslItem } from '../../shared/citation';
import { toBibtex } from '../../shared/export';
import type { CitationFormat } from '../../shared/zotero';

/** The item being cited: citeproc asks for it by id through `retrieveItem`. */
let current: CslItem | undefined;
let engine: InstanceType<typeof CSL.Engine> | undefined;

/**
 * Building an engine compiles the whole APA style (hundreds of ms, seconds on a busy machine); citing with it
 * takes milliseconds. So one engine for the worker's lifetime, made on the first citation.
 */
function apaEngine(): InstanceType<typeof CSL.Engine> {
  engine ??= new CSL.Engine({
    // APA's terms in English, whatever the browser's language (the JSON holds five locales; a JSON key with a dash
    // can't be imported by name in both esbuild and vitest, so the whole file is bundled: ~90 KB of strings).
    retrieveLocale: () => locales['en-US'],
    retrieveItem: () => current,
  }, apa, 'en-US');
  engine.setOutputFormat('text');
  return engine;
}

export function plainCitation(paper: CitablePaper): string {
  const item = toCslItem(paper);
  current = item;
  const engine = apaEngine();
  engine.updateItems([item.id]);
  const [, entries] = engine.makeBibliography();
  return entries.join('').trim();
}

export function citation(paper: CitablePaper, format: CitationFormat): string {
  return format === 'bibtex' ? toBibtex([paper]) : plainCitation(paper);
}
