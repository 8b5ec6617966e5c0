// Partial calendar dates ("2018", "2018-12", "2018-12-05") that keep their precision.
// An archive date is never widened into a fake day: 2018-12 stays a month.

export type DatePrecision = 'year' | 'month' | 'day';

export interface PartialDate {
  readonly year: number;
  readonly month?: number; // 1-12, present for month and day precision
  readonly day?: number; // 1-31, present for day precision only
}

export function precisionOf(date: PartialDate): DatePrecision {
  if (date.day !== undefined) return 'day';
  if (date.month !== undefined) return 'month';
  return 'year';
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar date? Rejects 2018-02-30, month 13, year 0. */
export function isValidPartialDate(date: PartialDate): boolean {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || year < 1 || year > 9999) return false;
  if (month === undefined) return day === undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (day === undefined) return true;
  return Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2018", "2018-12" or "2018-12-05": ISO 8601 at the date's own precision. */
export function formatPartialDate(date: PartialDate): string {
  let text = pad(date.year, 4);
  if (date.month !== undefined) text += `-${pad(date.month)}`;
  if (date.month !== undefined && date.day !== undefined) text += `-${pad(date.day)}`;
  return text;
}

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; undefined for anything else or an impossible date. */
export function parsePartialDate(text: string): PartialDate | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!match) return undefined;
  const date: PartialDate = {
    year: Number(match[1]),
    ...(match[2] !== undefined ? { month: Number(match[2]) } : {}),
    ...(match[3] !== undefined ? { day: Number(match[3]) } : {}),
  };
  return isValidPartialDate(date) ? date : undefined;
}

/** First and last day covered by a partial date, as "YYYY-MM-DD" strings (for range filters). */
export function dateSpan(date: PartialDate): { start: string; end: string } {
  const { year } = date;
  if (date.month === undefined) return { start: `${pad(year, 4)}-01-01`, end: `${pad(year, 4)}-12-31` };
  const ym = `${pad(year, 4)}-${pad(date.month)}`;
  if (date.day === undefined) return { start: `${ym}-01`, end: `${ym}-${pad(daysInMonth(year, date.month))}` };
  return { start: `${ym}-${pad(date.day)}`, end: `${ym}-${pad(date.day)}` };
}

/** Orders partial dates by their first day; a coarser date sorts before finer ones on the same start. */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const sa = dateSpan(a).start;
  const sb = dateSpan(b).start;
  if (sa !== sb) return sa < sb ? -1 : 1;
  const rank = { year: 0, month: 1, day: 2 } as const;
  return rank[precisionOf(a)] - rank[precisionOf(b)];
}

/** A local calendar day (no time, no zone): what "today" means for a channel. */
export interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The calendar day at `instant` in an IANA time zone. Throws RangeError for an unknown zone. */
export function localDayIn(instant: Date, timeZone: string): LocalDay {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
