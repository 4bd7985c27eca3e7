/**
 * The Search view: a box over every paper cached in this browser (title, authors, abstract, AI keywords), answered
 * by the worker's local index on every keystroke — no network, so it works offline. Keyboard: ↓ from the box moves
 * into the results, ↑/↓ move between them (↑ from the first returns to the box), Enter opens one (Enter in the box
 * opens the best match), Tab reaches each result's Save button.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import type { SearchView as Answer } from '../../shared/types';
import { Loading } from './loading';
import { PaperList } from './paper-list';

/** While the first index over the cache is built, ask again this often. */
const BUILDING_RETRY_MS = 400;

type State = { status: 'loading' } | { status: 'done'; answer: Answer } | { status: 'error'; message: string };

export function SearchView() {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<State>({ status: 'loading' });
  const [retries, setRetries] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // Answers of earlier keystrokes that arrive late are dropped with their effect (`live`).
    sendMessage('searchPapers', query).then((answer) => {
      if (!live) return;
      setState({ status: 'done', answer });
      if (answer.state === 'building') retry = setTimeout(() => setRetries((n) => n + 1), BUILDING_RETRY_MS);
    }, (error: unknown) => live && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, [query, retries]);

  const links = () => [...(results.current?.querySelectorAll<HTMLAnchorElement>('a.ptitle') ?? [])];
  const onBoxKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && links()[0]) {
      event.preventDefault();
      links()[0]!.focus();
    } else if (event.key === 'Enter' && links()[0]) {
      event.preventDefault();
      links()[0]!.click();
    }
  };
  const onListKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    const at = all.findIndex((a) => a.closest('li')?.contains(document.activeElement));
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) input.current?.focus();
    else all[Math.min(next, all.length - 1)]!.focus();
  };

  return (
    <section class="search" aria-label="Search cached papers">
      <input ref={input} type="search" value={query} data-testid="search-box" aria-label="Search cached papers by title, author, abstract or keyword"
        placeholder="Title, author, abstract words…" aria-controls="search-results" aria-describedby="search-status" autoComplete="off" spellcheck={false}
        onInput={(e) => setQuery(e.currentTarget.value)} onKeyDown={onBoxKey} />
      <Status state={state} />
      <div id="search-results" ref={results} onKeyDown={onListKey}>
        {state.status === 'loading' && <Loading />}
        {state.status === 'done' && state.answer.items.length > 0 && <PaperList papers={state.answer.items} label="Search results" testId="search-results" />}
      </div>
    </section>
  );
}

function Status({ state }: { state: State }) {
  const text = (() => {
    if (state.status === 'loading') return '';
    if (state.status === 'error') return `Search failed: ${state.message}`;
    const { answer } = state;
    const corpus = `${answer.indexed.toLocaleString('en')} cached papers`;
    if (answer.state === 'building') return 'Building the search index over the cached papers…';
    if (answer.blank) return `Searches the ${corpus} in this browser: title, authors, abstract, AI keywords. Works offline.`;
    if (!answer.total) return `No cached paper matches “${answer.query.trim()}”.`;
    const shown = answer.items.length < answer.total ? ` (best ${answer.items.length} shown)` : '';
    return `${answer.total.toLocaleString('en')} of ${corpus} match${shown}; title and author matches first.`;
  })();
  const kind = state.status === 'done' ? (state.answer.state === 'building' ? 'building' : state.answer.blank ? 'blank' : state.answer.total ? 'results' : 'none') : state.status;
  return <p id="search-status" class={`explain search-status${state.status === 'error' ? ' error' : ''}`} role="status" data-testid="search-status" data-state={kind}>{text}</p>;
}
