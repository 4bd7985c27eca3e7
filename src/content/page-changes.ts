/**
 * Pages that render on the client and navigate without reloads (huggingface.co, Semantic Scholar, alphaXiv): calls
 * `sync` at most once per frame after DOM changes that are not only our own hosts coming and going, and on popstate,
 * until `signal` aborts.
 */
export function onPageChanges(sync: () => void, signal: AbortSignal): void {
  let queued = false;
  const observer = new MutationObserver((records) => {
    // Our own insertions are mutations too; ignore batches that only added or removed our hosts.
    const ours = (n: Node) => n instanceof HTMLElement && n.dataset.paperPulse !== undefined;
    if (queued || records.every((r) => [...r.addedNodes, ...r.removedNodes].every(ours))) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      if (!signal.aborted) sync();
    });
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  addEventListener('popstate', sync, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
