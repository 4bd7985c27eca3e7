/** Popup layout: current paper when the tab is a paper, else today's Daily Papers; footer with data age. */
import browser from 'webextension-polyfill';
import { sendMessage } from '../shared/messages';
import { timeAgo } from '../shared/format';
import type { ArxivId, ListView } from '../shared/types';
import { tabPage } from './active-tab';
import { PaperCard } from './components/paper-card';
import { PaperList } from './components/paper-list';
import { useQuery, type Query } from './use-query';

export function App({ tabId }: { tabId?: number }) {
  const [tab] = useQuery(() => tabPage(tabId), [tabId]);
  const paper = tab.status === 'done' ? tab.value.page?.paper : undefined;
  return (
    <>
      <header>
        <h1><img src="icons/32.png" alt="" />Paper Pulse</h1>
      </header>
      <main>
        {tab.status === 'loading' ? <Loading /> : paper ? <CurrentPaper paper={paper} /> : <Today />}
      </main>
      <footer>
        <span class="spacer" />
        <a href="#" onClick={(e) => { e.preventDefault(); void browser.runtime.openOptionsPage(); }}>Options</a>
      </footer>
    </>
  );
}

function Loading() {
  return <div aria-busy="true" aria-label="Loading"><div class="skeleton" /><div class="skeleton" style="width:70%" /><div class="skeleton" style="width:85%" /></div>;
}

function CurrentPaper({ paper }: { paper: ArxivId }) {
  const [lookup] = useQuery(() => sendMessage('getPaper', paper.id), [paper.id]);
  if (lookup.status === 'loading') return <Loading />;
  if (lookup.status === 'error') return <p class="state error" role="alert">{lookup.message}</p>;
  return <PaperCard paper={paper} lookup={lookup.value} />;
}

function Today() {
  const [list, retry] = useQuery(() => sendMessage('getList', 'today'), []);
  return (
    <section aria-labelledby="today-heading">
      <h2 id="today-heading">Today on HF Daily Papers</h2>
      <p class="explain">Papers featured on Hugging Face Daily Papers{list.status === 'done' && list.value.label ? ` for ${list.value.label}` : ''}, by community upvotes.</p>
      <ListBody list={list} retry={retry} />
    </section>
  );
}

function ListBody({ list, retry }: { list: Query<ListView>; retry: () => void }) {
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <p class="state error" role="alert">{list.message} <button onClick={retry}>Retry</button></p>;
  const { papers, fetchedAt, error } = list.value;
  const offline = error !== undefined || !navigator.onLine;
  return (
    <>
      {papers.length > 0 ? <PaperList papers={papers} label="Today's Daily Papers" /> : (
        <p class={`state${error ? ' error' : ''}`} role="status">
          {error ? `Couldn't load Daily Papers: ${error}` : 'No Daily Papers yet today.'} <button onClick={retry}>Retry</button>
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
