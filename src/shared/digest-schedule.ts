/**
 * When the local digest runs: chosen weekdays at a chosen LOCAL wall-clock time. Pure: `timeZone` defaults to
 * the runtime's own zone, tests pass explicit IANA zones. Time-zone offsets come from Intl, so DST is the
 * platform's, not ours:
 * - a time that doesn't exist that day (spring forward, 02:30 in New York) runs the gap later (03:30);
 * - a time that happens twice (fall back, 01:30) runs at the first one.
 */

export interface DigestSchedule {
  /** "HH:MM", 24-hour local time. */
  time: string;
  /** Weekdays, 0 = Sunday … 6 = Saturday. */
  days: readonly number[];
}

/** "09:00" → [9, 0]; anything malformed → the default 09:00 (settings sync from other devices unchecked). */
export function parseTime(time: string): [hours: number, minutes: number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  return h >= 0 && h < 24 && min >= 0 && min < 60 ? [h, min] : [9, 0];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(key, f);
  }
  return f;
}

/** The wall clock of an instant in a zone, as if that wall clock were UTC (ms). */
function wallAsUtc(ms: number, timeZone: string | undefined): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The instant a local wall-clock time happens (see the DST rules above). `y, m, d` may overflow (Date.UTC normalises). */
export function localToInstant(y: number, m: number, d: number, hours: number, minutes: number, timeZone?: string): number {
  const wall = Date.UTC(y, m, d, hours, minutes);
  // Offsets in force just before and just after: at most one DST change happens within a day.
  const offsets = [...new Set([wall - 14 * 3_600_000, wall + 14 * 3_600_000].map((t) => wallAsUtc(t, timeZone) - t))];
  const candidates = offsets.map((offset) => wall - offset);
  const valid = candidates.filter((t) => wallAsUtc(t, timeZone) === wall);
  // Ambiguous: the earlier one. Nonexistent: the later candidate, i.e. shifted by the gap.
  return valid.length ? Math.min(...valid) : Math.max(...candidates);
}

/** The local calendar day (y, m 0-based, d) of an instant. */
function localDay(ms: number, timeZone?: string): [number, number, number] {
  const wall = new Date(wallAsUtc(ms, timeZone));
  return [wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()];
}

/** Local calendar day as YYYY-MM-DD: the digest record's id. */
export function localDate(ms: number, timeZone?: string): string {
  return new Date(wallAsUtc(ms, timeZone)).toISOString().slice(0, 10);
}

/** The scheduled runs around `now` on the days from `from` to `to` (relative to today), in order. */
function slots(now: number, schedule: DigestSchedule, from: number, to: number, timeZone?: string): number[] {
  const [hours, minutes] = parseTime(schedule.time);
  const [y, m, d] = localDay(now, timeZone);
  const out: number[] = [];
  for (let k = from; k <= to; k++) {
    const weekday = new Date(Date.UTC(y, m, d + k)).getUTCDay();
    if (schedule.days.includes(weekday)) out.push(localToInstant(y, m, d + k, hours, minutes, timeZone));
  }
  return out;
}

/** The next run strictly after `now`; undefined when no day is chosen. */
export function nextRun(now: number, schedule: DigestSchedule, timeZone?: string): number | undefined {
  return slots(now, schedule, 0, 8, timeZone).find((t) => t > now);
}

/** The latest run at or before `now` (within the last 8 days); undefined when none. */
export function previousRun(now: number, schedule: DigestSchedule, timeZone?: string): number | undefined {
  return slots(now, schedule, -8, 0, timeZone).filter((t) => t <= now).pop();
}
