/**
 * The options page's "Other sites" section (issue 15): per optional site an "Enable on …" button that asks the browser
 * for that site's origins from the click itself, then a switch (marks on/off, the permission kept) and "Disable" (the
 * permission given back). The worker registers and unregisters the site's content script from the same state
 * (background/other-sites/scripts.ts), so this page only changes the permission and the switch.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { OPTIONAL_SITES, SITES_OFF_KEY, sitesOffFrom, type OptionalSite, type SiteKey } from '../shared/other-sites';

type Granted = Partial<Record<SiteKey, boolean>>;

function useSiteState(): [Granted, Set<SiteKey>] {
  const [granted, setGranted] = useState<Granted>({});
  const [off, setOff] = useState<Set<SiteKey>>(new Set());
  useEffect(() => {
    const check = () => void Promise.all(OPTIONAL_SITES.map(async (s) => [s.key, await browser.permissions.contains({ origins: s.origins }).catch(() => false)] as const))
      .then((pairs) => setGranted(Object.fromEntries(pairs)));
    const readOff = () => void browser.storage.local.get(SITES_OFF_KEY).then((v) => setOff(sitesOffFrom(v[SITES_OFF_KEY])));
    const onStorage = (changes: Record<string, unknown>, area: string) => void (area === 'local' && SITES_OFF_KEY in changes && readOff());
    check();
    readOff();
    // Granted or revoked elsewhere too (the browser's own extension settings): follow at once.
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);
  return [granted, off];
}

async function setSwitch(key: SiteKey, on: boolean): Promise<void> {
  const off = sitesOffFrom((await browser.storage.local.get(SITES_OFF_KEY))[SITES_OFF_KEY]);
  if (on) off.delete(key);
  else off.add(key);
  await browser.storage.local.set({ [SITES_OFF_KEY]: [...off] });
}

function SiteRow({ site, granted, on }: { site: OptionalSite; granted: boolean | undefined; on: boolean }) {
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState('');
  const enable = () => {
    setProblem('');
    setAsking(true);
    // request() first, synchronously in the click: any await before it loses the user gesture (Firefox rejects then).
    browser.permissions.request({ origins: site.origins })
      .then(async (ok) => {
        if (ok) await setSwitch(site.key, true);
        else setProblem(`Not granted: ${site.name} stays as it is.`);
      }, (error: unknown) => setProblem(`Couldn't ask: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => setAsking(false));
  };
  const disable = () => {
    setProblem('');
    void browser.permissions.remove({ origins: site.origins }).then(
      (ok) => (ok ? setSwitch(site.key, true) : setProblem(`Your browser kept the access to ${site.name}; remove it in its extension settings.`)),
      (error: unknown) => setProblem(`Couldn't remove the access: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  return (
    <div class="site" data-testid={`site-${site.key}`} data-granted={String(!!granted)} data-on={String(!!granted && on)}>
      <div class="site-line">
        <strong>{site.name}</strong>
        {granted === false && (
          <button type="button" data-testid="site-enable" disabled={asking} onClick={enable}>
            {asking ? 'Waiting for your browser’s answer…' : `Enable on ${site.name}`}
          </button>
        )}
        {granted && (
          <>
            <label><input type="checkbox" data-testid="site-switch" checked={on} onChange={(e) => void setSwitch(site.key, e.currentTarget.checked)} />
              Show marks on {site.name}</label>
            <button type="button" data-testid="site-disable" onClick={disable}>Disable</button>
          </>
        )}
      </div>
      <p class="hint">{site.what}</p>
      {granted === false && <p class="hint">Asks your browser for access to {site.origins.length === 1 ? site.origins[0]!.replace('/*', '') : `${site.name}'s ${site.origins.length} addresses`}; nothing is sent there.</p>}
      {problem && <p class="hint error" role="alert">{problem}</p>}
    </div>
  );
}

export function OtherSites() {
  const [granted, off] = useSiteState();
  return (
    <>
      <h2 id="other-sites">Other sites</h2>
      <p class="hint" style="margin-left:0">On the sites you enable, papers that link arXiv get ▲ (Hugging Face upvotes, from the copy of Daily
        Papers on this device), the saved mark and a Save button. Paper Pulse only reads those pages and sends nothing to them; the marks
        come from this device. One exception, as on arXiv abstract pages: on an alphaXiv or Papers with Code paper page the toolbar badge looks that one
        paper up on huggingface.co (at most once per paper per 6 hours, never in privacy mode). Each site needs your permission for
        that site only.</p>
      {OPTIONAL_SITES.map((site) => <SiteRow key={site.key} site={site} granted={granted[site.key]} on={!off.has(site.key)} />)}
    </>
  );
}
