/** Settings, live: read once, then follow storage changes (another popup, the options page, another device). */
import browser from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import { getSettings, setSettings, type Settings } from '../shared/settings';

export function useSettings(): [Settings | undefined, (patch: Partial<Settings>) => void] {
  const [settings, setState] = useState<Settings>();
  useEffect(() => {
    let live = true;
    const reload = () => void getSettings().then((s) => live && setState(s));
    reload();
    const listener = (_changes: unknown, area: string) => (area === 'sync' || area === 'local') && reload();
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  const update = (patch: Partial<Settings>) => {
    setState((s) => (s ? { ...s, ...patch } : s));
    void setSettings(patch);
  };
  return [settings, update];
}
