/** A cached list at once; when the worker says it is refreshing, the outcome (fresh papers, or offline + age) follows. */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../shared/messages';
import type { ListKind, ListView } from '../shared/types';
import { useQuery, type Query } from './use-query';

export function useList(kind: ListKind): [Query<ListView>, () => void] {
  const [list, retry] = useQuery(() => sendMessage('getList', kind), [kind]);
  const [settled, setSettled] = useState<ListView | undefined>();
  useEffect(() => {
    setSettled(undefined);
    if (list.status !== 'done' || !list.value.refreshing) return undefined;
    let live = true;
    sendMessage('getList', kind, true).then((view) => live && setSettled(view), () => undefined);
    return () => {
      live = false;
    };
  }, [list]);
  return [settled ? { status: 'done', value: settled } : list, retry];
}
