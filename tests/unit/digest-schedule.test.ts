/**
 * When the local digest runs (src/shared/digest-schedule.ts), with explicit IANA time zones so the results don't
 * depend on the machine: weekdays, local wall-clock time, DST gaps and overlaps, half-hour and southern zones.
 * Expected instants are worked out by hand from each zone's published UTC offsets.
 */
import { describe, expect, test } from 'vitest';
import { localDate, localToInstant, nextRun, parseTime, previousRun } from '../../src/shared/digest-schedule';

const WEEKDAYS_9 = { time: '09:00', days: [1, 2, 3, 4, 5] };
const at = (iso: string) => Date.parse(iso);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

describe('nextRun', () => {
  test('weekdays at 09:00 New York: Friday afternoon → Monday morning, across the spring-forward weekend', () => {
    // Fri 2026-03-06 is EST (−5); DST starts Sun 2026-03-08; Mon 2026-03-09 09:00 EDT (−4) = 13:00 UTC.
    expect(iso(nextRun(at('2026-03-06T15:00:00Z'), WEEKDAYS_9, 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z');
    // Before 09:00 on a Friday → the same day (09:00 EST = 14:00 UTC).
    expect(iso(nextRun(at('2026-03-06T13:59:00Z'), WEEKDAYS_9, 'America/New_York'))).toBe('2026-03-06T14:00:00.000Z');
    // Exactly at the slot → the next one (strictly after now).
    expect(iso(nextRun(at('2026-03-06T14:00:00Z'), WEEKDAYS_9, 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z');
  });

  test('fall back: Monday after the November change is 09:00 EST', () => {
    // DST ends Sun 2026-11-01; Fri 2026-10-30 09:00 EDT = 13:00Z; Mon 2026-11-02 09:00 EST = 14:00Z.
    expect(iso(nextRun(at('2026-10-30T14:00:00Z'), WEEKDAYS_9, 'America/New_York'))).toBe('2026-11-02T14:00:00.000Z');
  });

  test('the local day decides, not the UTC day', () => {
    // 2026-11-26 (Thu) 23:30 UTC is already Fri 2026-11-27 08:30 in Tokyo (+9): run at 09:00 JST = 00:00Z.
    expect(iso(nextRun(at('2026-11-26T23:30:00Z'), WEEKDAYS_9, 'Asia/Tokyo'))).toBe('2026-11-27T00:00:00.000Z');
    // Fri 2026-11-27 20:00 in Los Angeles (−8) is Saturday 04:00 UTC: next is Monday 09:00 PST = 17:00Z.
    expect(iso(nextRun(at('2026-11-28T04:00:00Z'), WEEKDAYS_9, 'America/Los_Angeles'))).toBe('2026-11-30T17:00:00.000Z');
  });

  test('half-hour and southern-hemisphere zones', () => {
    // Kolkata +5:30: Thu 2026-11-26 12:30 UTC is 18:00 IST → Fri 09:00 IST = 03:30Z.
    expect(iso(nextRun(at('2026-11-26T12:30:00Z'), WEEKDAYS_9, 'Asia/Kolkata'))).toBe('2026-11-27T03:30:00.000Z');
    // Sydney: AEDT (+11) until Sun 2026-04-05, AEST (+10) after. Fri 2026-04-03 09:00 AEDT = Thu 22:00Z; Mon 04-06 09:00 AEST = Sun 23:00Z.
    expect(iso(nextRun(at('2026-04-02T21:00:00Z'), WEEKDAYS_9, 'Australia/Sydney'))).toBe('2026-04-02T22:00:00.000Z');
    expect(iso(nextRun(at('2026-04-02T22:00:00Z'), WEEKDAYS_9, 'Australia/Sydney'))).toBe('2026-04-05T23:00:00.000Z');
  });

  test('chosen days and times; no day chosen → never', () => {
    const sundays = { time: '18:45', days: [0] };
    // Thu 2026-11-26 in Berlin (+1) → Sun 2026-11-29 18:45 CET = 17:45Z.
    expect(iso(nextRun(at('2026-11-26T10:00:00Z'), sundays, 'Europe/Berlin'))).toBe('2026-11-29T17:45:00.000Z');
    expect(nextRun(at('2026-11-26T10:00:00Z'), { time: '09:00', days: [] }, 'Europe/Berlin')).toBeUndefined();
    // Every day: within 24 h.
    const daily = nextRun(at('2026-11-26T10:00:00Z'), { time: '07:00', days: [0, 1, 2, 3, 4, 5, 6] }, 'UTC')!;
    expect(iso(daily)).toBe('2026-11-27T07:00:00.000Z');
  });
});

describe('DST edge times', () => {
  test('a time that does not exist (spring forward) runs the gap later', () => {
    // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 02:30 doesn't exist → 03:30 EDT = 07:30Z.
    expect(iso(localToInstant(2026, 2, 8, 2, 30, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(nextRun(at('2026-03-07T12:00:00Z'), { time: '02:30', days: [0] }, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  test('a time that happens twice (fall back) runs at the first', () => {
    // New York 2026-11-01: 01:30 EDT (05:30Z) and 01:30 EST (06:30Z) → the first.
    expect(iso(localToInstant(2026, 10, 1, 1, 30, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    // Berlin 2026-10-25: 02:30 CEST (00:30Z) and 02:30 CET (01:30Z) → the first.
    expect(iso(localToInstant(2026, 9, 25, 2, 30, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('previousRun (missed digest at start-up)', () => {
  test('browser opened Monday 10:30 after a 09:00 slot: that slot was missed', () => {
    // Mon 2026-11-30 10:30 in Berlin (+1) → previous = 09:00 CET = 08:00Z.
    expect(iso(previousRun(at('2026-11-30T09:30:00Z'), WEEKDAYS_9, 'Europe/Berlin'))).toBe('2026-11-30T08:00:00.000Z');
    // Monday 08:00 local, before the slot: the previous is Friday's.
    expect(iso(previousRun(at('2026-11-30T07:00:00Z'), WEEKDAYS_9, 'Europe/Berlin'))).toBe('2026-11-27T08:00:00.000Z');
    expect(previousRun(at('2026-11-30T07:00:00Z'), { time: '09:00', days: [] }, 'Europe/Berlin')).toBeUndefined();
  });
});

describe('helpers', () => {
  test('parseTime falls back to 09:00 on anything malformed', () => {
    expect(parseTime('07:05')).toEqual([7, 5]);
    expect(parseTime('23:59')).toEqual([23, 59]);
    for (const bad of ['24:00', '9', '', 'nine', '12:60']) expect(parseTime(bad)).toEqual([9, 0]);
  });

  test('localDate is the local calendar day', () => {
    expect(localDate(at('2026-11-26T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-27');
    expect(localDate(at('2026-11-26T23:30:00Z'), 'America/New_York')).toBe('2026-11-26');
  });
});
