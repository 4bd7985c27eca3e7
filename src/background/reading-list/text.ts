/**
 * How reading-list text is cleaned wherever it comes in — a page's meta tags, HF's record, the user's edits, an
 * imported file, another device through sync — so that what the list holds always passes the import check again.
 */

/** Control characters other than tab and line breaks. */
// eslint-disable-next-line no-control-regex
export const noControl = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');

export const oneLine = (s: string, max: number): string => noControl(s).replace(/\s+/g, ' ').trim().slice(0, max);

export function cleanTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  const out = tags.filter((t): t is string => typeof t === 'string').map((t) => oneLine(t, 60)).filter(Boolean);
  return [...new Set(out)].slice(0, 50);
}
