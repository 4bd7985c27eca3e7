/**
 * "Send to Zotero" for every reading-list entry shown (the current search, status or tag filter): one request
 * to the worker, which saves them one by one; the report names each paper that failed and why, so nothing is
 * silently lost and a retry sends just those.
 */
import { useState } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import { describeReport, describeResult, type ZoteroSaveReport } from '../../shared/zotero';
import { plural } from '../../shared/format';
import { ConnectZotero, ZoteroTargetLine } from './zotero-actions';
import { useZoteroPermission } from './use-zotero';

export function ZoteroBulkSend({ ids, filtered, onSaved }: { ids: string[]; filtered: boolean; onSaved: () => void }) {
  const [granted] = useZoteroPermission();
  const [report, setReport] = useState<ZoteroSaveReport>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [sends, setSends] = useState(0);
  if (granted === undefined) return null;
  if (!granted) return <ConnectZotero />;
  const send = async (which: string[]) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await sendMessage('zoteroSave', which);
      setReport(next);
      if (next.results.some((r) => r.ok)) onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setSends((n) => n + 1);
    }
  };
  const failed = report?.results.filter((r) => !r.ok).map((r) => r.id) ?? [];
  return (
    <div class="zotero-bulk" data-testid="zotero-bulk">
      <button type="button" data-testid="zotero-bulk-send" disabled={busy} onClick={() => void send(ids)}>
        {busy ? 'Sending to Zotero…' : `Send ${filtered ? 'these ' : 'all '}${plural(ids.length, 'paper')} to Zotero`}
      </button>
      {failed.length > 0 && !busy && <button type="button" data-testid="zotero-retry" onClick={() => void send(failed)}>Retry {plural(failed.length, 'failed paper')}</button>}
      <ZoteroTargetLine generation={sends} />
      {error && <p class="rl-notice error" role="alert">{error}</p>}
      {report && (
        <div class={`rl-notice${report.problem || failed.length ? ' error' : ''}`} role="status" data-testid="zotero-report">
          <p>{describeReport(report)}</p>
          {report.results.length > 1 && (
            <ul class="zotero-results">
              {report.results.map((r) => <li key={r.id} data-arxiv-id={r.id} data-ok={String(r.ok)}>arXiv:{r.id}: {describeResult(r)}</li>)}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
