/**
 * The Save toggle (reading list): a real `button` with aria-pressed, inside our shadow roots. It asks the worker to
 * save/unsave; the saved state it shows comes back through the saved-ids mirror (shared/saved-ids.ts), which also
 * updates every other tab, so the button only guesses optimistically until then.
 */
import { sendMessage } from '../../shared/messages';
import { getSavedIds } from '../../shared/saved-ids';
import type { PaperMeta } from '../../shared/types';
import { h } from './dom';

export interface SaveButton {
  el: HTMLButtonElement;
  /** The saved state from the saved-ids mirror; ignored while one of this button's own changes is on its way. */
  set(saved: boolean): void;
}

/** `label` is the accessible name, constant so the pressed state is what changes (APG toggle button). */
export function saveButton(id: string, label: string, meta: () => PaperMeta | undefined): SaveButton {
  const el = h('button', { type: 'button', class: 'save', 'aria-pressed': 'false', 'aria-label': label });
  const show = (saved: boolean) => {
    el.setAttribute('aria-pressed', String(saved));
    el.title = saved ? 'In your reading list — click to remove' : 'Save to your reading list';
    el.textContent = saved ? '★ Saved' : '☆ Save';
  };
  show(false);
  // While a change is on its way, further presses only update what the user wants; the last wish is sent when it
  // lands (a quick second press is never dropped), and the button keeps showing that wish: the saved-ids mirror of an
  // earlier press must not flip it under the user's finger. Not `disabled`: that would throw keyboard focus back to the page.
  let wanted: boolean | undefined;
  let busy = false;
  const send = async () => {
    busy = true;
    el.setAttribute('aria-busy', 'true');
    for (let saving = wanted; saving !== undefined; saving = wanted) {
      wanted = undefined;
      try {
        await (saving ? sendMessage('readingListSave', id, meta()) : sendMessage('readingListRemove', id));
      } catch (error) {
        show(!saving);
        el.title = `Couldn't update the reading list: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    busy = false;
    el.removeAttribute('aria-busy');
    // Then the stored state, whatever happened on the way (a failed press, a lost reply, another tab's change).
    void getSavedIds().then((ids) => busy || show(ids.has(id)), () => undefined);
  };
  el.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    wanted = el.getAttribute('aria-pressed') !== 'true';
    show(wanted);
    if (!busy) void send();
  });
  return { el, set: (saved) => void (busy || show(saved)) };
}
