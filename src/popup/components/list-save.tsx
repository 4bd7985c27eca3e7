/** The compact ☆/★ save toggle on list rows; the saved state comes from the worker's mirror (use-saved-ids). */
import { sendMessage } from '../../shared/messages';

export function ListSave({ id, title, saved }: { id: string; title: string; saved: Set<string> | undefined }) {
  const on = saved?.has(id) ?? false;
  return (
    <button type="button" class={`star${on ? ' on' : ''}`} aria-pressed={on} disabled={saved === undefined} data-testid="list-save"
      aria-label={`Save to reading list: ${title}`} title={on ? 'In your reading list (click to remove)' : 'Save to reading list'}
      onClick={() => void (on ? sendMessage('readingListRemove', id) : sendMessage('readingListSave', id)).catch(() => undefined)}>
      {on ? '★' : '☆'}
    </button>
  );
}
