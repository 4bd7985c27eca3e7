/** The active tab's paper, looked up through the worker (cache first, at most one HF request). */
import { sendMessage } from '../../shared/messages';
import type { ArxivId } from '../../shared/types';
import { useQuery } from '../use-query';
import { Loading } from './loading';
import { PaperCard } from './paper-card';
import { RelatedList } from './related-list';

export function CurrentPaper({ paper }: { paper: ArxivId }) {
  const [lookup] = useQuery(() => sendMessage('getPaper', paper.id), [paper.id]);
  if (lookup.status === 'loading') return <Loading />;
  if (lookup.status === 'error') return <p class="state error" role="alert">{lookup.message}</p>;
  return (
    <>
      <PaperCard paper={paper} lookup={lookup.value} />
      {lookup.value.state === 'found' && <RelatedList id={paper.id} />}
    </>
  );
}
