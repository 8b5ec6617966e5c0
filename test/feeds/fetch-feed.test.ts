// fetchFeed against a real node:http server on 127.0.0.1: headers, conditional GET, redirects,
// status errors, timeouts (before headers and mid-body) and the size cap (declared, streamed, gzip).
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { FeedError, fetchFeed } from '../../src/ingest/feeds/fetch-feed.ts';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Ærø</title></channel></rss>';
const ETAG = '"v1"';
const LAST_MODIFIED = 'Mon, 31 Dec 2018 10:00:00 GMT';

let server: Server;
let base: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const timers = new Set<NodeJS.Timeout>();

/** Delays that die with the response, so closing the server never waits on them. */
function later(res: ServerResponse, ms: number, action: () => void) {
  const timer = setTimeout(() => {
    timers.delete(timer);
    action();
  }, ms);
  timers.add(timer);
  res.on('close', () => clearTimeout(timer));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    seen.push({ url, headers: req.headers });
    if (url === '/feed.xml') {
      if (req.headers['if-none-match'] === ETAG) {
        res.writeHead(304, { ETag: ETAG });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: ETAG, 'Last-Modified': LAST_MODIFIED });
      res.end(FEED);
    } else if (url === '/old') {
      res.writeHead(301, { Location: '/feed.xml' });
      res.end();
    } else if (url.startsWith('/loop/')) {
      res.writeHead(302, { Location: `/loop/${Number(url.slice(6)) + 1}` });
      res.end();
    } else if (url === '/elsewhere') {
      res.writeHead(302, { Location: 'ftp://example.com/feed.xml' });
      res.end();
    } else if (url === '/error') {
      res.writeHead(500);
      res.end('boom');
    } else if (url === '/unavailable') {
      res.writeHead(503);
      res.end();
    } else if (url === '/gone') {
      res.writeHead(404);
      res.end();
    } else if (url === '/slow-headers') {
      later(res, 5000, () => res.end(FEED));
    } else if (url === '/slow-body') {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.write(FEED.slice(0, 20));
      later(res, 5000, () => res.end(FEED.slice(20)));
    } else if (url === '/big-streamed') {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }); // chunked: no length to check up front
      for (let i = 0; i < 200; i++) res.write('x'.repeat(1024));
      res.end();
    } else if (url === '/just-over-5mb') {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 80; i++) res.write(chunk);
      res.end('x');
    } else if (url === '/big-declared') {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Length': 200 * 1024 });
      res.end('x'.repeat(200 * 1024));
    } else if (url === '/big-gzip') {
      const body = gzipSync(' '.repeat(200 * 1024));
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      res.end(body);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const timer of timers) clearTimeout(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('fetchFeed', () => {
  it('returns the bytes, content type, validators and final URL', async () => {
    const result = await fetchFeed(`${base}/feed.xml`);
    expect(result).toMatchObject({
      status: 'ok',
      contentType: 'application/rss+xml; charset=utf-8',
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      finalUrl: `${base}/feed.xml`,
    });
    expect(result.status === 'ok' && result.bytes.toString('utf8')).toBe(FEED);
  });

  it('identifies itself and says which formats it wants', async () => {
    await fetchFeed(`${base}/feed.xml`);
    const headers = seen.at(-1)?.headers;
    expect(headers?.['user-agent']).toBe(`almanak/${packageJson.version} (+https://github.com/almanak)`);
    expect(headers?.accept).toBe('application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5');
    expect(headers?.['if-none-match']).toBeUndefined();
  });

  it('sends the validators and reports 304 as not-modified', async () => {
    const result = await fetchFeed(`${base}/feed.xml`, { etag: ETAG, lastModified: LAST_MODIFIED });
    expect(result.status).toBe('not-modified');
    expect(result).not.toHaveProperty('bytes');
    const headers = seen.at(-1)?.headers;
    expect(headers?.['if-none-match']).toBe(ETAG);
    expect(headers?.['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('follows a redirect and reports where it ended', async () => {
    const result = await fetchFeed(`${base}/old`);
    expect(result).toMatchObject({ status: 'ok', finalUrl: `${base}/feed.xml` });
  });

  it('gives up after 5 redirects', async () => {
    const error = await failure(fetchFeed(`${base}/loop/0`));
    expect(error.code).toBe('http');
    expect(error.message).toBe('too many redirects (more than 5)');
    expect(seen.filter((s) => s.url.startsWith('/loop/'))).toHaveLength(6);
  });

  it('refuses a redirect away from http(s)', async () => {
    const error = await failure(fetchFeed(`${base}/elsewhere`));
    expect(error.code).toBe('http');
    expect(error.message).toContain('ftp://example.com/feed.xml');
  });

  it('turns HTTP errors into FeedError "http" with the status', async () => {
    const error = await failure(fetchFeed(`${base}/error`));
    expect(error).toMatchObject({ code: 'http', status: 500, message: 'HTTP 500 Internal Server Error', retryable: true });
    const unavailable = await failure(fetchFeed(`${base}/unavailable`));
    expect(unavailable.message).toBe('HTTP 503 Service Unavailable');
    const gone = await failure(fetchFeed(`${base}/gone`));
    expect(gone).toMatchObject({ status: 404, retryable: false });
  });

  it('times out while waiting for headers', async () => {
    const started = Date.now();
    const error = await failure(fetchFeed(`${base}/slow-headers`, { timeoutMs: 300 }));
    expect(error).toMatchObject({ code: 'timeout', message: 'timed out after 0.3 s', retryable: true });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out while the body trickles in', async () => {
    const started = Date.now();
    const error = await failure(fetchFeed(`${base}/slow-body`, { timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops reading a body that grows past the cap', async () => {
    const error = await failure(fetchFeed(`${base}/big-streamed`, { maxBytes: 10 * 1024 }));
    expect(error).toMatchObject({ code: 'too-large', message: 'larger than 10 KB', retryable: false });
  });

  it('refuses a declared Content-Length over the cap', async () => {
    const error = await failure(fetchFeed(`${base}/big-declared`, { maxBytes: 10 * 1024 }));
    expect(error.code).toBe('too-large');
  });

  it('applies the cap after decompression', async () => {
    const error = await failure(fetchFeed(`${base}/big-gzip`, { maxBytes: 10 * 1024 }));
    expect(error.code).toBe('too-large');
  });

  it('caps at 5 MB by default', async () => {
    const error = await failure(fetchFeed(`${base}/just-over-5mb`));
    expect(error).toMatchObject({ code: 'too-large', message: 'larger than 5 MB' });
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(fetchFeed(`http://127.0.0.1:${port}/feed.xml`));
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('lets the caller abort', async () => {
    const controller = new AbortController();
    const pending = fetchFeed(`${base}/slow-headers`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error).toMatchObject({ code: 'network', message: 'aborted' });
  });

  it('refuses URLs that are not http(s)', async () => {
    expect((await failure(fetchFeed('file:///etc/passwd'))).code).toBe('http');
    expect((await failure(fetchFeed('not a url'))).code).toBe('http');
  });
});
