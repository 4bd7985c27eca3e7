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
  // Beside the settings read, not after it: one round trip instead of two, so the answer is usually in before the
  // title is parsed. With the badge off the worker answers a page nothing and asks HF nothing (background/handlers.ts).
  const asked = sendMessage('getPaper', id).catch((error: unknown): PaperLookup => ({ state: 'error', message: String(error) }));
  const lookup = settings.then((s) => (s.absBadge ? asked : undefined));
  return { settings, lookup };
}

/** At document_start (a feature's `prepare`): the first `takeLookup(id)` gets this one. */
export function prefetchLookup(id: string): PaperLookupStart {
  early = { id, start: startLookup(id) };
  return early.start;
}

/** The prefetched lookup the first time; a fresh one afterwards (a settings change re-runs the feature). */
export function takeLookup(id: string): PaperLookupStart {
  const start = early?.id === id ? early.start : undefined;
  early = undefined;
  return start ?? startLookup(id);
}
