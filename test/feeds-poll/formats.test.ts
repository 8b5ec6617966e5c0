// The poller against feed files served by a real node:http server on 127.0.0.1, read by the real
// rss-parser: every feed format and charset Danish and Norwegian sites use, conditional GET,
// redirects, and the ways a feed fails (malformed, slow, oversized, missing) without stopping
// the others; guids that change do not duplicate articles.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeedStore } from '../../src/feeds/feed-store.ts';
import type { PollResult } from '../../src/feeds/poll-feed.ts';
import { createFeedPoller } from '../../src/feeds/poller.ts';
import { emptyArchive, type TestArchive } from '../support/archive.ts';
import { pollDeps, rss, startFeedServer, testClock, testPolicy, type FeedServer, type TestClock } from './support.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');

let server: FeedServer;
let archive: TestArchive;
let clock: TestClock;

beforeAll(async () => {
  server = await startFeedServer();
  server.set('/rss2.xml', { body: fixture('rss2-danish.xml') });
  server.set('/rdf.xml', { body: fixture('rss1-rdf.xml'), contentType: 'application/rdf+xml' });
  server.set('/atom.xml', { body: fixture('atom.xml'), contentType: 'application/atom+xml' });
  server.set('/latin1.xml', { body: iconv.encode(fixture('latin1-declared.xml'), 'latin1'), contentType: 'application/rss+xml' });
  server.set('/latin1-header.xml', { body: iconv.encode(fixture('latin1-undeclared.xml'), 'latin1'), contentType: 'text/xml; charset=ISO-8859-1' });
  server.set('/bom.xml', { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture('rss2-danish.xml'), 'utf8')]) });
  server.set('/malformed.xml', { body: fixture('malformed.xml') });
  server.set('/slow.xml', { body: fixture('rss2-danish.xml'), delayMs: 10_000 });
  server.set('/big.xml', { body: rss('Stor', [{ guid: 'x', title: 'Stor', text: 'ø'.repeat(40_000) }]) });
  server.set('/moved.xml', { body: '', status: 301, headers: { Location: '/rss2.xml' } });
});
afterAll(() => server.close());

beforeEach(() => {
  archive = emptyArchive();
  clock = testClock('2026-03-10T12:00:00Z');
});
afterEach(() => archive.cleanup());

function addFeeds(...paths: string[]): void {
  const store = createFeedStore(archive.archive.db);
  for (const path of paths) store.add({ url: server.url(path), intervalMinutes: 15 }, clock.now());
}

const poll = (policy = testPolicy()) => createFeedPoller(pollDeps(archive.archive, clock), policy).runDue();
const byPath = (results: readonly PollResult[], path: string) => results.find((result) => result.feed.url === server.url(path))!;
// Sorted: article ids follow publication dates, not feed order.
const titles = (path: string) =>
  archive.archive.db
    .prepare<[string], { title: string }>('SELECT title FROM articles WHERE feed_url = ?')
    .all(server.url(path))
    .map((row) => row.title)
    .sort();

