/**
 * One paper's lookup as its page shows it (with the 24-hour gain), shared by the askers of one page load: the toolbar
 * badge asks when the tab's address changes (toolbar-badge/action-badge.ts) and the page's own badge asks for the
 * same paper ~50 ms later (its content script starts once the document exists, and its badge waits for this answer:
 * bench "html: title parsed → badge"). An answer is reused for SHARE_MS; any write of paper data (a list refresh, a
 * fetched paper, Clear cache) ends the sharing, so a shared answer is never older than what the cache holds.
 */
import type { PaperLookup } from '../../shared/types';
import { onShardsWritten } from '../db';
import { withGain } from '../replica/rising';
import { getPaper } from './papers';

const SHARE_MS = 2000;
const recent = new Map<string, { at: number; answer: Promise<PaperLookup> }>();
onShardsWritten(() => recent.clear());

export function pageLookup(id: string, now = Date.now()): Promise<PaperLookup> {
  for (const [key, entry] of recent) if (now - entry.at > SHARE_MS) recent.delete(key);
  const shared = recent.get(id);
  if (shared) return shared.answer;
  const answer = getPaper(id, now).then((lookup) => withGain(lookup, now));
  recent.set(id, { at: now, answer });
  // Errors are not shared: the next asker tries again.
  const forget = () => void (recent.get(id)?.answer === answer && recent.delete(id));
  answer.then((lookup) => lookup.state === 'error' && forget(), forget);
  return answer;
}
