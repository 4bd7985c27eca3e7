/**
 * "New since you looked" for a popup list: once the list the user sees has settled (not the stale copy shown while it
 * refreshes), its ids are recorded as this visit and the worker says which of them are new (background/new-since/).
 */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../shared/messages';
import type { PopupList, VisitView } from '../shared/new-since';
import type { ListView } from '../shared/types';
import { timeAgo } from '../shared/format';
import type { Query } from './use-query';

export function useVisit(kind: PopupList, list: Query<ListView>): VisitView | undefined {
  const [view, setView] = useState<VisitView | undefined>();
  // The list's value, not the query object: useList wraps a settled refresh in a new object at every render.
  const value = list.status === 'done' ? list.value : undefined;
  useEffect(() => {
    if (!value || value.refreshing || value.papers.length === 0) return undefined;
    let live = true;
    sendMessage('listVisit', kind, value.papers.map((p) => p.id)).then((v) => live && setView(v), () => undefined);
    return () => {
      live = false;
    };
  }, [kind, value]);
  return view;
}

/** The line under the list's definition: how many are new, or that this is the first look. */
export function visitNote(view: VisitView): string {
  if (view.first) return 'First visit: papers that arrive later are marked new.';
  const since = view.since === undefined ? '' : ` (${timeAgo(view.since)})`;
  const n = view.fresh.length;
  return n === 0 ? `Nothing new since you last opened this list${since}.` : `${n} new since you last opened this list${since}.`;
}
