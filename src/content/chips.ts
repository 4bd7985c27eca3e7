/**
 * Chips + controls for any page made of entries (listings, catchup, author and search pages): one settings read, ONE
 * message for all ids (answered from the worker's bulk lists), then one synchronous DOM write phase. arXiv renders
 * these pages on the server, so there is no MutationObserver: MathJax only re-typesets inside `.mathjax` elements,
 * and the chips sit outside them. Everything added or moved is undone when the signal aborts.
 */
import { sendMessage } from '../shared/messages';
import { getSettings, setSettings } from '../shared/settings';
import { arrange } from './arrangement';
import type { PageEntry } from './entries';
import { removeOnAbort } from './feature';
import { renderChip } from './ui/chip';
import { renderControls } from './ui/listing-controls';

export interface ChipOptions {
  /** The per-surface switch of the options page. */
  setting: 'listingChips' | 'searchChips';
  /** Where the controls bar goes: before this element. */
  controlsBefore: (first: PageEntry) => Element;
}

export async function decorate(entries: PageEntry[], options: ChipOptions, signal: AbortSignal): Promise<void> {
  const settings = await getSettings();
  if (!settings[options.setting] || entries.length === 0 || signal.aborted) return;
  const ids = [...new Set(entries.filter((e) => e.isNew).map((e) => e.id))];
  const papers = ids.length > 0 ? await sendMessage('getPapersBulk', ids) : {};
  if (signal.aborted) return;

  const upvotes = new Map<PageEntry, number>();
  const hosts: HTMLElement[] = [];
  for (const entry of entries) {
    const paper = entry.isNew ? papers[entry.id] : undefined;
    if (!paper || paper.upvotes < settings.minUpvotes) continue;
    upvotes.set(entry, paper.upvotes);
    const host = renderChip(entry.id, paper);
    entry.anchor.after(host);
    hosts.push(host);
  }
  const arrangement = arrange(entries, upvotes);
  const state = { sorted: settings.listingSort === 'upvotes', onlyHf: settings.listingOnlyHf };
  const controls = renderControls(upvotes.size, entries.length, state, (next) => {
    arrangement.sortByUpvotes(next.sorted);
    arrangement.onlyKnown(next.onlyHf);
    void setSettings({ listingSort: next.sorted ? 'upvotes' : 'original', listingOnlyHf: next.onlyHf }).catch(() => undefined);
  });
  const first = entries[0]!;
  options.controlsBefore(first).before(controls);
  arrangement.sortByUpvotes(state.sorted);
  arrangement.onlyKnown(state.onlyHf);

  removeOnAbort(controls, signal);
  signal.addEventListener('abort', () => {
    arrangement.restore();
    for (const host of hosts) host.remove();
  }, { once: true });
}
