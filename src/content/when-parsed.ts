/**
 * Runs `run` once, as soon as an element matching `selector` has been parsed, or at DOMContentLoaded if none is.
 * The abs/HTML badge needs only the title: waiting for DOMContentLoaded put it ~170 ms after navigation start on
 * arXiv's abs page (the rest of the page, its scripts and styles, parse first). The observer lives only while the
 * page parses and looks only for that one element; it reads no layout.
 */
export function whenParsed(selector: string, run: () => void, signal: AbortSignal): void {
  let ran = false;
  const go = () => {
    observer.disconnect();
    if (!ran && !signal.aborted) ran = true, run();
  };
  const observer = new MutationObserver(() => void (document.querySelector(selector) && go()));
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', go, { once: true, signal });
}
