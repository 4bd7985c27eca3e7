/** Options: surfaces, privacy, and what is sent where. Settings apply to open tabs via storage.onChanged. */
import { useEffect, useState } from 'preact/hooks';
import { defaultSettings, getSettings, setSettings, type Settings } from '../shared/settings';
import { capabilities } from '../shared/capabilities';
import { DigestSettings } from '../popup/components/digest-settings';
import { AdvancedSettings } from './advanced-settings';
import { ReadingListIo } from '../popup/components/reading-list-io';
import { ReplicaStatusLine } from '../popup/components/replica-status';
import { WatchStatusLine } from './watch-status';
import { ZoteroSettings } from './zotero-settings';
import { OtherSites } from './other-sites';

type BooleanKey = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

const toggles: [BooleanKey, string, string][] = [
  ['absBadge', 'Badge on abstract and HTML pages', 'Upvotes, rank, comments and code under the title.'],
  ['listingChips', 'Chips on listing pages', 'From cached bulk lists only: no per-paper requests.'],
  ['searchChips', 'Chips on search results', ''],
  ['showNotOnHf', 'Show "not on HF Papers"', 'A muted mark on abstract pages HF does not know.'],
  ['privacyMode', 'Privacy mode', 'Never send a single arXiv id to huggingface.co: bulk lists only. With the local copy below, listings and search lose nothing.'],
  ['watchArxiv', 'Watch saved papers on arXiv', 'Once a day, your saved arXiv ids go to arXiv\'s API (export.arxiv.org, in batches of 100, 3 s apart) to find new versions, journal references, DOIs, title changes and withdrawals: the popup\'s Changes view. Paused in privacy mode. Each saved paper can be left out in the reading list.'],
  ['replica', 'Keep all of HF Daily Papers on this device', 'Every Daily Papers entry since May 2023 (about 20,000 papers, tens of MB), fetched as monthly lists in the background (at most 60 requests in 5 minutes, then about a hundred a day): chips on every listing and search page, offline, Rising, and search in the popup.'],
];

export function Options() {
  const [settings, setState] = useState<Settings>({ ...defaultSettings });
  useEffect(() => void getSettings().then(setState), []);
  const update = (patch: Partial<Settings>) => {
    setState({ ...settings, ...patch });
    void setSettings(patch);
  };
  return (
    <main>
      <h1>Paper Pulse options</h1>
      <h2>Surfaces</h2>
      {toggles.map(([key, label, hint]) => (
        <div key={key}>
          <label><input type="checkbox" checked={settings[key]} onChange={(e) => update({ [key]: e.currentTarget.checked })} />{label}</label>
          {hint && <p class="hint">{hint}</p>}
        </div>
      ))}
      <p class="hint replica-line"><ReplicaStatusLine /></p>
      <p class="hint watch-line" data-testid="options-watch-status"><WatchStatusLine /></p>
      <AdvancedSettings settings={settings} update={update} />
      <h2 id="digest">Daily digest</h2>
      <p class="hint" style="margin-left:0">A local digest of the day's top papers, built on this device (no Hugging Face account needed):
        {capabilities().notifications ? ' one notification at your time on your days, the picks listed' : ' at your time on your days, the picks are listed'} in the popup's Digest view. Hugging Face's own email digest needs a
        login: <a href="https://huggingface.co/papers" target="_blank" rel="noopener noreferrer">Email digest on huggingface.co</a>.</p>
      <DigestSettings settings={settings} update={update} />
      <h2 id="reading-list">Reading list</h2>
      <p class="hint" style="margin-left:0">Export for a reference manager or a backup; import a Paper Pulse JSON file or BibTeX with arXiv eprints
        (checked as a whole first: a bad file changes nothing). Search and edit the list in the popup's Reading list view.</p>
      <ReadingListIo empty={false} />
      <ZoteroSettings settings={settings} update={update} />
      <OtherSites />
      <h2>What is sent where</h2>
      <table>
        <thead><tr><th>To</th><th>What</th><th>When</th></tr></thead>
        <tbody>
          <tr><td>huggingface.co</td><td>Requests for Daily Papers lists (no ids)</td><td>Hourly at most, and when you open the popup</td></tr>
          <tr><td>huggingface.co</td><td>Monthly Daily Papers lists for the local copy (no ids)</td><td>Backfill: at most 60 in 5 minutes until done; then about 100 a day</td></tr>
          <tr><td>huggingface.co</td><td>The arXiv id of the paper you view (abstract, HTML or PDF page; an alphaXiv or Papers with Code paper page if you enabled the site)</td><td>Once per paper per 6 hours at most; never in privacy mode</td></tr>
          <tr><td>export.arxiv.org</td><td>The arXiv ids of your saved papers (the watch; no cookies)</td><td>Once a day, in batches of 100, 3 s apart; never in privacy mode or with the watch off</td></tr>
          <tr><td>huggingface.co</td><td>Your HF token, only if you set one (as an Authorization header)</td><td>With each request above</td></tr>
          <tr><td>your browser's sync</td><td>Reading list: arXiv ids, status, tags, dates and short notes</td><td>After changes, if browser sync is on</td></tr>
          <tr><td>the Zotero app on this computer (127.0.0.1)</td><td>Papers you save to Zotero (metadata, your tags and note, the arXiv PDF); with “In Zotero ✓” marks on, a search of your libraries for arXiv items</td><td>When you click Save to Zotero; marks at most every 30 minutes. Only if you connected Zotero</td></tr>
          <tr><td>arxiv.org</td><td>The PDF of a paper you save to Zotero</td><td>When you save one, unless turned off above</td></tr>
          <tr><td>Google Scholar, Semantic Scholar, OpenReview, alphaXiv, Papers with Code</td><td>Nothing: on the ones you enable, Paper Pulse only reads the page (▲ comes from this device)</td><td>Never</td></tr>
          <tr><td>anyone else</td><td>Nothing</td><td>Never</td></tr>
        </tbody>
      </table>
      <p class="hint" style="margin-left:0">Your settings sync through your browser's own sync. Cached papers stay on this device.</p>
    </main>
  );
}
