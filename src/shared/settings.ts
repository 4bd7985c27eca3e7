/**
 * User settings, typed from their defaults. Small and synced across the user's devices (storage.sync);
 * the HF token is a secret and stays in storage.local.
 */
import browser from 'webextension-polyfill';

export const defaultSettings = {
  /** Surfaces (options page). */
  absBadge: true,
  listingChips: true,
  searchChips: true,
  /** Show the muted "not on HF Papers" mark. */
  showNotOnHf: true,
  /** Hide chips below this many upvotes. */
  minUpvotes: 0,
  /** Bulk lists only: never send a single paper id to huggingface.co. */
  privacyMode: false,
  /** Listing controls, remembered per user. */
  listingSort: 'original' as 'original' | 'upvotes',
  listingOnlyHf: false,
  /** Local daily digest (background/digest.ts): on/off, local time HH:MM, weekdays (0 = Sunday … 6), picks. */
  digestSubscribed: false,
  digestTime: '09:00',
  digestDays: [1, 2, 3, 4, 5] as number[],
  digestCount: 5,
  /** Topics: a pick must match one keyword (title/abstract/keywords) or one author; none = everything. */
  digestKeywords: [] as string[],
  digestAuthors: [] as string[],
  digestIncludeTrending: true,
  digestNotify: true,
};

export type Settings = typeof defaultSettings & { hfToken: string };

export async function getSettings(): Promise<Settings> {
  const [synced, local] = await Promise.all([browser.storage.sync.get(defaultSettings), browser.storage.local.get({ hfToken: '' })]);
  return { ...defaultSettings, ...synced, hfToken: String(local.hfToken ?? '') } as Settings;
}

export async function setSettings(patch: Partial<Settings>): Promise<void> {
  const { hfToken, ...synced } = patch;
  if (hfToken !== undefined) await browser.storage.local.set({ hfToken });
  if (Object.keys(synced).length > 0) await browser.storage.sync.set(synced);
}
