/**
 * Single-paper pages (abs, HTML): the settings read and the paper lookup start at document_start, so both answers are
 * usually in by DOMContentLoaded and the badge is drawn in one go (two serial round trips after DOMContentLoaded
 * cost the abs page ~60 ms, over its 50 ms budget). The lookup waits for the settings: with the badge turned off
 * nothing is asked, early or not.
 */
import { sendMessage } from '../shared/messages';
import { getPageSettings, type PageSettings } from '../shared/page-settings';
import type { PaperLookup } from '../shared/types';

export interface PaperLookupStart {
  settings: Promise<PageSettings>;
  /** undefined when the badge is turned off. */
  lookup: Promise<PaperLookup | undefined>;
}

let early: { id: string; start: PaperLookupStart } | undefined;

function startLookup(id: string): PaperLookupStart {
  const settings = getPageSettings();
  const lookup = settings.then((s) => (s.absBadge
    ? sendMessage('getPaper', id).catch((error: unknown): PaperLookup => ({ state: 'error', message: String(error) }))
    : undefined));
  return { settings, lookup };
}

export function prefetchLookup(id: string): void {
  early = { id, start: startLookup(id) };
}

/** The prefetched lookup the first time; a fresh one afterwards (a settings change re-runs the feature). */
export function takeLookup(id: string): PaperLookupStart {
  const start = early?.id === id ? early.start : undefined;
  early = undefined;
  return start ?? startLookup(id);
}
