/**
 * The settings content scripts read: what pages show and the listing controls. A module of its own so the content
 * script (12 KB gzip budget) carries these defaults only, not every setting's (settings.ts spreads these into its own).
 */
import browser from 'webextension-polyfill';

export const pageSettingDefaults = {
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
  /** Only the entries not on a listing the last time it was opened (content/new-since.ts). */
  listingOnlyNew: false,
};

export type PageSettings = typeof pageSettingDefaults;

export async function getPageSettings(): Promise<PageSettings> {
  return { ...pageSettingDefaults, ...(await browser.storage.sync.get(pageSettingDefaults)) } as PageSettings;
}

export async function setPageSettings(patch: Partial<PageSettings>): Promise<void> {
  if (Object.keys(patch).length > 0) await browser.storage.sync.set(patch);
}
