// Feed XML (RSS 2.0, RSS 1.0/RDF, Atom) → SourceDocuments. rss-parser finds the items; their
// identity (guid, else link, else a hash of title and text) is worked out here, their text in
// html-to-text.ts and their dates in feed-dates.ts.
import { createHash } from 'node:crypto';
import Parser from 'rss-parser';
import { type Language, type SourceDocument } from '../../core/types.ts';
import { resolveItemDate } from './feed-dates.ts';
import { FeedError } from './fetch-feed.ts';
import { cleanTitle, firstPlainText, textOf } from './html-to-text.ts';

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
    ...resolveItemDate(
      // Atom's `published` (first availability) goes before `updated` (last edit): an archive
      // wants the day a story appeared, and it stays put when the story is corrected later.
      [
        { field: 'pubDate', raw: textOf(item.pubDate) },
        { field: 'dc:date', raw: textOf(item['dc:date']) },
        { field: 'published', raw: textOf(item.published) },
        { field: 'updated', raw: textOf(item.updated) },
      ],
      context.now,
      warn,
    ),
    ...(title ? { title } : {}),
    ...(context.source ? { source: context.source } : {}),
    ...(context.languageHint ? { languageHint: context.languageHint } : {}),
    text,
  };
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
