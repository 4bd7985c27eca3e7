/**
 * The digest view: every pick of the local daily digest with its "why", newest digest first, plus the compact
 * settings. Showing it marks the digests seen (clears the toolbar count). Opened by the notification as
 * popup.html?view=digest&full=1.
 */
import { capabilities } from '../../shared/capabilities';
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../shared/messages';
import type { Settings } from '../../shared/settings';
import { timeAgo } from '../../shared/format';
import type { DigestRecord } from '../../shared/types';
import { useQuery } from '../use-query';
import { useSettings } from '../use-settings';
import { DigestSettings } from './digest-settings';
import { Loading } from './loading';
import { PaperList } from './paper-list';

export function DigestView() {
  const [digests, retry] = useQuery<DigestRecord[]>(() => sendMessage('getDigests'), []);
  const [settings, update] = useSettings();
  const unseen = digests.status === 'done' && digests.value.some((d) => !d.seen);
  useEffect(() => {
    if (unseen) void sendMessage('markDigestsSeen').catch(() => undefined);
  }, [unseen]);
  return (
    <section aria-labelledby="digest-heading" data-testid="digest">
      <h2 id="digest-heading">Your daily digest</h2>
      <p class="explain">{settings?.digestMode === 'for-you'
        ? 'For you: this week\'s HF Daily Papers ranked on this device against your reading list, each with why; no account needed.'
        : `Built on this device from HF Daily Papers${settings?.digestIncludeTrending === false ? '' : ' and HF Trending'}; no account needed.`}</p>
      {digests.status === 'loading' && <Loading />}
      {digests.status === 'error' && <p class="state error" role="alert">{digests.message} <button onClick={retry}>Retry</button></p>}
      {digests.status === 'done' && (digests.value.length === 0
        ? <p class="state" role="status">{settings?.digestSubscribed ? `No digest yet: the first one arrives at ${settings.digestTime} on your chosen days.` : `Subscribe to get the top papers of the day here${capabilities().notifications ? ' and as a notification' : ''}.`}</p>
        : digests.value.map((digest) => (
          <article key={digest.id} class="digest" data-testid="digest-day" data-day={digest.id}>
            <h3>{digest.id} <span class="explain">· {digest.picks.length} paper{digest.picks.length === 1 ? '' : 's'} · {timeAgo(digest.createdAt)}{digest.seen ? '' : ' · new'}</span></h3>
            <PaperList papers={digest.picks} label={`Digest of ${digest.id}`} testId="digest-list" />
          </article>
        )))}
      {settings && <SettingsBox settings={settings} update={update} />}
    </section>
  );
}

/** Open at first when not subscribed yet; afterwards the user's open/closed choice stands (not re-derived). */
function SettingsBox({ settings, update }: { settings: Settings; update: (patch: Partial<Settings>) => void }) {
  const [initiallyOpen] = useState(!settings.digestSubscribed);
  return (
    <details class="settings-box" open={initiallyOpen}>
      <summary>Digest settings</summary>
      <DigestSettings settings={settings} update={update} />
    </details>
  );
}
