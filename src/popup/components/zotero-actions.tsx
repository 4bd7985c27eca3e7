/**
 * Save to Zotero, Copy BibTeX and Copy citation for one paper (the popup's paper card, each reading-list row),
 * the "In Zotero ✓" mark, and the button that asks for the optional permission, saying why, when it is missing.
 */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import { describeReport, ZOTERO_WHY, type CitationFormat, type ZoteroMarks, type ZoteroProblem, type ZoteroTarget } from '../../shared/zotero';
import { useZoteroPermission } from './use-zotero';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/^\w+: /, '');

export function ConnectZotero() {
  const [, request] = useZoteroPermission();
  const [refused, setRefused] = useState(false);
  const [asking, setAsking] = useState(false);
  const ask = () => {
    setAsking(true);
    void request().then((ok) => setRefused(!ok), () => setRefused(true)).finally(() => setAsking(false));
  };
  return (
    <div class="zotero-connect">
      <button type="button" data-testid="zotero-connect" disabled={asking} onClick={ask}>
        {asking ? 'Waiting for your browser’s answer…' : 'Connect to Zotero'}
      </button>
      <span class="explain">Asks your browser for access to 127.0.0.1 {ZOTERO_WHY}; nothing else.</span>
      {refused && <span class="state error" role="alert">Not granted: Save to Zotero stays off.</span>}
    </div>
  );
}

export function ZoteroMark({ id, marks }: { id: string; marks: ZoteroMarks | undefined }) {
  if (!marks || marks.state === 'off') return null;
  if (marks.state === 'not-checked') return <span class="zmark unknown" data-testid="zotero-mark" data-state="not-checked" title={marks.message}>Zotero: not checked</span>;
  if (!marks.held.includes(id)) return null;
  return <span class="zmark" data-testid="zotero-mark" data-state="held" title="Zotero already holds this paper (its local API says so)">In Zotero ✓</span>;
}

/** Where a save goes (the collection selected in Zotero), or why it can't go anywhere now; asked again after each save. */
export function ZoteroTargetLine({ generation }: { generation: number }) {
  const [where, setWhere] = useState<{ target?: ZoteroTarget; problem?: ZoteroProblem }>();
  useEffect(() => void sendMessage('zoteroTarget').then(setWhere, () => setWhere(undefined)), [generation]);
  if (!where) return null;
  return where.target
    ? <p class="explain zotero-target" data-testid="zotero-target">Saves to <strong>{where.target.label}</strong> (selected in Zotero){where.target.filesEditable ? '' : ', without PDFs'}</p>
    : <p class="explain zotero-target" data-testid="zotero-target" data-problem={where.problem?.kind}>{where.problem?.message}</p>;
}

export function ZoteroActions({ id, compact, onSaved }: { id: string; compact?: boolean; onSaved?: () => void }) {
  const [granted] = useZoteroPermission();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const [saves, setSaves] = useState(0);
  const save = async () => {
    setBusy(true);
    setStatus({ text: 'Saving to Zotero…' });
    try {
      const report = await sendMessage('zoteroSave', [id]);
      const failed = report.problem ?? report.results.find((r) => !r.ok);
      setStatus({ text: describeReport(report), error: failed !== undefined });
      if (!failed) onSaved?.();
    } catch (e) {
      setStatus({ text: message(e), error: true });
    } finally {
      setBusy(false);
      setSaves((n) => n + 1);
    }
  };
  const copy = async (format: CitationFormat) => {
    try {
      const text = await sendMessage('citation', id, format);
      await navigator.clipboard.writeText(text);
      setStatus({ text: format === 'bibtex' ? 'BibTeX copied.' : `Copied: ${text}` });
    } catch (e) {
      setStatus({ text: `Couldn’t copy: ${message(e)}`, error: true });
    }
  };
  const label = (full: string, short: string) => (compact ? short : full);
  return (
    <div class={`zotero-row${compact ? ' compact' : ''}`} data-testid="zotero-actions">
      {granted === false && !compact ? <ConnectZotero /> : (
        <button type="button" data-testid="zotero-save" disabled={busy || granted === undefined} aria-label={compact ? `Save ${id} to Zotero` : undefined}
          onClick={() => void (granted ? save() : sendMessage('openZoteroSetup'))}>
          {label('Save to Zotero', 'Zotero')}
        </button>
      )}
      <button type="button" data-testid="copy-bibtex" aria-label={compact ? `Copy BibTeX of ${id}` : undefined} onClick={() => void copy('bibtex')}>{label('Copy BibTeX', 'BibTeX')}</button>
      <button type="button" data-testid="copy-citation" aria-label={compact ? `Copy a citation of ${id}` : undefined} onClick={() => void copy('text')}>{label('Copy citation', 'Cite')}</button>
      {granted && !compact && <ZoteroTargetLine generation={saves} />}
      {status && <p class={`zotero-status${status.error ? ' error' : ''}`} role={status.error ? 'alert' : 'status'} data-testid="zotero-status">{status.text}</p>}
    </div>
  );
}
