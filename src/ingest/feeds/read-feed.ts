// One entry point for "read this feed": an http(s) URL is fetched (conditionally), a path or
// file: URL is read from disk; either way the bytes are decoded and parsed into SourceDocuments.
// Every failure is a FeedError whose message starts with the location, ready for a log line.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Language, type SourceDocument } from '../../core/types.ts';
import { decodeFeed } from './decode.ts';
import { DEFAULT_MAX_BYTES, FeedError, type FetchFeedOptions, fetchFeed, formatBytes } from './fetch-feed.ts';
import { parseFeed } from './parse-feed.ts';

export interface ReadFeedOptions extends FetchFeedOptions {
  /** The clock for undated and future items. Default: the current time. */
  readonly now?: Date;
  readonly languageHint?: Language;
}

export interface ReadFeedResult {
  readonly title: string | undefined;
  readonly documents: SourceDocument[];
  readonly warnings: string[];
  /** Validators to send next time; on a 304 they are the ones passed in unless the server sent new ones. */
  readonly etag?: string;
  readonly lastModified?: string;
  /** The server answered 304: nothing changed since the validators were issued, no documents. */
  readonly notModified: boolean;
}

export async function readFeed(location: string, opts: ReadFeedOptions = {}): Promise<ReadFeedResult> {
  try {
    return isHttpUrl(location) ? await readRemote(location, opts) : await readLocal(location, opts);
  } catch (error) {
    const cause = error instanceof FeedError ? error : new FeedError('read', error instanceof Error ? error.message : String(error), { cause: error });
    throw new FeedError(cause.code, `${location}: ${cause.message}`, {
      cause,
      ...(cause.status !== undefined ? { status: cause.status } : {}),
    });
  }
}

async function readRemote(url: string, opts: ReadFeedOptions): Promise<ReadFeedResult> {
  const response = await fetchFeed(url, opts);
  if (response.status === 'not-modified') {
    const etag = response.etag ?? opts.etag;
    const lastModified = response.lastModified ?? opts.lastModified;
    return {
      title: undefined,
      documents: [],
      warnings: [],
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      notModified: true,
    };
  }
  const { text } = decodeFeed(response.bytes, response.contentType);
  // Keys use the configured URL, not finalUrl: a feed that moves behind a redirect keeps its items.
  const parsed = await parseFeed(text, {
    feedUrl: url,
    now: opts.now ?? new Date(),
    baseUrl: response.finalUrl,
    ...(opts.languageHint ? { languageHint: opts.languageHint } : {}),
  });
  return {
    ...parsed,
    ...(response.etag ? { etag: response.etag } : {}),
    ...(response.lastModified ? { lastModified: response.lastModified } : {}),
    notModified: false,
  };
}

async function readLocal(location: string, opts: ReadFeedOptions): Promise<ReadFeedResult> {
  // Windows drive letters ("C:\") have one letter; real schemes have more and a "//".
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(location) && !location.startsWith('file:')) {
    throw new FeedError('read', 'only http(s) URLs, file: URLs and file paths can be read');
  }
  const path = location.startsWith('file:') ? fileURLToPath(location) : resolve(location);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    if ((await stat(path)).size > maxBytes) throw new FeedError('too-large', `larger than ${formatBytes(maxBytes)}`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    const code = (error as { code?: unknown }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : error instanceof Error ? error.message : String(error);
    throw new FeedError('read', reason, { cause: error });
  }
  // A file has no Content-Type: the XML declaration or BOM decides.
  const { text } = decodeFeed(bytes);
  const parsed = await parseFeed(text, {
    feedUrl: pathToFileURL(path).href,
    now: opts.now ?? new Date(),
    ...(opts.languageHint ? { languageHint: opts.languageHint } : {}),
  });
  return { ...parsed, notModified: false };
}

function isHttpUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}
