/**
 * The Save toggle (reading list): a real `button` with aria-pressed, inside our shadow roots. It asks the worker to
 * save/unsave; the saved state it shows comes back through the saved-ids mirror (shared/saved-ids.ts), which also
 * updates every other tab, so the button only guesses optimistically until then.
 */
import { sendMessage } from '../../shared/messages';
import type { PaperMeta } from '../../shared/types';
import { h } from './dom';

export interface SaveButton {
  el: HTMLButtonElement;
  set(saved: boolean): void;
}

/** `label` is the accessible name, constant so the pressed state is what changes (APG toggle button). */
export function saveButton(id: string, label: string, meta: () => PaperMeta | undefined): SaveButton {
  const el = h('button', { type: 'button', class: 'save', 'aria-pressed': 'false', 'aria-label': label });
  const set = (saved: boolean) => {
    el.setAttribute('aria-pressed', String(saved));
    el.title = saved ? 'In your reading list — click to remove' : 'Save to your reading list';
    el.textContent = saved ? '★ Saved' : '☆ Save';
  };
  set(false);
  // Busy flag, not `disabled`: disabling the focused button would throw keyboard focus back to the page.
  let busy = false;
  el.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (busy) return;
    const saving = el.getAttribute('aria-pressed') !== 'true';
    set(saving);
    busy = true;
    el.setAttribute('aria-busy', 'true');
    const done = saving ? sendMessage('readingListSave', id, meta()) : sendMessage('readingListRemove', id);
    done.catch((error: unknown) => {
      set(!saving);
      el.title = `Couldn't update the reading list: ${error instanceof Error ? error.message : String(error)}`;
    }).finally(() => {
      busy = false;
      el.removeAttribute('aria-busy');
    });
  });
  return { el, set };
}
