/** What storage.sync carries of the reading list: written by background/reading-list/sync.ts after each push, shown by the popup. */
export const SYNC_STATUS_KEY = 'readingListSync';

export interface SyncStatus {
  at: number;
  bytes: number;
  entries: number;
  notesLocal: number;
  notSynced: number;
  error?: string;
}
