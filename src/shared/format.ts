/** Calendar helpers for HF's `date` / `week` / `month` parameters, all in UTC like HF's own dates. */

export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** ISO-8601 week of a YYYY-MM-DD date, e.g. `2026-W34`. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7; // Monday = 1 … Sunday = 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const monthOf = (day: string): string => day.slice(0, 7);

/** "12 min ago", "3 h ago", "2 days ago" — the age users see next to cached data. */
export function timeAgo(then: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 36) return `${h} h ago`;
  const days = Math.round(h / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** 1234 → "1.2k": compact numbers for badges. */
export function compactNumber(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

/** "1 comment", "3 comments". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a `+38` beside upvotes means, said wherever it is shown (chips, badge, popup lists). */
export const gainDefinition = (gain: number): string => `+${gain} upvotes in the last 24 h, from the counts this browser saw`;
