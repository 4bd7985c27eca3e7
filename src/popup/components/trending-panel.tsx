/**
 * The Trending view: Today / This week / This month (HF Daily Papers by upvotes) and HF Trending (HF's
 * `sort=trending`, which follows recent GitHub activity). Each says what it measures and when it was fetched;
 * all come from the worker's cache at once and refresh in the background.
 */
import { useState } from 'preact/hooks';
import { timeAgo } from '../../shared/format';
import type { ListKind } from '../../shared/types';
import { useList } from '../use-list';
import { useVisit, visitNote } from '../use-visit';
import { useTabKeys } from './tabs';
import { ListBody } from './today-panel';

const kinds: { kind: ListKind; label: string; measures: (label?: string) => string }[] = [
  { kind: 'today', label: 'Today', measures: (l) => `HF Daily Papers${l ? ` of ${l}` : ''}, by community upvotes.` },
  { kind: 'week', label: 'This week', measures: (l) => `HF Daily Papers of the week${l ? ` ${l}` : ''}, by community upvotes.` },
  { kind: 'month', label: 'This month', measures: (l) => `HF Daily Papers of the month${l ? ` ${l}` : ''}, by community upvotes.` },
  { kind: 'trending', label: 'HF Trending', measures: () => "HF's trending sort: follows recent GitHub activity, not upvotes; older papers included." },
];

export function TrendingPanel() {
  const [selected, setSelected] = useState<ListKind>('today');
  const { ref: list, onKeyDown: move } = useTabKeys(kinds.map((k) => k.kind), selected, setSelected, (kind) => `list-tab-${kind}`);
  return (
    <section aria-label="Trending papers">
      <div class="subtabs" role="tablist" aria-label="Trending lists" ref={list} onKeyDown={move}>
        {kinds.map(({ kind, label }) => (
          <button key={kind} id={`list-tab-${kind}`} role="tab" type="button" aria-selected={kind === selected} aria-controls="list-panel"
            tabIndex={kind === selected ? 0 : -1} onClick={() => setSelected(kind)}>{label}</button>
        ))}
      </div>
      <div id="list-panel" role="tabpanel" aria-labelledby={`list-tab-${selected}`} data-kind={selected}>
        <KindList key={selected} kind={selected} />
      </div>
    </section>
  );
}

function KindList({ kind }: { kind: ListKind }) {
  const [list, retry] = useList(kind);
  const visit = useVisit(kind, list);
  const def = kinds.find((k) => k.kind === kind)!;
  return (
    <>
      <p class="explain measures" data-testid="measures">
        {def.measures(list.status === 'done' ? list.value.label : undefined)}
        {list.status === 'done' && list.value.fetchedAt !== undefined && <span class="fetched"> Fetched {timeAgo(list.value.fetchedAt)}.</span>}
      </p>
      {visit && <p class="explain new-note" data-testid="new-note">{visitNote(visit)}</p>}
      <ListBody list={list} retry={retry} label={`${def.label}: ${kind === 'trending' ? 'HF Trending' : 'Daily Papers by upvotes'}`}
        fresh={visit && new Set(visit.fresh)} />
    </>
  );
}
