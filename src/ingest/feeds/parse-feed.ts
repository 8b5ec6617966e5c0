// Feed XML (RSS 2.0, RSS 1.0/RDF, Atom) → SourceDocuments. rss-parser finds the items; dates,
// text and identity are worked out here, because rss-parser's own isoDate moves dates into UTC
// (a 23:30 -0500 item would land on the wrong day) and misreads non-RFC strings.
// Also home to the two pure helpers it needs, exported for their tests: HTML → plain text
// (htmlToText) and feed date strings → calendar day + instant (parseFeedDate).
import { createHash } from 'node:crypto';
import Parser from 'rss-parser';
import { isValidPartialDate, type PartialDate } from '../../core/dates.ts';
import { type Language, type SourceDocument } from '../../core/types.ts';
import { FeedError } from './fetch-feed.ts';

export interface ParseFeedContext {
  /** The feed's configured URL (or file location): part of every item key, so keep it stable. */
  readonly feedUrl: string;
  readonly now: Date;
  readonly languageHint?: Language;
  /** Where relative item links resolve from, when not feedUrl (e.g. the URL after redirects). */
  readonly baseUrl?: string;
}

export interface ParsedFeed {
  readonly title: string | undefined;
  readonly documents: SourceDocument[];
  readonly warnings: string[];
}

// Atom <published>/<updated> are renamed before rss-parser sees them: it runs
// `new Date(x).toISOString()` on them unguarded, so one entry with a date like "31.12.2018"
// would throw away the whole feed. Under the new names we still get the raw strings.
const RAW_PUBLISHED = 'almanak-raw-published';
const RAW_UPDATED = 'almanak-raw-updated';
const RENAMED_TAGS: Readonly<Record<string, string>> = { published: RAW_PUBLISHED, updated: RAW_UPDATED };

interface RawItem {
  title?: unknown;
  link?: unknown;
  guid?: unknown;
  id?: unknown;
  pubDate?: unknown;
  'dc:date'?: unknown;
  updated?: unknown;
  published?: unknown;
  'content:encoded'?: unknown;
  content?: unknown;
  summary?: unknown;
}

// One parser for the process: xml2js parses synchronously and resets itself after each
// document, so concurrent parseFeed calls cannot interleave on it.
const parser: Parser<Record<string, unknown>, RawItem> = new Parser({
  xml2js: { tagNameProcessors: [(name: string) => RENAMED_TAGS[name] ?? name] },
  customFields: {
    item: [
      'dc:date',
      [RAW_UPDATED, 'updated'],
      [RAW_PUBLISHED, 'published'],
      'content:encoded',
      'summary',
      'guid',
    ],
  },
});

export async function parseFeed(xml: string, context: ParseFeedContext): Promise<ParsedFeed> {
  if (xml.trim() === '') throw new FeedError('parse', 'malformed feed: the document is empty');
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).trim().replace(/\s*\n\s*/g, ', ');
    throw new FeedError('parse', `malformed feed: ${reason}`, { cause: error });
  }

  const title = cleanTitle(feed.title);
  const documents: SourceDocument[] = [];
  const warnings: string[] = [];
  feed.items.forEach((item, index) => {
    const label = `item ${index + 1}`;
    try {
      const document = toDocument(item, { ...context, source: title }, (w) => warnings.push(`${label}: ${w}`));
      if (document) documents.push(document);
    } catch (error) {
      // One odd item must not cost the rest of the feed.
      warnings.push(`${label}: skipped (${error instanceof Error ? error.message : String(error)})`);
    }
  });
  return { title, documents, warnings };
}

function toDocument(
  item: RawItem,
  context: ParseFeedContext & { source: string | undefined },
  warn: (warning: string) => void,
): SourceDocument | undefined {
  const title = cleanTitle(item.title);
  // RSS description arrives as `content` (rss-parser's naming); Atom has content and summary.
  const bodyText = firstPlainText(item['content:encoded'], item.content, item.summary);
  const link = resolveLink(textOf(item.link), context.baseUrl ?? context.feedUrl);
  const guid = textOf(item.guid) ?? textOf(item.id);
  if (!title && !bodyText) {
    warn(`skipped: no title and no text${link ? ` (${link})` : ''}`);
    return undefined;
  }
  const text = bodyText || (title ?? '');

  const key = guid
    ? `feed:${context.feedUrl}#guid:${guid}`
    : link
      ? `feed:${context.feedUrl}#link:${link}`
      : `feed:${context.feedUrl}#hash:${sha256Hex(`${title ?? ''}\n${text}`).slice(0, 16)}`;

  return {
    key,
    origin: link ?? key,
    ...(link ? { link } : {}),
    ...(guid ? { guid } : {}),
    feedUrl: context.feedUrl,
    ...datePart(item, context.now, warn),
    ...(title ? { title } : {}),
    ...(context.source ? { source: context.source } : {}),
    ...(context.languageHint ? { languageHint: context.languageHint } : {}),
    text,
  };
}

// ---------------------------------------------------------------------------------------------
// Dates

/** A future date this far past `now` is a publisher's clock or typo, not a scoop. */
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;

