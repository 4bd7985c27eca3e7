/**
 * User settings, typed from their defaults. Small and synced across the user's devices (storage.sync). Content
 * scripts read them too, so the HF token is not a setting: the worker keeps it (background/hf/token.ts).
 */
import browser from 'webextension-polyfill';
import { pageSettingDefaults } from './page-settings';

export const defaultSettings = {
  ...pageSettingDefaults,
  /** Keep all of HF Daily Papers on this device (background/replica/): complete chips, offline, search. */
  replica: true,
  /** Local daily digest (background/digest/digest.ts): on/off, local time HH:MM, weekdays (0 = Sunday … 6), picks. */
  digestSubscribed: false,
  digestTime: '09:00',
  digestDays: [1, 2, 3, 4, 5] as number[],
  digestCount: 5,
  /** Topics: a pick must match one keyword (title/abstract/keywords) or one author; none = everything. */
  digestKeywords: [] as string[],
  digestAuthors: [] as string[],
  digestIncludeTrending: true,
  /** `top`: the day's top papers (and Trending); `for-you`: this week's ranked against the reading list (digest/for-you.ts). */
  digestMode: 'top' as 'top' | 'for-you',
  digestNotify: true,
  /** Watch saved papers on arXiv (background/watch/): new versions, journal refs, DOIs, titles, withdrawals. */
  watchArxiv: true,
  /** …and on Hugging Face (background/watch/hf-step.ts): code released, an HF page, linked repos, comments, upvotes. */
  watchHf: true,
  /** Save to Zotero (background/zotero/): attach the arXiv PDF when the library accepts files. */
  zoteroPdf: true,
  /** "In Zotero" marks: the user turned on Zotero's local API (Zotero's own setting) and wants us to ask it. */
  zoteroLocalApi: false,
};

export type Settings = typeof defaultSettings;

export async function getSettings(): Promise<Settings> {
  return { ...defaultSettings, ...(await browser.storage.sync.get(defaultSettings)) } as Settings;
}

export async function setSettings(patch: Partial<Settings>): Promise<void> {
  if (Object.keys(patch).length > 0) await browser.storage.sync.set(patch);
}