describe('feed formats and charsets', () => {
  it('reads RSS 2.0, RSS 1.0/RDF, Atom 1.0, ISO-8859-1 (declared or in the header) and a BOM into the archive', async () => {
    addFeeds('/rss2.xml', '/rdf.xml', '/atom.xml', '/latin1.xml', '/latin1-header.xml', '/bom.xml');
    const results = await poll();
    expect(results.map((result) => result.status)).toEqual(['read', 'read', 'read', 'read', 'read', 'read']);
    expect(titles('/rss2.xml')).toEqual(['Nordisk Råd mødes i København', 'Topmøde i Oslo'].sort());
    expect(titles('/rdf.xml')).toEqual(['Statsbesøk i Tromsø', 'Møte i Stortinget'].sort());
    expect(titles('/atom.xml')).toEqual(['Topmøde i Bruxelles', 'Kun resumé', 'XHTML-indhold'].sort());
    expect(titles('/latin1.xml')).toEqual(['Færgen til Ærø er forsinket']);
    expect(titles('/latin1-header.xml')).toHaveLength(1);
    expect(titles('/latin1-header.xml')[0]).toMatch(/[æøåÆØÅ]/);
    expect(titles('/latin1-header.xml')[0]).not.toContain('\ufffd');
    expect(titles('/bom.xml')).toEqual(['Nordisk Råd mødes i København', 'Topmøde i Oslo']);
    const body = archive.archive.db.prepare<[], { paragraphs: string }>("SELECT paragraphs FROM articles WHERE title LIKE 'Færgen%'").get()!;
    expect(body.paragraphs).toContain('Blæsten på Østersøen');
  });

  it('follows a redirect and keys the items by the configured URL', async () => {
    addFeeds('/moved.xml');
    const [result] = await poll();
    expect(result).toMatchObject({ status: 'read', added: 2 });
    expect(titles('/moved.xml')).toEqual(['Nordisk Råd mødes i København', 'Topmøde i Oslo']);
  });

  it('names almanak in the User-Agent', async () => {
    addFeeds('/rss2.xml');
    const before = server.requests.length;
    await poll();
    expect(server.requests.slice(before)[0]?.headers['user-agent']).toMatch(/^almanak\//);
  });
});

describe('failing feeds', () => {
  it('marks a malformed, a slow, an oversized and a missing feed failing with the reason, while the others are read', async () => {
    addFeeds('/malformed.xml', '/slow.xml', '/big.xml', '/nowhere.xml', '/rss2.xml');
    const started = Date.now();
    const results = await poll(testPolicy({ timeoutMs: 300, maxBytes: 20_000 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(byPath(results, '/rss2.xml')).toMatchObject({ status: 'read', added: 2 });
    expect(byPath(results, '/malformed.xml')).toMatchObject({ status: 'failed', code: 'parse', consecutiveFailures: 1 });
    expect(byPath(results, '/slow.xml')).toMatchObject({ status: 'failed', code: 'timeout', retryable: true });
    expect(byPath(results, '/big.xml')).toMatchObject({ status: 'failed', code: 'too-large' });
    expect(byPath(results, '/nowhere.xml')).toMatchObject({ status: 'failed', code: 'http', reason: 'HTTP 404 Not Found' });

    const feeds = createFeedStore(archive.archive.db);
    const malformed = feeds.find(server.url('/malformed.xml'))!;
    expect(malformed.lastError).toMatch(/^malformed feed: /);
    expect(malformed.lastSuccessAt).toBeNull();
    expect(feeds.find(server.url('/slow.xml'))!.lastError).toBe('timed out after 0.3 s');
    expect(feeds.find(server.url('/big.xml'))!.lastError).toMatch(/^larger than/);
    expect(feeds.find(server.url('/rss2.xml'))!.lastError).toBeNull();
    expect(feeds.articleCount(server.url('/malformed.xml'))).toBe(0);
  });
});

describe('conditional GET', () => {
  it('sends If-None-Match, and a 304 re-ingests nothing', async () => {
    server.set('/etag.xml', { body: fixture('rss2-danish.xml'), etag: '"v1"' });
    addFeeds('/etag.xml');
    const [first] = await poll();
    expect(first).toMatchObject({ status: 'read', added: 2 });
    const stored = () => archive.archive.db.prepare('SELECT id, updated_at, content_hash FROM articles ORDER BY id').all();
    const before = stored();

    clock.advanceMinutes(15);
    const served = server.notModified;
    const since = server.requests.length;
    const [second] = await poll();
    expect(second?.status).toBe('not-modified');
    expect(server.requests.slice(since).map((request) => request.headers['if-none-match'])).toEqual(['"v1"']);
    expect(server.notModified).toBe(served + 1);
    expect(stored()).toEqual(before);
    const feed = createFeedStore(archive.archive.db).find(server.url('/etag.xml'))!;
    expect(feed.lastSuccessAt).toBe(clock.now().toISOString());
    expect(feed.etag).toBe('"v1"');
  });

  it('polls a feed only when it is due', async () => {
    addFeeds('/rss2.xml');
    await poll();
    clock.advanceMinutes(14);
    expect(await poll()).toEqual([]);
    clock.advanceMinutes(1);
    expect(await poll()).toHaveLength(1);
  });
});

describe('changing guids', () => {
  it('a publisher that changes guids but keeps links creates no duplicates', async () => {
    const items = [
      { guid: 'a-1', link: 'https://avis.example.dk/a', title: 'Første', text: 'Statsministeren mødtes med pressen.', pubDate: 'Mon, 09 Mar 2026 08:00:00 +0100' },
      { guid: 'a-2', link: 'https://avis.example.dk/b', title: 'Anden', text: 'Folketinget samles igen.', pubDate: 'Mon, 09 Mar 2026 09:00:00 +0100' },
    ];
    server.set('/guids.xml', { body: rss('Avis', items) });
    addFeeds('/guids.xml');
    expect(await poll()).toMatchObject([{ status: 'read', added: 2 }]);

    server.set('/guids.xml', { body: rss('Avis', items.map((item) => ({ ...item, guid: `v2-${item.guid}` }))) });
    clock.advanceMinutes(15);
    expect(await poll()).toMatchObject([{ status: 'read', added: 0, updated: 0, unchanged: 2 }]);
    clock.advanceMinutes(15);
    expect(await poll()).toMatchObject([{ status: 'read', added: 0 }]);
    expect(titles('/guids.xml')).toEqual(['Anden', 'Første']);
  });
});
