// The calendar side of digests, pure: which local days a subscription posts on, the instant a
// local time falls on in an IANA zone (a time inside a spring-forward gap moves to the end of
// the gap; a time in the repeated autumn hour takes its first occurrence), and the latest
// occurrence due at a given instant.
import type { LocalDay } from '../core/dates.ts';
import { localDayIn } from '../core/dates.ts';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
  /** "HH:MM", local to timeZone. */
  readonly time: string;
  readonly timeZone: string;
  /** daily | weekdays | a comma list such as mon,wed,fri */
  readonly days: string;
}

export class ScheduleError extends Error {
  readonly code = 'schedule';
}

export function parseTime(time: string): { hour: number; minute: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) throw new ScheduleError(`"${time.slice(0, 20)}" is not a time; use HH:MM, e.g. 08:00`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) throw new ScheduleError(`${time} is not a time of day (00:00–23:59)`);
  return { hour, minute };
}

/** Day numbers (0 = Sunday) the subscription posts on. */
export function parseDays(days: string): ReadonlySet<number> {
  const text = days.trim().toLowerCase();
  if (text === 'daily' || text === 'every day') return new Set([0, 1, 2, 3, 4, 5, 6]);
  if (text === 'weekdays') return new Set([1, 2, 3, 4, 5]);
  if (text === 'weekends') return new Set([0, 6]);
  const names = text.split(/[\s,]+/).filter(Boolean);
  if (names.length === 0) throw new ScheduleError('the day list is empty; use daily, weekdays or e.g. mon,wed,fri');
  const set = new Set<number>();
  for (const name of names) {
    const index = WEEKDAYS.indexOf(name.slice(0, 3) as Weekday);
    if (index < 0 || (name.length > 3 && !`${WEEKDAYS[index]}day`.startsWith(name) && !fullName(index).startsWith(name))) {
      throw new ScheduleError(`"${name.slice(0, 20)}" is not a day; use mon, tue, wed, thu, fri, sat, sun`);
    }
    set.add(index);
  }
  return set;
}

function fullName(index: number): string {
  return ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][index]!;
}

/** Normalised text form of a day list (for storage and display). */
export function formatDays(days: ReadonlySet<number>): string {
  if (days.size === 7) return 'daily';
  if (days.size === 5 && [1, 2, 3, 4, 5].every((d) => days.has(d))) return 'weekdays';
  return [1, 2, 3, 4, 5, 6, 0].filter((d) => days.has(d)).map((d) => WEEKDAYS[d]).join(',');
}

/** Offset of the zone from UTC at an instant, in minutes. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant a local wall-clock time happens on a local day in a zone. */
export function instantOf(day: LocalDay, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  const offsets = new Set([offsetMinutes(wall - 86_400_000, timeZone), offsetMinutes(wall + 86_400_000, timeZone), offsetMinutes(wall, timeZone)]);
  const valid = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((candidate) => offsetMinutes(candidate, timeZone) * 60_000 === wall - candidate)
    .sort((a, b) => a - b);
  // Repeated autumn hour: the first of the two.
  if (valid.length > 0) return new Date(valid[0]!);
  // Spring-forward gap: the time does not exist; the first instant after the gap stands in.
  const [early, late] = [...offsets].map((offset) => wall - offset * 60_000).sort((a, b) => a - b) as [number, number];
  let low = early;
  let high = late;
  const before = offsetMinutes(low, timeZone);
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 2 / 60_000) * 60_000;
    if (offsetMinutes(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return new Date(high);
}

const addDays = (day: LocalDay, delta: number): LocalDay => {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + delta));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

export const formatLocalDay = (day: LocalDay) =>
  `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;

export interface Occurrence {
  readonly day: LocalDay;
  readonly at: Date;
}

/** The most recent occurrence at or before `now` (looking back up to a week), if any. */
export function latestOccurrence(schedule: Schedule, now: Date): Occurrence | undefined {
  const { hour, minute } = parseTime(schedule.time);
  const days = parseDays(schedule.days);
  const today = localDayIn(now, schedule.timeZone);
  for (let back = 0; back <= 7; back += 1) {
    const day = addDays(today, -back);
    const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    if (!days.has(weekday)) continue;
    const at = instantOf(day, hour, minute, schedule.timeZone);
    if (at.getTime() <= now.getTime()) return { day, at };
  }
  return undefined;
}

/** The node-cron expression for a schedule (minute hour * * days), run in its time zone. */
export function cronExpression(schedule: Schedule): string {
  const { hour, minute } = parseTime(schedule.time);
  const days = parseDays(schedule.days);
  return `${minute} ${hour} * * ${days.size === 7 ? '*' : [...days].sort().join(',')}`;
}
