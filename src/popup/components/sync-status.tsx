/** One line on what storage.sync carries of the reading list (written by background/reading-list/sync.ts after each push). */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { timeAgo } from '../../shared/format';
import { SYNC_STATUS_KEY, type SyncStatus } from '../../shared/sync-status';


export function SyncStatusLine() {
  const [status, setStatus] = useState<SyncStatus>();
  useEffect(() => {
    void browser.storage.local.get(SYNC_STATUS_KEY).then((v) => setStatus(v[SYNC_STATUS_KEY] as SyncStatus | undefined));
  }, []);
  if (!status) return null;
  const kb = (status.bytes / 1024).toFixed(1);
  const extra = [
    status.notesLocal ? `${status.notesLocal} long notes kept on this device` : '',
    status.notSynced ? `${status.notSynced} entries not synced (sync storage full)` : '',
  ].filter(Boolean).join('; ');
  return (
    <p class={`explain${status.error ? ' offline' : ''}`} data-testid="sync-status">
      {status.error ? `Sync failed ${timeAgo(status.at)}: ${status.error}` : `Synced across your browsers ${timeAgo(status.at)}: ${status.entries} entries, ${kb} KB of 100 KB`}
      {extra ? ` (${extra})` : ''}
    </p>
  );
}
