/** The options page's line on the watch: each side's last check and its outcome (the same words as the Changes view). */
import { hfLine, passLine } from '../popup/components/changes-view';
import { useWatch } from '../popup/components/use-watch';

export function WatchStatusLine() {
  const [view, error] = useWatch();
  if (error) return <span class="error">Watch: {error}</span>;
  return view ? <span>Watch: {passLine(view)} {hfLine(view)}</span> : null;
}
