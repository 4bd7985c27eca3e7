/**
 * The "Reading list" view: search (title, authors, notes, tags), filter by status and tag, sort, change status,
 * edit note and tags inline, remove with undo, export and import. Entries come from the worker (IndexedDB) and
 * reload whenever the saved ids change anywhere (another tab, the context menu, sync).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import { capabilities } from '../../shared/capabilities';
import type { ReadingListEntry, ReadingStatus } from '../../shared/types';
import { useSavedIds } from '../use-saved-ids';
import { Loading } from './loading';
import { ReadingListIo } from './reading-list-io';
import { authorLine } from './paper-card';
import { STATUS_LABELS } from './save-toggle';
import { SyncStatusLine } from './sync-status';
import { useWatch } from './use-watch';
import { WatchLine } from './watch-line';
import type { WatchView } from '../../shared/watch-types';
import { useZoteroMarks } from './use-zotero';
import { ZoteroBulkSend } from './zotero-bulk';
import { ZoteroActions, ZoteroMark } from './zotero-actions';
import type { ZoteroMarks } from '../../shared/zotero';

type Sort = 'added' | 'upvotes' | 'title';
const SORTS: Record<Sort, string> = { added: 'Recently added', upvotes: 'Upvotes', title: 'Title' };

/** Where papers can be saved from, naming only what this browser has (no menu or shortcut on Firefox for Android). */
function saveHint(): string {
  const { contextMenus, commands } = capabilities();
  const ways = ['☆ Save on arXiv pages', ...(contextMenus ? ['the context menu'] : []), ...(commands ? ['Alt+Shift+S'] : [])];
  return `Save papers with ${ways.length > 1 ? `${ways.slice(0, -1).join(', ')} or ${ways.at(-1)}` : ways[0]}.`;
}

