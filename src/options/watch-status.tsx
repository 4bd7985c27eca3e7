/** The options page's line on the arXiv watch: the last pass and its outcome (the same words as the Changes view). */
import { passLine } from '../popup/components/changes-view';
import { useWatch } from '../popup/components/use-watch';

export function WatchStatusLine() {
  const [view, error] = useWatch();
  if (error) return <span class="error">Watch: {error}</span>;
  return view ? <span>Watch: {passLine(view)}</span> : null;
}
