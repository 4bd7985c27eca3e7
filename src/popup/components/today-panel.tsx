/** The body of one cached list (trending-panel.tsx): loading / offline-with-age / empty / error states. */
import { timeAgo } from '../../shared/format';
import type { ListView } from '../../shared/types';
import type { Query } from '../use-query';
import { Loading } from './loading';
import { PaperList } from './paper-list';

/** `fresh`: the papers new since the list was last opened (use-visit.ts). */
export function ListBody({ list, retry, label, empty = 'Nothing here yet.', fresh }: { list: Query<ListView>; retry: () => void; label: string; empty?: string;
  fresh?: ReadonlySet<string> }) {
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <p class="state error" role="alert">{list.message} <button onClick={retry}>Retry</button></p>;
  const { papers, fetchedAt, error, gains } = list.value;
  const items = gains ? papers.map((paper) => ({ ...paper, gain: gains[paper.id] })) : papers;
  const offline = error !== undefined || !navigator.onLine;
  return (
    <>
      {items.length > 0 ? <PaperList papers={items} label={label} fresh={fresh} /> : (
        <p class={`state${error ? ' error' : ''}`} role="status">
          {error ? `Couldn't load the list: ${error}` : empty} <button onClick={retry}>Retry</button>
        </p>
      )}
      {fetchedAt !== undefined && (
        <p class={`explain${offline ? ' offline' : ''}`} data-testid="data-age" role="status">
          {offline ? `Offline — showing data from ${timeAgo(fetchedAt)}` : `Updated ${timeAgo(fetchedAt)}`}
        </p>
      )}
    </>
  );
}
