/**
 * The Trending view: Today / This week / This month (HF Daily Papers by upvotes), Rising (the biggest upvote gains of
 * the last day, from the counts this browser saw) and HF Trending (HF's `sort=trending`, which follows recent GitHub
 * activity). Each says what it measures and when it was fetched; all come from the worker's store at once.
 */
import { useState } from 'preact/hooks';
import { timeAgo } from '../../shared/format';
import { sendMessage } from '../../shared/messages';
import type { ListKind, ListView } from '../../shared/types';
import { useList } from '../use-list';
import { useQuery, type Query } from '../use-query';
import { useVisit, visitNote } from '../use-visit';
import { useTabKeys } from './tabs';
import { ListBody } from './today-panel';

type PanelKind = ListKind | 'rising';

const kinds: { kind: PanelKind; label: string; measures: (label?: string) => string }[] = [
  { kind: 'today', label: 'Today', measures: (l) => `HF Daily Papers${l ? ` of ${l}` : ''}, by community upvotes.` },
  { kind: 'week', label: 'This week', measures: (l) => `HF Daily Papers of the week${l ? ` ${l}` : ''}, by community upvotes.` },
  { kind: 'month', label: 'This month', measures: (l) => `HF Daily Papers of the month${l ? ` ${l}` : ''}, by community upvotes.` },
  { kind: 'rising', label: 'Rising', measures: () => 'Biggest upvote gains in the last 24 h among papers featured in the last 14 days, from the counts this browser saw.' },
  { kind: 'trending', label: 'HF Trending', measures: () => "HF's trending sort: follows recent GitHub activity, not upvotes; older papers included." },
];

export function TrendingPanel() {
  const [selected, setSelected] = useState<PanelKind>('today');
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
        {selected === 'rising' ? <RisingList /> : <KindList key={selected} kind={selected} />}
      </div>
    </section>
  );
}

function KindList({ kind }: { kind: ListKind }) {
  const [list, retry] = useList(kind);
  return <Described kind={kind} list={list} retry={retry} />;
}

/** Computed by the worker from its upvote history: nothing to refresh, no request. */
function RisingList() {
  const [list, retry] = useQuery(() => sendMessage('getRising'), []);
  return <Described kind="rising" list={list} retry={retry} empty="No gains to show yet: Rising needs about a day of upvote counts seen by this browser." />;
}

function Described({ kind, list, retry, empty }: { kind: PanelKind; list: Query<ListView>; retry: () => void; empty?: string }) {
  const visit = useVisit(kind, list);
  const def = kinds.find((k) => k.kind === kind)!;
  return (
    <>
      <p class="explain measures" data-testid="measures">
        {def.measures(list.status === 'done' ? list.value.label : undefined)}
        {list.status === 'done' && list.value.fetchedAt !== undefined && <span class="fetched"> Fetched {timeAgo(list.value.fetchedAt)}.</span>}
      </p>
      {visit && <p class="explain new-note" data-testid="new-note">{visitNote(visit)}</p>}
      <ListBody list={list} retry={retry} empty={empty} label={`${def.label}: ${kind === 'trending' ? 'HF Trending' : kind === 'rising' ? 'upvote gains in the last 24 h' : 'Daily Papers by upvotes'}`}
        fresh={visit && new Set(visit.fresh)} />
    </>
  );
}
