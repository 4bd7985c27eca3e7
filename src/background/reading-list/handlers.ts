/** The reading list's part of the protocol (spread into handlers.ts), thin over reading-actions / reading-list. */
import { exportReadingList } from '../../shared/export';
import type { Handlers } from '../../shared/messages';
import { changed, refill, remove, save } from './actions';
import { parseImport } from './import';
import { readWatch } from '../watch/store';
import { describeReport, getEntry, importEntries, listEntries, restoreEntry, updateEntry } from './entries';

type ReadingListKeys = 'readingList' | 'readingListEntry' | 'readingListSave' | 'readingListRemove' | 'readingListRestore'
  | 'readingListUpdate' | 'readingListSetStatus' | 'readingListExport' | 'readingListImport';

export const readingListHandlers: Pick<Handlers, ReadingListKeys> = {
  readingList: async () => {
    const entries = await listEntries();
    // Entries still without a title (a refill cut short by the worker stopping, or capped): try again, quietly.
    const bare = entries.filter((e) => !e.title).map((e) => e.id);
    if (bare.length) void refill(bare).catch(() => undefined);
    return entries;
  },
  readingListEntry: async (_sender, id) => getEntry(id),
  readingListSave: async (_sender, id, meta) => save(id, meta),
  readingListRemove: async (_sender, id) => remove(id),
  readingListRestore: async (_sender, entry) => {
    const restored = await restoreEntry(entry);
    await changed([restored.id]);
    return restored;
  },
  readingListUpdate: async (_sender, id, patch) => {
    const entry = await updateEntry(id, patch);
    await changed([entry.id]);
    return entry;
  },
  // Only the status, whatever else a page sends along: a page's script must not reach tags or notes.
  readingListSetStatus: async (_sender, id, status) => {
    const entry = await updateEntry(id, { status });
    await changed([entry.id]);
    return entry.status;
  },
  // BibTeX follows the watch: the latest version, and the journal ref / DOI arXiv has (background/watch/).
  readingListExport: async (_sender, format) => exportReadingList(format, (await listEntries()).sort((a, b) => a.addedAt - b.addedAt), Date.now(), (await readWatch()).papers),
  readingListImport: async (_sender, text) => {
    if (typeof text !== 'string') throw new Error('Import: expected the file as text');
    const { report, ids } = await importEntries(parseImport(text));
    await changed(ids);
    return { report, message: describeReport(report) };
  },
};
