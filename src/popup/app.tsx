/**
 * Popup layout: header, one tab per view, footer. The first view is the current paper when the active
 * tab is one, else the trending lists. `?view=<id>` opens a given view (notification clicks, tests).
 */
import browser from 'webextension-polyfill';
import { useState } from 'preact/hooks';
import type { ArxivId } from '../shared/types';
import { tabPage } from './active-tab';
import { CurrentPaper } from './components/current-paper';
import { Loading } from './components/loading';
import { ReadingListView } from './components/reading-list-view';
import { SearchView } from './components/search-view';
import { Tabs, type TabDef } from './components/tabs';
import { DigestView } from './components/digest-view';
import { ChangesView } from './components/changes-view';
import { ReplicaStatusLine } from './components/replica-status';
import { SubscribeToggle } from './components/subscribe-toggle';
import { TrendingPanel } from './components/trending-panel';
import { useQuery } from './use-query';
import { useSettings } from './use-settings';

interface View extends TabDef {
  render: (paper: ArxivId | undefined) => preact.ComponentChildren;
}

/** Views other than the current paper, in tab order. */
const views: View[] = [
  { id: 'trending', label: 'Trending', render: () => <TrendingPanel /> },
  { id: 'search', label: 'Search', render: () => <SearchView /> },
  { id: 'reading-list', label: 'Reading list', render: () => <ReadingListView /> },
  { id: 'digest', label: 'Digest', render: () => <DigestView /> },
  { id: 'changes', label: 'Changes', render: () => <ChangesView /> },
];

export function App({ tabId, initialView }: { tabId?: number; initialView?: string }) {
  const [tab] = useQuery(() => tabPage(tabId), [tabId]);
  const [chosen, setChosen] = useState<string | undefined>(initialView);
  const [settings, updateSettings] = useSettings();
  const paper = tab.status === 'done' ? tab.value.page?.paper : undefined;
  const all: View[] = paper ? [{ id: 'paper', label: 'This paper', render: (p) => <CurrentPaper paper={p!} /> }, ...views] : views;
  const selected = all.find((v) => v.id === chosen) ?? all[0]!;
  return (
    <>
      <header>
        <h1><img src="icons/32.png" alt="" />Paper Pulse</h1>
        <SubscribeToggle settings={settings} update={updateSettings} />
      </header>
      {tab.status === 'loading' ? <main><Loading /></main> : (
        <Tabs tabs={all} selected={selected.id} onSelect={setChosen}>
          <main>{selected.render(paper)}</main>
        </Tabs>
      )}
      <footer>
        <ReplicaStatusLine />
        <span class="spacer" />
        <a href="#" onClick={(e) => { e.preventDefault(); void browser.runtime.openOptionsPage(); }}>Options</a>
      </footer>
    </>
  );
}
