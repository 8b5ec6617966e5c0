// Shared by the live-feed tests: a feed server on 127.0.0.1 whose routes a test changes between
// polls (recording every request's headers), an RSS builder, and a poller policy and deps with
// an injected clock.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Archive } from '../../src/archive.ts';
import type { FeedPolicy, FeedPollDeps } from '../../src/feeds/policy.ts';
import { createLogger } from '../../src/logging.ts';
import type { ChannelPoster, PlatformName } from '../../src/platforms/types.ts';

export interface FeedRoute {
  readonly body: string | Buffer;
  readonly contentType?: string;
  readonly status?: number;
  /** Served as ETag; a request with a matching If-None-Match gets a 304. */
  readonly etag?: string;
  /** Wait this long before answering (the response dies with the server). */
  readonly delayMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FeedServer {
  url(path: string): string;
  set(path: string, route: FeedRoute): void;
  readonly requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Requests answered 304. */
  readonly notModified: number;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: FeedServer['requests'] = [];
  const state = { notModified: 0 };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    const answer = () => {
      if (!route) {
        res.writeHead(404).end('not found');
        return;
      }
      if (route.etag && req.headers['if-none-match'] === route.etag) {
        state.notModified += 1;
        res.writeHead(304, { ETag: route.etag }).end();
        return;
      }
      res.writeHead(route.status ?? 200, {
        'Content-Type': route.contentType ?? 'application/rss+xml; charset=utf-8',
        ...(route.etag ? { ETag: route.etag } : {}),
        ...route.headers,
      });
      res.end(route.body);
    };
    if (!route?.delayMs) return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, route.delayMs);
    timers.add(timer);
    res.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path) => `${base}${path}`,
    set: (path, route) => void routes.set(path, route),
    requests,
    get notModified() {
      return state.notModified;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RssItem {
  readonly guid?: string;
  readonly link?: string;
  readonly title: string;
  readonly text: string;
  readonly pubDate?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, items: readonly RssItem[]): string {
  const entries = items.map(
    (item) =>
      `<item>${item.guid ? `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>` : ''}${item.link ? `<link>${escapeXml(item.link)}</link>` : ''}` +
      `<title>${escapeXml(item.title)}</title>${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ''}<description>${escapeXml(item.text)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title>${entries.join('')}</channel></rss>`;
}

export function testPolicy(overrides: Partial<FeedPolicy> = {}): FeedPolicy {
  return {
    timeoutMs: 2_000,
    maxBytes: 256 * 1024,
    failureNoticeAfter: 3,
    maxBackoffMinutes: 240,
    concurrency: 4,
    noticeRetry: { attempts: 2, baseMs: 1 },
    ...overrides,
  };
}

export interface TestClock {
  now(): Date;
  set(iso: string): void;
  advanceMinutes(minutes: number): void;
}

export function testClock(start: string): TestClock {
  let now = new Date(start);
  return {
    now: () => now,
    set: (iso) => void (now = new Date(iso)),
    advanceMinutes: (minutes) => void (now = new Date(now.getTime() + minutes * 60_000)),
  };
}

/** Deps for the poller; log lines are collected so tests can look at them. */
export function pollDeps(
  archive: Archive,
  clock: TestClock,
  options: { posters?: ReadonlyMap<PlatformName, ChannelPoster>; onFreshArticles?: () => void; logLines?: string[] } = {},
): FeedPollDeps {
  return {
    archive,
    clock,
    logger: createLogger('info', (line) => options.logLines?.push(line)),
    sleep: async () => undefined,
    ...(options.posters ? { posters: options.posters } : {}),
    ...(options.onFreshArticles ? { onFreshArticles: options.onFreshArticles } : {}),
  };
}
