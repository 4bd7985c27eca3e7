/**
 * The abs badge card's Zotero row: Save to Zotero, Copy BibTeX, Copy citation, and a status line; plus the
 * "In Zotero ✓" mark beside the badge. The worker builds every format and talks to Zotero: this file only sends
 * the click and shows the answer (text only), to keep the content script small.
 */
import { sendMessage } from '../../shared/messages';
import { describeReport, type CitationFormat, type ZoteroMarks } from '../../shared/zotero';
import type { PaperMeta } from '../../shared/types';
import { h } from './dom';

export function zoteroRow(id: string, meta: () => PaperMeta | undefined): HTMLElement {
  const status = h('span', { class: 'zstatus', role: 'status', 'data-testid': 'zotero-status' });
  const say = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  let connect: HTMLButtonElement | undefined;
  const save = async () => {
    say('Saving to Zotero…');
    const report = await sendMessage('zoteroSave', [id], meta());
    say(describeReport(report), report.problem !== undefined || report.results.some((r) => !r.ok));
    if (report.problem?.kind === 'permission' && !connect) {
      connect = h('button', { type: 'button', class: 'save', onclick: () => void sendMessage('openZoteroSetup') }, 'Connect to Zotero…');
      status.after(connect);
    }
  };
  const copy = async (format: CitationFormat) => {
    await navigator.clipboard.writeText(await sendMessage('citation', id, format, meta()));
    say(format === 'bibtex' ? 'BibTeX copied.' : 'Citation copied.');
  };
  const button = (label: string, testid: string, run: () => Promise<void>) => h('button', {
    type: 'button', class: 'save', 'data-testid': testid,
    onclick: (event: Event) => {
      event.preventDefault();
      void run().catch((error: unknown) => say(error instanceof Error ? error.message.replace(/^\w+: /, '') : String(error), true));
    },
  }, label);
  return h('p', { class: 'row zotero' },
    button('Save to Zotero', 'zotero-save', save),
    button('Copy BibTeX', 'copy-bibtex', () => copy('bibtex')),
    button('Copy citation', 'copy-citation', () => copy('text')),
    status);
}

/** "In Zotero ✓" when Zotero holds the paper, "Zotero: not checked" when it couldn't be asked; nothing when off. */
export function zoteroMark(id: string, marks: ZoteroMarks): HTMLElement | undefined {
  if (marks.state === 'off' || (marks.state === 'checked' && !marks.held.includes(id))) return undefined;
  const held = marks.state === 'checked';
  return h('span', { class: `zmark${held ? '' : ' unknown'}`, 'data-testid': 'zotero-mark', 'data-state': held ? 'held' : 'not-checked', title: held ? 'Zotero already holds this paper' : marks.message },
    held ? 'In Zotero ✓' : 'Zotero: not checked');
}
