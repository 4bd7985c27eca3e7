/**
 * "In Zotero ✓" on listing, catchup, author and search pages: once the worker says Zotero can be asked, one question
 * for every entry's id (it answers from its cached index of the user's Zotero libraries, refreshed at most every 30
 * minutes), then a small mark on the link line of each entry Zotero holds. Nothing at all when the marks are off or
 * Zotero couldn't be asked: 2,000 "not checked" marks would be clutter, and the popup says why.
 *
 * Test URLs: https://arxiv.org/list/cs.LG/new  https://arxiv.org/search/?query=keyword&searchtype=all
 */
import { sendMessage } from '../../shared/messages';
import { listingEntries, searchEntries } from '../entries';
import { defineFeature, removeOnAbort } from '../feature';
import { createHost } from '../ui/shadow-host';
import { zoteroMark } from '../ui/zotero-card';

export const zoteroMarks = defineFeature({
  id: 'zotero-marks',
  include: ['listing', 'catchup', 'author', 'search'],
  async init({ page, signal }) {
    // First only whether Zotero can be asked: with the marks off (the default) a page sends none of its 2,000 ids.
    const asked = await sendMessage('zoteroMarks', []);
    if (signal.aborted || asked.state !== 'checked') return;
    const entries = page.kind === 'search' ? searchEntries() : listingEntries();
    if (entries.length === 0) return;
    const marks = await sendMessage('zoteroMarks', entries.map((e) => e.id));
    if (signal.aborted || marks.state !== 'checked') return;
    const held = new Set(marks.held);
    for (const entry of entries) {
      if (!held.has(entry.id)) continue;
      const { host, root } = createHost('zotero', entry.id);
      root.append(zoteroMark(entry.id, marks)!);
      (entry.anchor.closest('dt, p.list-title') ?? entry.anchor.parentElement!).append(host);
      removeOnAbort(host, signal);
    }
  },
});
