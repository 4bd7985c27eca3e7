/** The body of one cached list (trending-panel.tsx): loading / offline-with-age / empty / error states. */
import { timeAgo } from '../../shared/format';
import type { ListView } from '../../shared/types';
import type { Query } from '../use-query';
import { Loading } from './loading';
import { PaperList } from './paper-list';

/** `fresh`: the papers new since the list was last opened (use-visit.ts). */
export function ListBody({ list, retry, label, fresh }: { list: Query<ListView>; retry: () => void; label: string; fresh?: ReadonlySet<string> }) {
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <p class="state error" role="alert">{list.message} <button onClick={retry}>Retry</button></p>;
  const { papers, fetchedAt, error } = list.value;
  const offline = error !== undefined || !navigator.onLine;
  return (
    <>
      {papers.length > 0 ? <PaperList papers={papers} label={label} fresh={fresh} /> : (
        <p class={`state${error ? ' error' : ''}`} role="status">
          {error ? `Couldn't load the list: ${error}` : 'Nothing here yet.'} <button onClick={retry}>Retry</button>
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