type DatePart = Pick<SourceDocument, 'date' | 'dateNote' | 'publishedAt'>;

function datePart(item: RawItem, now: Date, warn: (warning: string) => void): DatePart {
  // Atom's `published` (first availability) goes before `updated` (last edit): an archive wants
  // the day a story appeared, and it stays put when the story is corrected later.
  for (const [field, value] of [
    ['pubDate', item.pubDate],
    ['dc:date', item['dc:date']],
    ['published', item.published],
    ['updated', item.updated],
  ] as const) {
    const raw = textOf(value);
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

// ---------------------------------------------------------------------------------------------
// HTML → plain text

const DROPPED_ELEMENTS = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const COMMENTS = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
// Attribute values may hold ">" inside quotes; the alternatives never overlap, so no backtracking blow-up.
const TAG_REST = String.raw`\b(?:[^>"']|"[^"]*"|'[^']*')*>`;
const BLOCK_TAGS = new RegExp(
  String.raw`<\/?(?:p|br|div|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|hr|table|tr|section|article|header|footer|aside|figure|figcaption|main|nav)` +
    TAG_REST,
  'gi',
);
const CELL_TAGS = new RegExp(String.raw`<\/?(?:td|th)` + TAG_REST, 'gi');
const OTHER_TAGS = new RegExp(String.raw`<\/?[a-z][\w:-]*` + TAG_REST + String.raw`|<![^>]*>|<\?[^>]*>`, 'gi');

/**
 * Plain text from an HTML fragment: paragraphs (block elements, <br>, blank lines) separated by
 * "\n\n", whitespace collapsed inside each, scripts and styles dropped, entities decoded last so
 * an escaped "&lt;b&gt;" stays visible text instead of becoming a tag.
 */
export function htmlToText(html: string): string {
  const marked = html
    .replace(CDATA, '$1')
    .replace(COMMENTS, ' ')
    .replace(DROPPED_ELEMENTS, ' ')
    .replace(BLOCK_TAGS, '\n\n')
    .replace(CELL_TAGS, ' ')
    .replace(OTHER_TAGS, '');
  return marked
    .split(/\n\s*\n/)
    .map((paragraph) => decodeEntities(paragraph).replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** A one-line title: tags stripped, entities decoded, whitespace collapsed; undefined if empty. */
export function cleanTitle(raw: unknown): string | undefined {
  const text = textOf(raw);
  if (text === undefined) return undefined;
  return htmlToText(text).replace(/\s+/g, ' ') || undefined;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø', aring: 'å', Aring: 'Å',
  auml: 'ä', Auml: 'Ä', ouml: 'ö', Ouml: 'Ö', uuml: 'ü', Uuml: 'Ü', szlig: 'ß',
  aacute: 'á', Aacute: 'Á', agrave: 'à', Agrave: 'À', acirc: 'â', atilde: 'ã',
  eacute: 'é', Eacute: 'É', egrave: 'è', Egrave: 'È', ecirc: 'ê', euml: 'ë',
  iacute: 'í', igrave: 'ì', icirc: 'î', iuml: 'ï', oacute: 'ó', Oacute: 'Ó', ograve: 'ò', ocirc: 'ô', otilde: 'õ',
  uacute: 'ú', ugrave: 'ù', ucirc: 'û', ccedil: 'ç', Ccedil: 'Ç', ntilde: 'ñ', Ntilde: 'Ñ', yacute: 'ý',
  eth: 'ð', ETH: 'Ð', thorn: 'þ', THORN: 'Þ',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', hellip: '…', bull: '•', middot: '·', prime: '′',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', minus: '−',
  euro: '€', pound: '£', cent: '¢', yen: '¥', sect: '§', para: '¶', frac12: '½', frac14: '¼', frac34: '¾',
  sup2: '²', sup3: '³', iexcl: '¡', iquest: '¿', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f',
};

// HTML maps numeric references in 0x80–0x9F to windows-1252 ("&#150;" is an en dash), because
// that is what the pages that wrote them meant.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes named (&oslash;) and numeric (&#248; &#xE6;) character references; unknown names stay. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7});?|#[xX]([0-9a-fA-F]{1,6});?|([A-Za-z][A-Za-z0-9]{1,31});)/g, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED_ENTITIES[name as string] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec as string, 10) : Number.parseInt(hex as string, 16);
    if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1[code - 0x80]!;
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  });
}

// ---------------------------------------------------------------------------------------------
// Small readers for rss-parser's loosely typed output

/** A trimmed non-empty string; xml2js gives `{ _: text, $: attrs }` when an element has attributes. */
function textOf(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { _?: unknown })._ : undefined;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The first value that still has text once its HTML is stripped ("<p></p>" does not count). */
function firstPlainText(...values: unknown[]): string {
  for (const value of values) {
    const html = textOf(value);
    const text = html === undefined ? '' : htmlToText(html);
    if (text !== '') return text;
  }
  return '';
}

/** Absolute links only leave the feed meaningfully; relative ones resolve against the feed URL. */
function resolveLink(link: string | undefined, base: string): string | undefined {
  if (link === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return link;
  if (!/^https?:/i.test(base)) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
