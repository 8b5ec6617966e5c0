// Downloads a feed over HTTP for polling: conditional GET so unchanged feeds cost one 304, a
// hard timeout and size cap so one bad server cannot stall or flood the poller, and FeedError
// with stable codes so the scheduler can tell "try later" from "fix the config".
import packageJson from '../../../package.json' with { type: 'json' };

export type FeedErrorCode = 'timeout' | 'too-large' | 'http' | 'network' | 'parse' | 'read';

export class FeedError extends Error {
  override readonly name = 'FeedError';
  readonly code: FeedErrorCode;
  /** The HTTP status, for code 'http' when the server answered. */
  readonly status: number | undefined;

  constructor(code: FeedErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }

  /** Worth polling again later unchanged: the server or the network may recover by itself. */
  get retryable(): boolean {
    if (this.code === 'timeout' || this.code === 'network') return true;
    if (this.code !== 'http' || this.status === undefined) return false;
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface FetchFeedOptions {
  /** The ETag from the previous successful poll (sent as If-None-Match). */
  readonly etag?: string;
  /** The Last-Modified from the previous successful poll (sent as If-Modified-Since). */
  readonly lastModified?: string;
  /** For the whole exchange, body included. Default 15 000 ms. */
  readonly timeoutMs?: number;
  /** Largest body accepted, after decompression. Default 5 MB. */
  readonly maxBytes?: number;
  /** Lets the caller cancel (e.g. on shutdown). */
  readonly signal?: AbortSignal;
}

export type FetchFeedResult =
  | {
      readonly status: 'ok';
      readonly bytes: Buffer;
      readonly contentType?: string;
      readonly etag?: string;
      readonly lastModified?: string;
      /** Where the feed was finally served from, after redirects. */
      readonly finalUrl: string;
    }
  | {
      readonly status: 'not-modified';
      /** Validators a 304 may refresh (RFC 9110 §15.4.5); absent when it sent none. */
      readonly etag?: string;
      readonly lastModified?: string;
    };

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
export const USER_AGENT = `almanak/${packageJson.version} (+https://github.com/almanak)`;
const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function fetchFeed(url: string, opts: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  // Every failure below funnels through here so a timeout reads as a timeout wherever it struck.
  const explain = (error: unknown, fallback: (error: unknown) => FeedError): FeedError => {
    if (error instanceof FeedError) return error;
    if (timeout.aborted) return new FeedError('timeout', `timed out after ${formatSeconds(timeoutMs)}`, { cause: error });
    if (opts.signal?.aborted) return new FeedError('network', 'aborted', { cause: error });
    return fallback(error);
  };

  let response: Response;
  let finalUrl: URL;
  try {
    ({ response, finalUrl } = await requestFollowingRedirects(httpUrl(url), requestHeaders(opts), signal));
  } catch (error) {
    throw explain(error, (e) => new FeedError('network', `network error: ${describeNetworkError(e)}`, { cause: e }));
  }

  if (response.status === 304) {
    discard(response);
    return { status: 'not-modified', ...validators(response) };
  }
  if (!response.ok) {
    discard(response);
    const reason = `HTTP ${response.status} ${response.statusText}`.trim();
    throw new FeedError('http', reason, { status: response.status });
  }

  // Refuse early when the server admits the size; otherwise count while streaming.
  const declaredLength = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declaredLength > maxBytes) {
    discard(response);
    throw new FeedError('too-large', `larger than ${formatBytes(maxBytes)}`);
  }
  let bytes: Buffer;
  try {
    bytes = await readCapped(response, maxBytes);
  } catch (error) {
    throw explain(error, (e) => new FeedError('read', `connection lost while reading: ${describeNetworkError(e)}`, { cause: e }));
  }

  const contentType = response.headers.get('content-type') ?? undefined;
  return {
    status: 'ok',
    bytes,
    ...(contentType !== undefined ? { contentType } : {}),
    ...validators(response),
    finalUrl: finalUrl.href,
  };
}

function httpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedError('http', `not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedError('http', `not an http(s) URL: ${url}`);
  }
  return parsed;
}

function requestHeaders(opts: FetchFeedOptions): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: ACCEPT };
  if (opts.etag) headers['If-None-Match'] = opts.etag;
  if (opts.lastModified) headers['If-Modified-Since'] = opts.lastModified;
  return headers;
}

/**
 * fetch would follow up to 20 redirects and silently leave http(s); we follow at most
 * MAX_REDIRECTS ourselves so the limit and the final URL are ours to report.
 */
async function requestFollowingRedirects(
  start: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ response: Response; finalUrl: URL }> {
  let url = start;
  for (let hops = 0; ; hops++) {
    const response = await fetch(url, { headers, signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { response, finalUrl: url };
    discard(response);
    if (hops >= MAX_REDIRECTS) throw new FeedError('http', `too many redirects (more than ${MAX_REDIRECTS})`, { status: response.status });
    url = new URL(location, url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FeedError('http', `redirected to a non-http(s) URL: ${url.href}`, { status: response.status });
    }
  }
}

/** Reads the body, cancelling the stream as soon as it passes the cap (no 5 GB buffering). */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      throw new FeedError('too-large', `larger than ${formatBytes(maxBytes)}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function validators(response: Response): { etag?: string; lastModified?: string } {
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** Frees the connection without reading a body we do not want. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/** fetch reports "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND …) is in the cause. */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

export function formatBytes(bytes: number): string {
  const round = (n: number) => Number(n.toFixed(1));
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
