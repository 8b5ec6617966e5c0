// The neutral data every part of almanak shares: languages, articles as ingested, and the
// platform-blind replies that commands return and adapters render.
import type { PartialDate } from './dates.ts';

export const LANGUAGES = ['da', 'no', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * An article read from a file or a feed item, before analysis. `key` is its stable identity
 * in the store: re-ingesting the same key with the same content changes nothing; with other
 * content it replaces the stored version.
 */
export interface SourceDocument {
  readonly key: string;
  /** Where it came from, shown to users: the corpus file name, or the feed item's link. */
  readonly origin: string;
  readonly link?: string;
  readonly guid?: string;
  readonly feedUrl?: string;
  /** Publication date at its true precision; undefined = undated (never invented). */
  readonly date?: PartialDate;
  /** For feed items: when the date is a stand-in ("first seen") or was clamped from the future. */
  readonly dateNote?: 'first-seen' | 'clamped-future';
  /** The exact publication instant when one is known (feeds), ISO 8601 UTC. */
  readonly publishedAt?: string;
  /** Explicit title (feeds); files derive theirs from the text. */
  readonly title?: string;
  /** Source named by the publisher (feed title); files detect a dateline instead. */
  readonly source?: string;
  /** Language hint (feed config); detection decides when absent. */
  readonly languageHint?: Language;
  /** The article text as paragraphs separated by blank lines; boilerplate not yet removed. */
  readonly text: string;
}

/** A highlighted span in an excerpt: [start, end) in UTF-16 code units of the excerpt string. */
export type Highlight = readonly [start: number, end: number];

export interface ReplyItem {
  /** "2018-12", "2018-12-05" or "undated". */
  readonly date: string;
  readonly datePrecision: 'year' | 'month' | 'day' | 'none';
  /** The date of the event the excerpt names ("2018-11"), resolved against the article date. */
  readonly eventDate: string | null;
  readonly title: string;
  readonly source: string | null;
  readonly language: Language;
  readonly excerpt: string;
  readonly highlights: readonly Highlight[];
  /** Corpus file name or feed item link. */
  readonly origin: string;
  readonly link: string | null;
  /** A short label shown before the item ("this month", "8 years ago today"). */
  readonly label?: string;
  /** A heading the item belongs under, for grouped replies such as digests ("2 years ago"). */
  readonly group?: string;
}

/** Where the next page of a reply comes from: the same command with the next page number. */
export interface Continuation {
  readonly command: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly page: number;
}

export interface Reply {
  /** results: a list of items; info: text only (help, stats, empty day); error: the user's input was wrong. */
  readonly kind: 'results' | 'info' | 'error';
  readonly title: string;
  /** Plain text shown before the items (no platform markup). */
  readonly text?: string;
  /** Simple label/value pairs (stats). */
  readonly fields?: readonly { readonly name: string; readonly value: string }[];
  readonly items: readonly ReplyItem[];
  /** Matches in all, across pages. */
  readonly total: number;
  /** There are at least `total` matches (counting stops there: "10,000+"). */
  readonly totalIsLowerBound?: boolean;
  readonly page?: { readonly number: number; readonly size: number; readonly count: number };
  readonly next?: Continuation;
  readonly footer?: string;
}

export function infoReply(title: string, text: string, extra: Partial<Reply> = {}): Reply {
  return { kind: 'info', title, text, items: [], total: 0, ...extra };
}

export function errorReply(title: string, text: string): Reply {
  return { kind: 'error', title, text, items: [], total: 0 };
}
