/** The watch's state for popup views: loaded once, polled every second while a pass runs (it takes ≥ 3 s per request). */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import type { WatchView } from '../../shared/watch-types';

export function useWatch(): [WatchView | undefined, string | undefined, (next: Promise<WatchView>) => void] {
  const [view, setView] = useState<WatchView>();
  const [error, setError] = useState<string>();
  const take = (next: Promise<WatchView>) => void next.then((v) => { setView(v); setError(undefined); }, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => take(sendMessage('watchView')), []);
  useEffect(() => {
    if (!view?.running) return undefined;
    const timer = setTimeout(() => take(sendMessage('watchView')), 1_000);
    return () => clearTimeout(timer);
  }, [view]);
  return [view, error, take];
}
