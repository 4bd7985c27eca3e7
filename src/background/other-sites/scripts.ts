/**
 * Content scripts for the optional sites (shared/other-sites.ts), registered at run time for the sites whose origins
 * the user granted: the manifest declares them optional only, so nothing runs there until the "Enable on …" click.
 *
 * One reconciliation, run on every start of the worker, on every permission change (granted or revoked from our page
 * or from the browser's own extension settings) and when the per-site switch changes: a site is registered exactly
 * when all its origins are granted and the switch is on. Re-running it is harmless, so no state is kept here.
 *
 * Chrome keeps registrations across restarts (`persistAcrossSessions`, its default); Firefox accepts the flag from
 * 105 (we need 140), but a temporary add-on loses them anyway, hence the re-sync on every start (other-sites.md §7).
 */
import browser from 'webextension-polyfill';
import { OPTIONAL_SITES, SITES_OFF_KEY, scriptId, sitesOffFrom, type OptionalSite } from '../../shared/other-sites';
import { logFailure } from '../log';

async function sitesOff() {
  return sitesOffFrom((await browser.storage.local.get(SITES_OFF_KEY))[SITES_OFF_KEY]);
}

/**
 * Which sites should run now, and where: the match patterns of the origins still granted. A user can take back one host
 * in the browser's own site-access settings (Scholar asks for 14 country hosts at once), and the rest keep working.
 */
export async function wantedSites(): Promise<{ site: OptionalSite; matches: string[] }[]> {
  const off = await sitesOff();
  const out: { site: OptionalSite; matches: string[] }[] = [];
  for (const site of OPTIONAL_SITES) {
    if (off.has(site.key)) continue;
    const granted: string[] = [];
    for (const origin of site.origins) if (await browser.permissions.contains({ origins: [origin] })) granted.push(origin.slice(0, -1));
    const matches = site.matches.filter((m) => granted.some((g) => m.startsWith(g)));
    if (matches.length) out.push({ site, matches });
  }
  return out;
}

const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x) => b.includes(x));

export async function syncSiteScripts(): Promise<void> {
  if (!browser.scripting?.registerContentScripts) return; // no dynamic scripts here: the sites just stay off
  const wanted = new Map((await wantedSites()).map((w) => [scriptId(w.site), w]));
  const ours = new Set(OPTIONAL_SITES.map(scriptId));
  const registered = new Map((await browser.scripting.getRegisteredContentScripts()).filter((s) => ours.has(s.id)).map((s) => [s.id, s]));
  // Gone, or now for other hosts: unregistered (then registered again below with the hosts granted now).
  const stale = [...registered.values()].filter((s) => !sameSet(s.matches, wanted.get(s.id)?.matches)).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  for (const [id, { site, matches }] of wanted) {
    if (registered.has(id) && !stale.includes(id)) continue;
    await browser.scripting.registerContentScripts([{ id, matches, js: [site.js], runAt: 'document_idle', persistAcrossSessions: true }]);
    await injectIntoOpenTabs(site, matches);
  }
}

/** A tab already showing the site gets the script now rather than at its next load (the script takes over duplicates). */
async function injectIntoOpenTabs(site: OptionalSite, matches: string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: matches }).catch(() => []);
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [site.js] }).catch(() => undefined);
  }
}

/**
 * One reconciliation at a time: a grant fires permissions.onAdded and the options page's switch write together, and two
 * overlapping runs would both find the script missing and register it twice.
 */
let queue: Promise<void> = Promise.resolve();
const resync = () => void (queue = queue.then(syncSiteScripts).catch(logFailure('optional sites')));

/** Top-level listeners (background/index.ts). */
export function startOtherSites(): void {
  // Without run-time scripts or permission events (no such browser we ship for, but cheap to check) the sites stay off.
  if (!browser.scripting?.registerContentScripts || !browser.permissions?.onAdded) return;
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SITES_OFF_KEY in changes) resync();
  });
  resync();
}
