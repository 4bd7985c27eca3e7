/**
 * The options page's Zotero section: the optional permission (asked from a button that says why, removable),
 * attaching PDFs, and the "In Zotero ✓" marks, which need Zotero's own local API setting turned on.
 */
import browser from 'webextension-polyfill';
import type { Settings } from '../shared/settings';
import { ZOTERO_PERMISSION, ZOTERO_WHY } from '../shared/zotero';
import { ConnectZotero, ZoteroTargetLine } from '../popup/components/zotero-actions';
import { useZoteroPermission } from '../popup/components/use-zotero';

export function ZoteroSettings({ settings, update }: { settings: Settings; update: (patch: Partial<Settings>) => void }) {
  const [granted] = useZoteroPermission();
  return (
    <>
      <h2 id="zotero">Zotero</h2>
      <p class="hint" style="margin-left:0">Save to Zotero sends papers to the Zotero desktop app (7 or later) running on this computer, into the
        collection selected in Zotero, as arXiv preprints with your tags and note. It needs access to 127.0.0.1 {ZOTERO_WHY}.</p>
      {granted === false && <ConnectZotero />}
      {granted && (
        <div data-testid="zotero-granted">
          <p class="hint" style="margin-left:0">Connected: Paper Pulse may talk to Zotero on this computer.{' '}
            <button type="button" onClick={() => void browser.permissions.remove(ZOTERO_PERMISSION)}>Disconnect</button></p>
          <ZoteroTargetLine generation={0} />
        </div>
      )}
      <div>
        <label><input type="checkbox" checked={settings.zoteroPdf} data-testid="zotero-pdf" onChange={(e) => update({ zoteroPdf: e.currentTarget.checked })} />Attach the PDF</label>
        <p class="hint">Fetched from arxiv.org by Paper Pulse and added to the item, when the library accepts files.</p>
      </div>
      <div>
        <label><input type="checkbox" checked={settings.zoteroLocalApi} data-testid="zotero-local-api" onChange={(e) => update({ zoteroLocalApi: e.currentTarget.checked })} />Show “In Zotero ✓” marks</label>
        <p class="hint">First turn on Zotero’s local API: in Zotero, Settings → Advanced → “Allow other applications on this computer to
          communicate with Zotero”. Paper Pulse then asks Zotero which arXiv papers your libraries hold, at most every 30 minutes, and keeps
          only their arXiv ids on this device. When Zotero is closed the marks say “not checked”.</p>
      </div>
    </>
  );
}
