/** The saved ids, live: the worker's mirror in storage.local (shared/saved-ids.ts), so every view agrees at once. */
import { useEffect, useState } from 'preact/hooks';
import { followSavedIds } from '../shared/saved-ids';

export function useSavedIds(): Set<string> | undefined {
  const [ids, setIds] = useState<Set<string>>();
  useEffect(() => {
    const controller = new AbortController();
    followSavedIds(setIds, controller.signal);
    return () => controller.abort();
  }, []);
  return ids;
}
