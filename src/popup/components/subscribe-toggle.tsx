/**
 * Header switch for the local daily digest (product.md §4), next to a link to HF's own email digest, which
 * needs an HF login (hf-api.md §7: there is no public subscribe endpoint). The worker follows the setting:
 * storage change → alarm created or cleared (background/digest/digest.ts).
 */
import type { Settings } from '../../shared/settings';

export function SubscribeToggle({ settings, update }: { settings: Settings | undefined; update: (patch: Partial<Settings>) => void }) {
  const on = settings?.digestSubscribed ?? false;
  const days = settings?.digestDays.length === 5 && [1, 2, 3, 4, 5].every((d) => settings.digestDays.includes(d)) ? 'weekdays' : 'chosen days';
  return (
    <div class="subscribe">
      <button type="button" role="switch" aria-checked={on} disabled={!settings} data-testid="subscribe"
        title={settings ? `Local daily digest: ${days} at ${settings.digestTime}, top ${settings.digestCount}` : undefined}
        onClick={() => update({ digestSubscribed: !on })}>
        <span class="knob" aria-hidden="true" />Subscribe
      </button>
      <a href="https://huggingface.co/papers" target="_blank" rel="noopener noreferrer" title="HF's own email digest (needs a Hugging Face login)">Email digest on huggingface.co</a>
    </div>
  );
}
