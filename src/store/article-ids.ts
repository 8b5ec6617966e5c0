// Article ids that sort by date: the id is the article's date key (first day, then precision)
// shifted left, plus a sequence. FTS5 keeps its doclists in rowid order, so "oldest first",
// "latest N" and date ranges become rowid order and rowid ranges, which it answers without
// touching every match. Undated articles get the largest keys: they sort last.
import { dateSpan, precisionOf, type PartialDate } from '../core/dates.ts';

/** Articles that can share one date key (day and precision). */
export const SEQUENCE_BITS = 20;
const SEQUENCE_SPAN = 2 ** SEQUENCE_BITS;
const PRECISION_RANK = { year: 0, month: 1, day: 2 } as const;
/** Days from 0001-01-01 to 9999-12-31 stay below this; undated articles sit above it. */
const UNDATED_DAY = 4_000_000;

function dayNumber(isoDay: string): number {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return Math.floor(date.getTime() / 86_400_000) + 719_528; // days since 0000-03-01-ish: always positive
}

/** The smallest id an article with this date can have. */
export function idBaseFor(date: PartialDate | undefined): number {
  if (!date) return UNDATED_DAY * 4 * SEQUENCE_SPAN;
  return (dayNumber(dateSpan(date).start) * 4 + PRECISION_RANK[precisionOf(date)]) * SEQUENCE_SPAN;
}

/** Ids of articles whose date starts on or after this day (any precision). */
export function firstIdOnOrAfter(isoDay: string): number {
  return dayNumber(isoDay) * 4 * SEQUENCE_SPAN;
}

/** Ids of articles whose date starts on or before this day (any precision). */
export function lastIdOnOrBefore(isoDay: string): number {
  return (dayNumber(isoDay) * 4 + 4) * SEQUENCE_SPAN - 1;
}

/** First id of the undated block: every dated article's id is below it. */
export const FIRST_UNDATED_ID = idBaseFor(undefined);

export function sameDateKey(a: number, b: number): boolean {
  return Math.floor(a / SEQUENCE_SPAN) === Math.floor(b / SEQUENCE_SPAN);
}

export const LAST_ID_WITH_BASE = (base: number) => base + SEQUENCE_SPAN - 1;
