/**
 * The "New" mark of a listing entry that was not on the listing the last time it was opened: one inline box in a
 * shadow root, like a chip (cloned from one template), with its meaning in words, not in colour alone.
 */
import { h } from './dom';
import { createHost } from './shadow-host';

let template: HTMLSpanElement | undefined;

export function renderNewMark(id: string, title: string): HTMLElement {
  const { host, root } = createHost('new', id);
  template ??= h('span', { class: 'new' }, 'New');
  const mark = template.cloneNode(true) as HTMLSpanElement;
  mark.title = title;
  root.appendChild(mark);
  return host;
}
