/**
 * A reading-list entry's line from the arXiv watch: "v3 available (you saved v1)", the journal ref when arXiv has
 * one, and the per-paper switch (on by default). Nothing shows while the watch is off or hasn't seen the paper.
 */
import type { WatchView } from '../../shared/watch-types';

export function WatchLine({ id, name, view, onToggle }: { id: string; name: string; view: WatchView | undefined; onToggle: (on: boolean) => void }) {
  if (!view?.active) return null;
  const paper = view.papers[id];
  const on = !view.off.includes(id);
  return (
    <div class="watch-line" data-testid="watch-line">
      {paper && paper.version > paper.savedVersion && <span class="newer">v{paper.version} available (you saved v{paper.savedVersion})</span>}
      {paper?.withdrawn && <span class="newer">withdrawn</span>}
      {paper?.journalRef && <span title="Journal reference on arXiv">{paper.journalRef}</span>}
      <label><input type="checkbox" checked={on} aria-label={`Watch ${name} on arXiv`} onChange={(e) => onToggle(e.currentTarget.checked)} />watch</label>
    </div>
  );
}
