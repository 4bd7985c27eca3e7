/** Message → state for preact components: loading, value or error, re-run when deps change. */
import { useEffect, useState } from 'preact/hooks';

export type Query<T> = { status: 'loading' } | { status: 'done'; value: T } | { status: 'error'; message: string };

export function useQuery<T>(run: () => Promise<T>, deps: unknown[]): [Query<T>, () => void] {
  const [state, setState] = useState<Query<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    run().then(
      (value) => live && setState({ status: 'done', value }),
      (error: unknown) => live && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, generation]);
  return [state, () => setGeneration((g) => g + 1)];
}
