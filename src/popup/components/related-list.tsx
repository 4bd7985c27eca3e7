/**
 * Related trending papers under the current paper's card: ranked locally over every cached paper, plus HF's
 * search for the title when online. Each row says why it is there.
 */
import { sendMessage } from '../../shared/messages';
import type { RelatedView } from '../../shared/types';
import { useQuery } from '../use-query';
import { Loading } from './loading';
import { PaperList } from './paper-list';

export function RelatedList({ id }: { id: string }) {
  const [related, retry] = useQuery<RelatedView>(() => sendMessage('getRelated', id), [id]);
  return (
    <section aria-labelledby="related-heading" data-testid="related">
      <h2 id="related-heading">Related trending papers</h2>
      {related.status === 'loading' && <Loading />}
      {related.status === 'error' && <p class="state error" role="alert">{related.message} <button onClick={retry}>Retry</button></p>}
      {related.status === 'done' && <RelatedBody view={related.value} />}
    </section>
  );
}

function RelatedBody({ view }: { view: RelatedView }) {
  const searchNote = view.search === 'merged' ? ' and HF search for its title'
    : view.search === 'skipped' ? '' : ` (HF search unavailable: ${view.search.error})`;
  return (
    <>
      <p class="explain">By shared terms in title, abstract and AI keywords, over {view.corpusSize.toLocaleString('en')} cached papers{searchNote}; upvotes and recency break near-ties.</p>
      {view.items.length ? <PaperList papers={view.items} label="Related papers" testId="related-list" />
        : <p class="state" role="status">No related papers in the cache yet.</p>}
    </>
  );
}
