/** The Zotero part of the protocol (spread into handlers.ts): saving, the selected collection, marks, citations. */
import browser from 'webextension-polyfill';
import type { Handlers } from '../../shared/messages';
import { citablePaper } from './papers';
import { citation } from './cite';
import { hasZoteroPermission } from './connector';
import { addMarks, zoteroMarks } from './marks';
import { asProblem, connect, saveToZotero } from './session';

/** A bulk send is one paper after another; more than this at once is a mistake, not a reading list. */
const MAX_BULK = 500;

type ZoteroKeys = 'zoteroSave' | 'zoteroTarget' | 'zoteroMarks' | 'zoteroPermission' | 'openZoteroSetup' | 'citation';

export const zoteroHandlers: Pick<Handlers, ZoteroKeys> = {
  zoteroSave: async (sender, ids, meta) => {
    // Web pages (through the content script) save the one paper they show; bulk sends come from the popup.
    const max = sender.url?.startsWith(browser.runtime.getURL('')) === false ? 1 : MAX_BULK;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > max) throw new Error(`Save to Zotero: 1 to ${max} papers at a time`);
    // Page metadata describes the page's own paper: only used for a single save.
    const papers = await Promise.all(ids.map((id) => citablePaper(id, ids.length === 1 ? meta : undefined)));
    const report = await saveToZotero(papers);
    await addMarks(report.results.filter((r) => r.ok).map((r) => r.id)).catch(() => undefined);
    return report;
  },
  zoteroTarget: async () => connect().then(({ target }) => ({ target }), (error: unknown) => ({ problem: asProblem(error) })),
  zoteroMarks: async (_sender, ids) => zoteroMarks(Array.isArray(ids) ? ids.filter((id) => typeof id === 'string').slice(0, 5_000) : []),
  zoteroPermission: async () => ({ granted: await hasZoteroPermission() }),
  openZoteroSetup: async () => {
    await browser.tabs.create({ url: `${browser.runtime.getURL('options.html')}#zotero` });
  },
  citation: async (_sender, id, format, meta) => citation(await citablePaper(id, meta), format === 'bibtex' ? 'bibtex' : 'text'),
};
