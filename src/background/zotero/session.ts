/**
 * Save to Zotero, the way the official connector does it with Zotero 7+ (../shared/docs/zotero.md §3):
 * ping (version) → getSelectedCollection (where it goes) → per paper: saveItems in a fresh session → updateSession
 * (our tags as MANUAL tags, our note) → the PDF fetched from arxiv.org and uploaded to the session, only when the
 * target library accepts files. Papers are sent one after another; each gets its own result, so one failure
 * never hides the others and nothing is half-reported.
 */
import { getSettings } from '../../shared/settings';
import { absUrl, type CitablePaper } from '../../shared/citation';
import type { PdfOutcome, ZoteroPaperResult, ZoteroSaveReport, ZoteroTarget } from '../../shared/zotero';
import { errorCode, postJson, requirePermission, versionAtLeast, ZoteroError, zoteroFetch } from './connector';
import { buildZoteroItem, noteHtml, pdfUrl } from './item';

/** Our own tag on everything we save, so the user can find it in Zotero. */
export const OUR_TAG = 'paper-pulse';
/** arXiv PDFs are rarely over 50 MB; a bigger answer is not a paper PDF we want to hold in memory. */
const MAX_PDF_BYTES = 100 * 1024 * 1024;
const PDF_TIMEOUT_MS = 60_000;

interface SelectedCollection {
  libraryID: number; libraryName: string; libraryEditable: boolean; filesEditable: boolean; editable: boolean;
  id: number | null; name: string;
}

interface Connection { version: string; target: ZoteroTarget; targetId: string; uploads: boolean }

/** Reachable, new enough, and where things will go. Throws a ZoteroError the UI shows as is. */
export async function connect(): Promise<Connection> {
  await requirePermission();
  const ping = await postJson('/connector/ping', {});
  if (ping.status !== 200) throw new ZoteroError('failed', `Zotero answered HTTP ${ping.status} to a ping. Restart Zotero and try again.`);
  if (!versionAtLeast(ping.version, [7])) {
    throw new ZoteroError('old-version', `Zotero ${ping.version} is too old: Save to Zotero needs Zotero 7 or later. Update Zotero (Help → Check for Updates), then try again.`);
  }
  const selected = await postJson('/connector/getSelectedCollection', {});
  if (selected.status !== 200) throw new ZoteroError('failed', `Zotero couldn’t say which collection is selected (HTTP ${selected.status}). Try again.`);
  const s = JSON.parse(selected.body) as SelectedCollection;
  if (!s.libraryEditable) {
    throw new ZoteroError('refused', `The library selected in Zotero (“${s.libraryName}”) is read-only. Select My Library or a collection you can edit in Zotero, then try again.`);
  }
  const inCollection = s.id !== null && s.name !== s.libraryName;
  return {
    version: ping.version,
    target: { label: inCollection ? `${s.libraryName} › ${s.name}` : s.libraryName, filesEditable: s.filesEditable },
    targetId: s.id !== null ? `C${s.id}` : `L${s.libraryID}`,
    // ≤ 7.0.15 downloaded attachments itself and had no saveAttachment endpoint.
    uploads: versionAtLeast(ping.version, [7, 0, 16]),
  };
}

/** Saves every paper; a problem before the first save (not running, no permission, old version) is the report's `problem`. */
export async function saveToZotero(papers: readonly CitablePaper[]): Promise<ZoteroSaveReport> {
  let connection: Connection;
  try {
    connection = await connect();
  } catch (error) {
    return { problem: asProblem(error), results: [] };
  }
  const { zoteroPdf } = await getSettings();
  const results: ZoteroPaperResult[] = [];
  for (const paper of papers) {
    try {
      results.push(await saveOne(paper, connection, zoteroPdf));
    } catch (error) {
      const problem = asProblem(error);
      results.push({ id: paper.id, ok: false, ...problem });
    }
  }
  return { target: connection.target, results };
}

async function saveOne(paper: CitablePaper, c: Connection, wantPdf: boolean): Promise<ZoteroPaperResult> {
  // A session id is never reusable while Zotero runs (409 SESSION_EXISTS): a fresh UUID for every save.
  const sessionID = crypto.randomUUID();
  const itemId = crypto.randomUUID().slice(0, 8);
  const legacy = !c.uploads && wantPdf && c.target.filesEditable;
  const item = buildZoteroItem(paper, itemId, { legacyAttachment: legacy });
  const saved = await postJson('/connector/saveItems', { sessionID, uri: absUrl(paper.id), items: [item] });
  if (saved.status !== 201) {
    const code = errorCode(saved.body);
    if (code === 'LIBRARY_NOT_EDITABLE') throw new ZoteroError('refused', 'Zotero refused: the selected library is read-only. Select one you can edit, then try again.');
    throw new ZoteroError('failed', `Zotero couldn’t save it (HTTP ${saved.status}${code ? ` ${code}` : ''}). Try again; Zotero’s Help → Debug Output says more.`);
  }
  let warning: string | undefined;
  const updated = await postJson('/connector/updateSession', {
    sessionID, target: c.targetId, tags: [...paper.tags, OUR_TAG], ...(paper.note ? { note: noteHtml(paper.note) } : {}),
  }).catch((error: unknown) => ({ status: 0, body: String(error) }));
  if (updated.status !== 200) warning = `Its tags and note were not added (${errorCode(updated.body) ?? `HTTP ${updated.status}`}).`;
  const pdf: PdfOutcome = !wantPdf ? 'off' : !c.target.filesEditable ? 'not-allowed' : legacy ? 'by-zotero' : await uploadPdf(paper.id, sessionID, itemId);
  return { id: paper.id, ok: true, pdf, ...(warning ? { warning } : {}) };
}

/** The PDF from arxiv.org (our host permission), uploaded to the session as the connector does for Zotero ≥ 7.0.16. */
async function uploadPdf(id: string, sessionID: string, parentItemID: string): Promise<PdfOutcome> {
  const url = pdfUrl(id);
  let bytes: ArrayBuffer;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PDF_TIMEOUT_MS), credentials: 'omit' });
    const type = response.headers.get('Content-Type') ?? '';
    const length = Number(response.headers.get('Content-Length') ?? 0);
    if (!response.ok || !type.includes('pdf') || length > MAX_PDF_BYTES) return 'failed';
    bytes = await response.arrayBuffer();
    if (bytes.byteLength > MAX_PDF_BYTES) return 'failed';
  } catch {
    return 'failed';
  }
  const meta = { id: crypto.randomUUID().slice(0, 8), url, contentType: 'application/pdf', parentItemID, title: 'Preprint PDF' };
  const sent = await zoteroFetch(`/connector/saveAttachment?sessionID=${encodeURIComponent(sessionID)}`, {
    method: 'POST', body: bytes, headers: { 'Content-Type': 'application/pdf', 'X-Metadata': JSON.stringify(meta) }, timeoutMs: PDF_TIMEOUT_MS,
  }).catch(() => undefined);
  if (!sent) return 'failed';
  if (sent.status === 201) return 'attached';
  // 200 "Library files are not editable." (the library changed between our check and the upload).
  if (sent.status === 200) return 'not-allowed';
  return 'failed';
}

export function asProblem(error: unknown): { kind: ZoteroError['kind']; message: string } {
  if (error instanceof ZoteroError) return { kind: error.kind, message: error.message };
  return { kind: 'failed', message: `Saving to Zotero failed: ${error instanceof Error ? error.message : String(error)}` };
}
