/** Digest settings form, compact in the popup's Digest view and full on the options page. */
import { capabilities } from '../../shared/capabilities';
import type { Settings } from '../../shared/settings';

const DAYS: [number, string, string][] = [[1, 'M', 'Monday'], [2, 'T', 'Tuesday'], [3, 'W', 'Wednesday'], [4, 'T', 'Thursday'], [5, 'F', 'Friday'], [6, 'S', 'Saturday'], [0, 'S', 'Sunday']];

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

export function DigestSettings({ settings, update }: { settings: Settings; update: (patch: Partial<Settings>) => void }) {
  const toggleDay = (day: number, on: boolean) =>
    update({ digestDays: on ? [...new Set([...settings.digestDays, day])].sort() : settings.digestDays.filter((d) => d !== day) });
  return (
    <div class="digest-settings" data-testid="digest-settings">
      <label class="subscribed"><input type="checkbox" checked={settings.digestSubscribed} onChange={(e) => update({ digestSubscribed: e.currentTarget.checked })} />Subscribe to the local daily digest</label>
      <div class="row">
        <label>Time <input type="time" value={settings.digestTime} required onChange={(e) => e.currentTarget.value && update({ digestTime: e.currentTarget.value })} /></label>
        <label>Papers <input type="number" min={1} max={20} value={settings.digestCount}
          onChange={(e) => { const n = Number(e.currentTarget.value); if (n >= 1 && n <= 20) update({ digestCount: Math.round(n) }); }} /></label>
      </div>
      <fieldset class="days">
        <legend>Days</legend>
        {DAYS.map(([day, short, name]) => (
          <label key={day} title={name}><input type="checkbox" aria-label={name} checked={settings.digestDays.includes(day)} onChange={(e) => toggleDay(day, e.currentTarget.checked)} /><span aria-hidden="true">{short}</span></label>
        ))}
      </fieldset>
      <label class="wide">Picks <select value={settings.digestMode} onChange={(e) => update({ digestMode: e.currentTarget.value === 'for-you' ? 'for-you' : 'top' })}>
        <option value="top">Top of the day</option>
        <option value="for-you">For you (close to your reading list)</option>
      </select></label>
      <label class="wide">Topics: keywords <input type="text" placeholder="e.g. diffusion, video generation" value={settings.digestKeywords.join(', ')}
        onChange={(e) => update({ digestKeywords: list(e.currentTarget.value) })} /></label>
      <label class="wide">Topics: authors <input type="text" placeholder="e.g. Yann LeCun" value={settings.digestAuthors.join(', ')}
        onChange={(e) => update({ digestAuthors: list(e.currentTarget.value) })} /></label>
      <p class="hint">No topics: the day's top papers (For you: the week's closest to your saved papers, every third pick the most upvoted of the week). With topics: only papers matching one keyword or author.</p>
      <label><input type="checkbox" checked={settings.digestIncludeTrending} onChange={(e) => update({ digestIncludeTrending: e.currentTarget.checked })} />Include HF Trending (GitHub activity)</label>
      {capabilities().notifications
        ? <label><input type="checkbox" checked={settings.digestNotify} onChange={(e) => update({ digestNotify: e.currentTarget.checked })} />Show a notification</label>
        : <p class="hint" data-testid="no-notifications">This browser has no notifications for extensions: each digest waits in the popup's Digest view.</p>}
    </div>
  );
}
