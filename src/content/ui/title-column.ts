/**
 * Keeps the abs/HTML badge in the title's text column. The badge host is a block right after the title, so without
 * this it starts at the container's edge while arXiv indents the title (abs: 20 px, .5–1 em below 768 px; HTML view:
 * a centred title), and it would look like part of the page chrome rather than of the paper.
 *
 * The offset comes from the page's own layout, never a constant: the left of the title's text (the leftmost of its
 * line boxes) minus where the host would start without our margin. It is read in a ResizeObserver callback, which
 * runs after the browser's layout and before paint, so the reads force no extra synchronous layout while arXiv's page
 * is still parsing, and the badge is never painted in the wrong place first. The title's box changes size whenever
 * the width or a media query changes its indent, which is exactly when the offset can change.
 *
 * It also sets how much room the card has to the right, so the card opens inside the viewport on a phone.
 */
export function keepInTitleColumn(host: HTMLElement, title: Element, signal: AbortSignal): void {
  let indent = 0;
  const measure = () => {
    // Reads first, then writes: one layout, not one per property.
    const range = document.createRange();
    range.selectNodeContents(title);
    let textLeft = Infinity;
    for (const rect of range.getClientRects()) if (rect.width > 0) textLeft = Math.min(textLeft, rect.left);
    if (textLeft === Infinity) return; // title hidden or empty: leave the badge where it is
    const start = host.getBoundingClientRect().left - indent;
    const room = document.documentElement.clientWidth - textLeft;
    indent = Math.max(0, textLeft - start);
    host.style.setProperty('--pp-indent', `${indent}px`);
    host.style.setProperty('--pp-room', `${room}px`);
  };
  const observer = new ResizeObserver(measure);
  observer.observe(title);
  // Web fonts change where a centred title's text starts without resizing its box.
  document.fonts?.addEventListener('loadingdone', measure, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
