/**
 * One live copy of a content script per document: a new copy (injected twice, or after an extension update left an
 * orphan) tells older copies to tear down through a DOM event both can see. The returned signal aborts on that.
 */
export function takeOver(eventName: string): AbortController {
  const instance = Math.random().toString(36).slice(2);
  const controller = new AbortController();
  document.addEventListener(eventName, (event) => {
    if ((event as CustomEvent<string>).detail !== instance) controller.abort();
  }, { signal: controller.signal });
  document.dispatchEvent(new CustomEvent(eventName, { detail: instance }));
  return controller;
}
