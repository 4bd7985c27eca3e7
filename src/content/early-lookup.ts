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

/** A badge built before the title exists; `take(id)` hands it over once, for that paper only. */
export interface Prepared<T> {
  take(id: string | undefined): T | undefined;
}

/**
 * At document_start (a badge feature's `prepare`): asks, and when both answers are in while the page's title is not
 * parsed yet, builds the badge with them, so the title's parse only inserts it (bench "abs: title parsed → badge").
 * The first `takeLookup(id)` gets this lookup; `take(id)` the built badge, once.
 */
export function prepareFromAnswers<T>(id: string, title: string, build: (settings: PageSettings, lookup: PaperLookup | undefined) => T | undefined): Prepared<T> {
  const start = startLookup(id);
  early = { id, start };
  let built: T | undefined;
  void Promise.all([start.settings, start.lookup]).then(([settings, lookup]) => {
    // Not once the feature has started: it awaits these answers itself.
    if (document.readyState === 'loading' && !document.querySelector(title)) built = build(settings, lookup);
  }, () => undefined);
  return {
    take(asked) {
      const taken = asked === id ? built : undefined;
      built = undefined;
      return taken;
    },
  };
}

/** The prefetched lookup the first time; a fresh one afterwards (a settings change re-runs the feature). */
export function takeLookup(id: string): PaperLookupStart {
  const start = early?.id === id ? early.start : undefined;
  early = undefined;
  return start ?? startLookup(id);
}