export function filterEntries(entries: ReadingListEntry[], query: string, status: string, tag: string, sort: Sort): ReadingListEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = entries.filter((e) => {
    if (status && e.status !== status) return false;
    if (tag && !e.tags.includes(tag)) return false;
    const haystack = `${e.id} ${e.title} ${e.authors.join(' ')} ${e.note} ${e.tags.join(' ')}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  const upvotes = (e: ReadingListEntry) => e.lastSeenUpvotes ?? e.upvotesAtSave ?? -1;
  const compare: Record<Sort, (a: ReadingListEntry, b: ReadingListEntry) => number> = {
    added: (a, b) => b.addedAt - a.addedAt,
    upvotes: (a, b) => upvotes(b) - upvotes(a) || b.addedAt - a.addedAt,
    title: (a, b) => (a.title || a.id).localeCompare(b.title || b.id),
  };
  return shown.sort(compare[sort]);
}

export function ReadingListView() {
  const saved = useSavedIds();
  const [watch, , takeWatch] = useWatch();
  const toggleWatch = (id: string, on: boolean) => takeWatch(sendMessage('watchSetPaper', id, on).then(() => sendMessage('watchView')));
  const [entries, setEntries] = useState<ReadingListEntry[]>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState<Sort>('added');
  const [removed, setRemoved] = useState<ReadingListEntry>();
  const [editError, setEditError] = useState<string>();
  const undoTimer = useRef<number | undefined>(undefined);
  const undoButton = useRef<HTMLButtonElement>(null);
  // The removed row's button is gone: keyboard focus goes to Undo, the one thing likely wanted next.
  useEffect(() => {
    if (removed) undoButton.current?.focus();
  }, [removed]);

  const reload = () => sendMessage('readingList').then(setEntries, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  // Once the saved ids are known, and again whenever they change (not also before: that would load the list twice).
  useEffect(() => {
    if (saved) void reload();
  }, [saved]);

  const tags = useMemo(() => [...new Set((entries ?? []).flatMap((e) => e.tags))].sort(), [entries]);
  const shown = useMemo(() => filterEntries(entries ?? [], query, status, tag, sort), [entries, query, status, tag, sort]);
  const [zoteroSaves, setZoteroSaves] = useState(0);
  const marks = useZoteroMarks(useMemo(() => (entries ?? []).map((e) => e.id), [entries]), zoteroSaves);
  const zoteroSaved = () => setZoteroSaves((n) => n + 1);

  const update = (id: string, patch: { status?: ReadingStatus; tags?: string[]; note?: string }) =>
    sendMessage('readingListUpdate', id, patch).then((next) => setEntries((all) => all?.map((e) => (e.id === id ? { ...e, ...next } : e))),
      (e: unknown) => setEditError(e instanceof Error ? e.message : String(e)));
  const remove = async (entry: ReadingListEntry) => {
    await sendMessage('readingListRemove', entry.id);
    setRemoved(entry);
    clearTimeout(undoTimer.current);
    undoTimer.current = window.setTimeout(() => setRemoved(undefined), 10_000);
  };
  const undo = async () => {
    if (!removed) return;
    await sendMessage('readingListRestore', removed);
    setRemoved(undefined);
  };
  if (error) return <p class="state error" role="alert">{error} <button type="button" onClick={() => void reload()}>Retry</button></p>;
  if (!entries) return <Loading />;
  return (
    <section aria-labelledby="rl-heading" class="reading-list">
      <h2 id="rl-heading">Reading list <span class="count-note">({entries.length})</span></h2>
      <div class="rl-tools" role="search">
        <input type="search" placeholder="Search title, authors, notes, tags" aria-label="Search the reading list" value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
        <select aria-label="Filter by status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">All statuses</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <select aria-label="Filter by tag" value={tag} onChange={(e) => setTag((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">All tags</option>
          {tags.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <select aria-label="Sort" value={sort} onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as Sort)}>
          {Object.entries(SORTS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <ReadingListIo empty={entries.length === 0} onImported={() => void reload()} />
      {shown.length > 0 && <ZoteroBulkSend ids={shown.map((e) => e.id)} filtered={shown.length < entries.length} onSaved={zoteroSaved} />}
      {editError && <p class="rl-notice error" role="alert">Couldn't save that change: {editError}</p>}
      {entries.length === 0 ? (
        <p class="state" role="status">Your reading list is empty. {saveHint()}</p>
      ) : shown.length === 0 ? (
        <p class="state" role="status">No entry matches. <button type="button" onClick={() => { setQuery(''); setStatus(''); setTag(''); }}>Clear filters</button></p>
      ) : (
        <ol class="rl" data-testid="reading-list" aria-label="Reading list entries">
          {shown.map((entry) => <Entry key={entry.id} entry={entry} onUpdate={update} onRemove={remove} watch={watch} onWatch={toggleWatch} marks={marks} onZoteroSaved={zoteroSaved} />)}
        </ol>
      )}
      <SyncStatusLine />
      {removed && (
        <p class="undo" role="status" data-testid="undo-bar">
          Removed “{removed.title || `arXiv:${removed.id}`}”. <button type="button" ref={undoButton} onClick={() => void undo()}>Undo</button>
        </p>
      )}
    </section>
  );
}

/** arXiv's meta tags say "Last, First" (kept for BibTeX); lists read better as "First Last", like HF's names. */
const displayName = (name: string) => name.replace(/^([^,]+),\s*([^,]+)$/, '$2 $1');

/**
 * A text field that keeps what the user is typing: a value arriving from elsewhere (another update landing, sync)
 * replaces it only while the field is not being edited. Commits on change (blur or Enter).
 */
function Draft({ value, onCommit, multiline, ...props }: { value: string; onCommit: (v: string) => void; multiline?: boolean } & Record<string, unknown>) {
  const [draft, setDraft] = useState(value);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);
  const common = {
    ...props,
    value: draft,
    onFocus: () => { editing.current = true; },
    onInput: (e: Event) => setDraft((e.currentTarget as HTMLInputElement).value),
    onChange: (e: Event) => {
      editing.current = false;
      const next = (e.currentTarget as HTMLInputElement).value;
      if (next !== value) onCommit(next);
    },
    onBlur: () => { editing.current = false; },
  };
  return multiline ? <textarea rows={1} {...common} /> : <input {...common} />;
}

function Entry({ entry, onUpdate, onRemove, watch, onWatch, marks, onZoteroSaved }: {
  entry: ReadingListEntry;
  watch?: WatchView;
  onWatch: (id: string, on: boolean) => void;
  marks: ZoteroMarks | undefined;
  onZoteroSaved: () => void;
  onUpdate: (id: string, patch: { status?: ReadingStatus; tags?: string[]; note?: string }) => void;
  onRemove: (entry: ReadingListEntry) => void;
}) {
  const upvotes = entry.lastSeenUpvotes ?? entry.upvotesAtSave;
  const name = entry.title || entry.id;
  return (
    <li data-arxiv-id={entry.id} data-status={entry.status}>
      <div class="rl-head">
        <a class="ptitle" href={`https://arxiv.org/abs/${entry.id}`} target="_blank" rel="noopener noreferrer">{entry.title || `arXiv:${entry.id}`}</a>
        {upvotes !== undefined && <span class="votes-inline" aria-label={`${upvotes} upvotes`}>▲ {upvotes}</span>}
      </div>
      <span class="pmeta">{entry.authors.length ? `${authorLine(entry.authors.map(displayName))} · ` : ''}arXiv:{entry.id} <ZoteroMark id={entry.id} marks={marks} /></span>
      <WatchLine id={entry.id} name={name} view={watch} onToggle={(on) => onWatch(entry.id, on)} />
      <div class="rl-edit">
        <select aria-label={`Status of ${name}`} value={entry.status}
          onChange={(e) => onUpdate(entry.id, { status: (e.currentTarget as HTMLSelectElement).value as ReadingStatus })}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <Draft class="tags" aria-label={`Tags of ${name}, comma-separated`} placeholder="tags, comma-separated" value={entry.tags.join(', ')}
          onCommit={(text) => onUpdate(entry.id, { tags: text.split(',').map((t) => t.trim()).filter(Boolean) })} />
        <button type="button" class="remove" aria-label={`Remove ${name} from the reading list`} onClick={() => onRemove(entry)}>Remove</button>
      </div>
      <Draft multiline class="note" aria-label={`Note on ${name}`} placeholder="Note" value={entry.note} onCommit={(note) => onUpdate(entry.id, { note })} />
      <ZoteroActions id={entry.id} compact onSaved={onZoteroSaved} />
    </li>
  );
}
