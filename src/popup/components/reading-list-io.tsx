/**
 * Export (BibTeX, RIS, CSL-JSON, CSV, JSON) and import (JSON, BibTeX) of the reading list: the popup's Reading list view and the
 * options page both show it. The worker builds and validates; this only moves files and reports what happened.
 */
import { useState } from 'preact/hooks';
import { exportExtension, exportMime, MAX_IMPORT_BYTES, type ExportFormat } from '../../shared/export';
import { sendMessage } from '../../shared/messages';

const LABELS: Record<ExportFormat, string> = { bibtex: 'BibTeX', ris: 'RIS', csljson: 'CSL-JSON', csv: 'CSV', json: 'JSON' };

export function ReadingListIo({ empty, onImported }: { empty: boolean; onImported?: () => void }) {
  const [notice, setNotice] = useState<{ text: string; error?: boolean }>();
  const fail = (e: unknown) => setNotice({ text: (e instanceof Error ? e.message : String(e)).replace(/^readingList\w+: /, ''), error: true });
  const download = async (format: ExportFormat) => {
    const text = await sendMessage('readingListExport', format);
    const url = URL.createObjectURL(new Blob([text], { type: exportMime[format] }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `reading-list.${exportExtension[format]}` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    // Refused before reading: a huge file never reaches memory or the worker.
    if (file.size > MAX_IMPORT_BYTES) {
      setNotice({ text: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Nothing was imported.`, error: true });
      return;
    }
    const { message } = await sendMessage('readingListImport', await file.text());
    setNotice({ text: message });
    onImported?.();
  };
  return (
    <>
      <div class="rl-io">
        <span>Export:</span>
        {(Object.keys(LABELS) as ExportFormat[]).map((f) => (
          <button key={f} type="button" onClick={() => void download(f).catch(fail)} disabled={empty}>{LABELS[f]}</button>
        ))}
        <label class="import">
          Import…<input type="file" accept=".json,.bib,.bibtex,application/json,application/x-bibtex,text/plain" data-testid="import-file"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              void importFile(input.files?.[0]).catch(fail).finally(() => { input.value = ''; });
            }} />
        </label>
      </div>
      {notice && <p class={`rl-notice${notice.error ? ' error' : ''}`} role={notice.error ? 'alert' : 'status'} data-testid="import-notice">{notice.text}</p>}
    </>
  );
}
