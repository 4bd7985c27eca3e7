/**
 * Options (product.md §6) beyond the on/off toggles: the chips' minimum upvotes, the optional HF token (storage.local
 * only, sent only to huggingface.co by background/hf.ts) and clearing the cache (the reading list and digests stay).
 */
import { useState } from 'preact/hooks';
import { sendMessage } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { t } from '../shared/i18n';

export function AdvancedSettings({ settings, update }: { settings: Settings; update: (patch: Partial<Settings>) => void }) {
  const [token, setToken] = useState<string | undefined>(undefined);
  const [cleared, setCleared] = useState('');
  const shownToken = token ?? settings.hfToken;
  const clear = () => {
    setCleared(t('optClearing', 'Clearing…'));
    sendMessage('clearCache').then(
      () => setCleared(t('optCleared', 'Cache cleared. Your reading list and digests were kept.')),
      (error: unknown) => setCleared(`${t('optClearFailed', "Couldn't clear the cache:")} ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  return (
    <>
      <div>
        <label>
          {t('optMinUpvotes', 'Minimum upvotes for a chip')}
          <input type="number" min={0} max={10000} step={1} value={settings.minUpvotes} data-testid="min-upvotes"
            onChange={(e) => update({ minUpvotes: Math.max(0, Math.floor(Number(e.currentTarget.value) || 0)) })} />
        </label>
        <p class="hint">{t('optMinUpvotesHint', 'Listing and search chips below this count are hidden. 0 shows every paper HF knows.')}</p>
      </div>
      <h2>{t('optTokenHeading', 'Hugging Face token (optional)')}</h2>
      <form class="token" onSubmit={(e) => {
        e.preventDefault();
        update({ hfToken: shownToken.trim() });
        setToken(undefined);
      }}>
        <label>
          {t('optTokenLabel', 'Access token')}
          <input type="password" autocomplete="off" spellcheck={false} placeholder="hf_…" value={shownToken} data-testid="hf-token"
            onInput={(e) => setToken(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('optSave', 'Save')}</button>
        {settings.hfToken && <button type="button" onClick={() => (update({ hfToken: '' }), setToken(undefined))}>{t('optRemove', 'Remove')}</button>}
      </form>
      <p class="hint" style="margin-left:0">{t('optTokenHint', "Raises Hugging Face's rate limit. Stored on this device only (never synced) and sent only to huggingface.co. A read-only token is enough.")}</p>
      <h2>{t('optCacheHeading', 'Cache')}</h2>
      <p>
        <button type="button" onClick={clear} data-testid="clear-cache">{t('optClearCache', 'Clear cached papers and lists')}</button>{' '}
        <span role="status" data-testid="clear-status">{cleared}</span>
      </p>
    </>
  );
}
