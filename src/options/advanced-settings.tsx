/**
 * Options (product.md §6) beyond the on/off toggles: the chips' minimum upvotes, the optional HF token (kept by the
 * worker, sent only to huggingface.co: background/hf/token.ts) and clearing the cache (the reading list and digests stay).
 */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { t } from '../shared/i18n';

export function AdvancedSettings({ settings, update }: { settings: Settings; update: (patch: Partial<Settings>) => void }) {
  const [cleared, setCleared] = useState('');
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
      <TokenSettings />
      <h2>{t('optCacheHeading', 'Cache')}</h2>
      <p>
        <button type="button" onClick={clear} data-testid="clear-cache">{t('optClearCache', 'Clear cached papers and lists')}</button>{' '}
        <span role="status" data-testid="clear-status">{cleared}</span>
      </p>
    </>
  );
}

/** The token field: write-only (the page is told whether a token is set, never shown it back). */
function TokenSettings() {
  const [token, setToken] = useState('');
  const [isSet, setIsSet] = useState(false);
  const [status, setStatus] = useState('');
  useEffect(() => void sendMessage('hfTokenState').then((state) => setIsSet(state.set), () => undefined), []);
  const save = (value: string) => sendMessage('setHfToken', value).then((state) => {
    setIsSet(state.set);
    setToken('');
    setStatus(state.set ? t('optTokenSaved', 'Token saved on this device.') : t('optTokenRemoved', 'Token removed.'));
  }, (error: unknown) => setStatus(error instanceof Error ? error.message : String(error)));
  return (
    <>
      <h2>{t('optTokenHeading', 'Hugging Face token (optional)')}</h2>
      <form class="token" onSubmit={(e) => {
        e.preventDefault();
        if (token.trim()) void save(token);
      }}>
        <label>
          {t('optTokenLabel', 'Access token')}
          <input type="password" autocomplete="off" spellcheck={false} placeholder={isSet ? '••••••••' : 'hf_…'} value={token} data-testid="hf-token"
            onInput={(e) => setToken(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('optSave', 'Save')}</button>
        {isSet && <button type="button" onClick={() => void save('')}>{t('optRemove', 'Remove')}</button>}
        <span role="status" data-testid="token-status">{status}</span>
      </form>
      <p class="hint" style="margin-left:0">{t('optTokenHint', "Raises Hugging Face's rate limit. Stored on this device only (never synced), out of reach of the scripts on arXiv pages, and sent only to huggingface.co. A read-only token is enough.")}</p>
    </>
  );
}
