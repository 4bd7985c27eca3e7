/** Save toggle + reading status for the current paper card. The worker does the work; the mirror says the state. */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import type { ReadingListEntry, ReadingStatus } from '../../shared/types';
import { useSavedIds } from '../use-saved-ids';

export const STATUS_LABELS: Record<ReadingStatus, string> = { 'to-read': 'To read', reading: 'Reading', read: 'Read' };

export function SaveToggle({ id }: { id: string }) {
  const saved = useSavedIds();
  const mirrored = saved?.has(id) ?? false;
  // Shown at once on click; the mirror (which every tab follows) confirms it a moment later.
  const [pending, setPending] = useState<boolean>();
  const isSaved = pending ?? mirrored;
  const [entry, setEntry] = useState<ReadingListEntry>();
  const [error, setError] = useState<string>();
  useEffect(() => setPending(undefined), [mirrored]);
  useEffect(() => {
    if (mirrored) void sendMessage('readingListEntry', id).then(setEntry, () => undefined);
    else setEntry(undefined);
  }, [id, mirrored]);
  const run = (action: Promise<unknown>) => action.then(() => setError(undefined), (e: unknown) => {
    setPending(undefined);
    setError(e instanceof Error ? e.message : String(e));
  });
  return (
    <div class="save-row">
      <button type="button" class={`save${isSaved ? ' on' : ''}`} aria-pressed={isSaved} disabled={saved === undefined} data-testid="save-toggle"
        onClick={() => {
          setPending(!isSaved);
          void run(isSaved ? sendMessage('readingListRemove', id) : sendMessage('readingListSave', id));
        }}>
        {isSaved ? '★ Saved' : '☆ Save to reading list'}
      </button>
      {isSaved && entry && (
        <label class="status-pick">
          Status{' '}
          <select value={entry.status} data-testid="status-select"
            onChange={(e) => run(sendMessage('readingListUpdate', id, { status: (e.currentTarget as HTMLSelectElement).value as ReadingStatus }).then(setEntry))}>
            {Object.entries(STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
      )}
      {error && <span class="state error" role="alert">{error}</span>}
    </div>
  );
}
