// Feed date strings → calendar day + instant, and the date an item is filed under. rss-parser's
// own isoDate moves dates into UTC (a 23:30 -0500 item would land on the wrong day) and
// misreads non-RFC strings, so the raw RFC 822 / ISO 8601 text is read here. Pure.
import { isValidPartialDate, type PartialDate } from '../../core/dates.ts';
import type { SourceDocument } from '../../core/types.ts';

/** A future date this far past `now` is a publisher's clock or typo, not a scoop. */
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;

export type ItemDate = Pick<SourceDocument, 'date' | 'dateNote' | 'publishedAt'>;

/** One date field of an item as written (undefined when the item lacks it). */
export interface DateCandidate {
  readonly field: string;
  readonly raw: string | undefined;
}

/**
 * The date an item is filed under: the first readable candidate (callers pass them in order of
 * preference), clamped to `now` when it lies in the future; `now` marked "first-seen" when none
 * is readable. Callers that see the item again later keep the first poll's stand-in date.
 */
export function resolveItemDate(candidates: readonly DateCandidate[], now: Date, warn: (warning: string) => void): ItemDate {
  for (const { field, raw } of candidates) {
    if (raw === undefined) continue;
    const parsed = parseFeedDate(raw);
    if (!parsed) {
      warn(`unreadable ${field} "${raw}"`);
      continue;
    }
    if (parsed.zoneAssumed) warn(`unknown time zone in ${field} "${raw}", read as UTC`);
    if (parsed.instant.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      warn(`${field} "${raw}" is in the future; clamped to now`);
      return { date: utcDay(now), dateNote: 'clamped-future', publishedAt: now.toISOString() };
    }
    // A date without a time of day has no exact instant; we do not invent midnight.
    return { date: parsed.date, ...(parsed.hasTime ? { publishedAt: parsed.instant.toISOString() } : {}) };
  }
  return { date: utcDay(now), dateNote: 'first-seen', publishedAt: now.toISOString() };
}

function utcDay(instant: Date): PartialDate {
  return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
}

export interface FeedDate {
  /** The calendar day as written, in the item's own offset. */
  readonly date: PartialDate;
  /** The instant; midnight UTC of `date` when no time was given. */
  readonly instant: Date;
  readonly hasTime: boolean;
  /** The zone name was not one we know, so the time was read as UTC. */
  readonly zoneAssumed: boolean;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, maj: 5, mai: 5, jun: 6, jul: 7, aug: 8,
  sep: 9, oct: 10, okt: 10, nov: 11, dec: 12, des: 12,
};

/** RFC 822 zone names seen in feeds; the Central European ones matter for Danish sources. */
const ZONES: Readonly<Record<string, number>> = {
  GMT: 0, UT: 0, UTC: 0, Z: 0, WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};

// "Mon, 31 Dec 2018 23:30:00 -0500": weekday optional (and any language), 2- or 4-digit year,
// seconds optional, zone optional; Danish/Norwegian month abbreviations accepted ("31 okt.").
const RFC822 =
  /^(?:[\p{L}]+\.?(?:,\s*|\s+))?(\d{1,2})\.?\s+([\p{L}]{3,9})\.?,?\s+(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}))?)?$/u;
// "2018-12-31", "2018-12-31T23:30:00-05:00", "2018-12-31 23:30:00.123Z".
const ISO8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Reads RFC 822 and ISO 8601 feed dates (and their date-only forms); undefined if unreadable. */
export function parseFeedDate(raw: string): FeedDate | undefined {
  const text = raw.trim().replace(/\s*\([^)]*\)$/, ''); // "… +0100 (CET)"
  const rfc = RFC822.exec(text);
  if (rfc) {
    const month = MONTHS[rfc[2]!.slice(0, 3).toLowerCase()];
    if (month === undefined) return undefined;
    const shortYear = Number(rfc[3]);
    // RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx.
    const year = rfc[3]!.length === 2 ? (shortYear < 50 ? 2000 + shortYear : 1900 + shortYear) : shortYear;
    return build(year, month, Number(rfc[1]), rfc[4], rfc[5], rfc[6], undefined, rfc[7]);
  }
  const iso = ISO8601.exec(text);
  if (iso) return build(Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4], iso[5], iso[6], iso[7], iso[8]);
  return undefined;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  zone: string | undefined,
): FeedDate | undefined {
  const date: PartialDate = { year, month, day };
  if (!isValidPartialDate(date)) return undefined;
  if (hour === undefined || minute === undefined) {
    return { date, instant: utcInstant(year, month, day, 0, 0, 0, 0), hasTime: false, zoneAssumed: false };
  }
  const h = Number(hour);
  const m = Number(minute);
  const s = Number(second ?? 0);
  if (h > 23 || m > 59 || s > 60) return undefined;
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return undefined;
  // No zone at all reads as UTC; that does not change the day as written.
  // A leap second ":60" reads as ":59".
  const instant = utcInstant(year, month, day, h, m - (offset ?? 0), Math.min(s, 59), Math.min(ms, 999));
  return { date, instant, hasTime: true, zoneAssumed: zone !== undefined && offset === undefined };
}

/** Like Date.UTC, without its habit of reading years 0–99 as 1900–1999. */
function utcInstant(year: number, month: number, day: number, h: number, m: number, s: number, ms: number): Date {
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(h, m, s, ms); // minutes may be negative or ≥ 60 after the offset: setUTCHours carries them
  return instant;
}

/** Minutes east of UTC; undefined = absent or an unknown name (read as UTC); null = impossible. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined | null {
  if (zone === undefined) return undefined;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return ZONES[zone.toUpperCase()];
}

