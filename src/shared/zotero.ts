/**
 * What every context shares about the Zotero integration: the optional permission it needs, and the shapes of
 * the worker's answers (background/zotero/). Pure data, no browser calls, so the content script can import it.
 */

/** The Zotero desktop app's local HTTP server (connector + local API). Port 23119 is Zotero's fixed default. */
export const ZOTERO_BASE = 'http://127.0.0.1:23119';
/** The optional host permission, as the official connector declares it. */
export const ZOTERO_PERMISSION = { origins: ['http://127.0.0.1/*'] };
/** Said on the button that asks for it, and wherever it is missing. */
export const ZOTERO_WHY = 'to talk to the Zotero app on this computer';

export type ZoteroProblemKind = 'permission' | 'not-running' | 'old-version' | 'refused' | 'failed';

export interface ZoteroProblem {
  kind: ZoteroProblemKind;
  /** A sentence with what to do, shown as is. */
  message: string;
}

/** Where Zotero will put what we send: the collection (or library) selected in its window. */
export interface ZoteroTarget {
  /** `My Library › Reading` style path for the UI. */
  label: string;
  filesEditable: boolean;
}

export type PdfOutcome = 'attached' | 'off' | 'not-allowed' | 'by-zotero' | 'failed';

export type ZoteroPaperResult =
  | { id: string; ok: true; pdf: PdfOutcome; warning?: string }
  | { id: string; ok: false; kind: ZoteroProblemKind; message: string };

export interface ZoteroSaveReport {
  target?: ZoteroTarget;
  /** Set when nothing could be tried (not running, no permission, old version): then `results` is empty. */
  problem?: ZoteroProblem;
  results: ZoteroPaperResult[];
}

/** "In Zotero" marks from its local API (background/zotero/marks.ts). */
export type ZoteroMarks =
  | { state: 'off' }
  | { state: 'not-checked'; message: string }
  | { state: 'checked'; checkedAt: number; held: string[] };

export type CitationFormat = 'bibtex' | 'text';

const PDF_WORDS: Record<PdfOutcome, string> = {
  attached: 'with its PDF',
  off: 'without PDF (turned off in options)',
  'not-allowed': 'without PDF (this library does not accept files)',
  'by-zotero': 'Zotero is fetching the PDF',
  failed: 'without PDF (it could not be fetched from arXiv)',
};

/** One line per paper for the UI: "Saved to My Library › Reading, with its PDF." or the problem. */
export function describeResult(result: ZoteroPaperResult, target?: ZoteroTarget): string {
  if (!result.ok) return result.message;
  const where = target ? ` to ${target.label}` : '';
  return `Saved${where}, ${PDF_WORDS[result.pdf]}.${result.warning ? ` ${result.warning}` : ''}`;
}

/** The summary of a bulk send: "3 of 4 saved to …; 1 failed: 2401.00001 (Zotero isn't running…)". */
export function describeReport(report: ZoteroSaveReport): string {
  if (report.problem) return report.problem.message;
  const saved = report.results.filter((r) => r.ok).length;
  const failed = report.results.filter((r) => !r.ok);
  const where = report.target ? ` to ${report.target.label}` : '';
  if (report.results.length === 1) return describeResult(report.results[0]!, report.target);
  return `${saved} of ${report.results.length} saved${where}.${failed.length ? ` ${failed.length} not saved: ${failed.map((f) => f.id).join(', ')}.` : ''}`;
}
