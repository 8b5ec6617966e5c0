// readFeed end to end: fixture feeds served by a real node:http server on 127.0.0.1 (or read
// from disk), in the encodings Danish and Norwegian sites actually use, through rss-parser.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/ingest/feeds/fetch-feed.ts';
import { readFeed } from '../../src/ingest/feeds/read-feed.ts';

const NOW = new Date('2019-06-15T12:00:00Z');
const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');

/** path → [Content-Type, body bytes]; every body is built here from the fixture text. */
const routes = new Map<string, [string, Buffer]>([
  ['/rss2.xml', ['application/rss+xml; charset=utf-8', Buffer.from(fixture('rss2-danish.xml'), 'utf8')]],
  ['/rdf.xml', ['application/rdf+xml', Buffer.from(fixture('rss1-rdf.xml'), 'utf8')]],
  ['/atom.xml', ['application/atom+xml', Buffer.from(fixture('atom.xml'), 'utf8')]],
  ['/bom.xml', ['application/rss+xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture('rss2-danish.xml'), 'utf8')])]],
  ['/latin1-declared.xml', ['application/rss+xml', iconv.encode(fixture('latin1-declared.xml'), 'latin1')]],
  ['/latin1-header.xml', ['text/xml; charset=ISO-8859-1', iconv.encode(fixture('latin1-undeclared.xml'), 'latin1')]],
  ['/cp1252.xml', ['application/rss+xml', iconv.encode(fixture('windows-1252.xml'), 'windows-1252')]],
  ['/malformed.xml', ['application/rss+xml', Buffer.from(fixture('malformed.xml'), 'utf8')]],
]);

let server: Server;
let base: string;
let lastIfNoneMatch: string | undefined;
let tempDir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/conditional.xml') {
      lastIfNoneMatch = req.headers['if-none-match'];
      if (lastIfNoneMatch === '"abc"') {
        res.writeHead(304, { ETag: '"abc"' });
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"abc"', 'Last-Modified': 'Sat, 15 Jun 2019 10:00:00 GMT' });
        res.end(fixture('rss2-danish.xml'));
      }
      return;
    }
    if (url === '/moved.xml') {
      res.writeHead(301, { Location: '/atom.xml' });
      res.end();
      return;
    }
    if (url === '/error.xml') {
      res.writeHead(500);
      res.end();
      return;
    }
    const route = routes.get(url);
    if (!route) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': route[0], 'Content-Length': route[1].length });
    res.end(route[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tempDir = await mkdtemp(join(tmpdir(), 'almanak-feeds-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(tempDir, { recursive: true, force: true });
});

describe('readFeed over HTTP', () => {
  it('reads RSS 2.0, RSS 1.0 and Atom', async () => {
    const rss = await readFeed(`${base}/rss2.xml`, { now: NOW });
    expect(rss.title).toBe('Nyheder fra Ærø & Østjylland');
    expect(rss.documents).toHaveLength(2);
    expect(rss.notModified).toBe(false);
    const rdf = await readFeed(`${base}/rdf.xml`, { now: NOW });
    expect(rdf.documents.map((d) => d.title)).toEqual(['Statsbesøk i Tromsø', 'Møte i Stortinget']);
    const atom = await readFeed(`${base}/atom.xml`, { now: NOW });
    expect(atom.documents.map((d) => d.guid)).toEqual(['urn:uuid:entry-1', 'urn:uuid:entry-2', 'urn:uuid:entry-3']);
  });

  it('decodes ISO-8859-1 declared in the XML declaration', async () => {
    const feed = await readFeed(`${base}/latin1-declared.xml`, { now: NOW });
    expect(feed.title).toBe('Lokalavisen Ærøskøbing');
    expect(feed.documents[0]?.title).toBe('Færgen til Ærø er forsinket');
    expect(feed.documents[0]?.text).toBe('Blæsten på Østersøen gør, at ØRESUND-færgen må vente på Åbenrå. Smørrebrød, æbleskiver og øl.');
  });

  it('decodes ISO-8859-1 declared only in the Content-Type header', async () => {
    const feed = await readFeed(`${base}/latin1-header.xml`, { now: NOW });
    expect(feed.title).toBe('Header-kodet kanal: Søndag');
    expect(feed.documents[0]?.title).toBe('Åbent hus på Ærø');
    expect(feed.documents[0]?.text).toBe('Kom og få æbleskiver, gløgg og en snak om fremtiden.');
  });

  it('decodes windows-1252 with curly quotes', async () => {
    const feed = await readFeed(`${base}/cp1252.xml`, { now: NOW });
    expect(feed.documents[0]?.title).toBe('“Det går godt” – siger ministeren');
    expect(feed.documents[0]?.text).toBe('Hun kaldte mødet ‘historisk’ … og tilføjede: „Vi ses i Køge€“.');
  });

  it('reads UTF-8 with a BOM', async () => {
    const feed = await readFeed(`${base}/bom.xml`, { now: NOW });
    expect(feed.title).toBe('Nyheder fra Ærø & Østjylland');
    expect(feed.documents[0]?.title).toBe('Nordisk Råd mødes i København');
  });

  it('keys items by the configured URL even after a redirect, and resolves links against where it landed', async () => {
    const feed = await readFeed(`${base}/moved.xml`, { now: NOW });
    expect(feed.documents[0]?.key).toBe(`feed:${base}/moved.xml#guid:urn:uuid:entry-1`);
    expect(feed.documents[1]?.link).toBe(`${base}/entry/2`);
  });

  it('returns the validators, then notModified on a conditional GET', async () => {
    const first = await readFeed(`${base}/conditional.xml`, { now: NOW });
    expect(first).toMatchObject({ etag: '"abc"', lastModified: 'Sat, 15 Jun 2019 10:00:00 GMT', notModified: false });
    const second = await readFeed(`${base}/conditional.xml`, { now: NOW, etag: first.etag, lastModified: first.lastModified });
    expect(lastIfNoneMatch).toBe('"abc"');
    expect(second).toEqual({
      title: undefined,
      documents: [],
      warnings: [],
      etag: '"abc"',
      lastModified: 'Sat, 15 Jun 2019 10:00:00 GMT',
      notModified: true,
    });
  });

  it('passes the language hint through', async () => {
    const feed = await readFeed(`${base}/rdf.xml`, { now: NOW, languageHint: 'no' });
    expect(feed.documents.every((d) => d.languageHint === 'no')).toBe(true);
  });

  it('reports a malformed feed as FeedError "parse" naming the location', async () => {
    const error = await readFeed(`${base}/malformed.xml`, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({ code: 'parse' });
    expect((error as FeedError).message).toMatch(new RegExp(`^${base}/malformed\\.xml: malformed feed: `));
  });

  it('reports an HTTP 500 naming the location', async () => {
    await expect(readFeed(`${base}/error.xml`)).rejects.toMatchObject({
      code: 'http',
      status: 500,
      message: `${base}/error.xml: HTTP 500 Internal Server Error`,
    });
  });
});

describe('readFeed from a file', () => {
  it('reads a UTF-8 file by path, keyed by its file: URL', async () => {
    const path = fixturePath('rss2-danish.xml');
    const feed = await readFeed(path, { now: NOW });
    expect(feed.title).toBe('Nyheder fra Ærø & Østjylland');
    expect(feed.documents[0]?.key).toBe(`feed:${pathToFileURL(path).href}#guid:nyheder-1`);
    expect(feed.documents[0]?.feedUrl).toBe(pathToFileURL(path).href);
    expect(feed.notModified).toBe(false);
  });

  it('reads a file: URL', async () => {
    const feed = await readFeed(pathToFileURL(fixturePath('atom.xml')).href, { now: NOW });
    expect(feed.documents).toHaveLength(3);
  });

  it('decodes a latin-1 file by its XML declaration', async () => {
    const path = join(tempDir, 'latin1.xml');
    await writeFile(path, iconv.encode(fixture('latin1-declared.xml'), 'latin1'));
    const feed = await readFeed(path, { now: NOW });
    expect(feed.documents[0]?.title).toBe('Færgen til Ærø er forsinket');
  });

  it('decodes a UTF-8 file with a BOM', async () => {
    const path = join(tempDir, 'bom.xml');
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture('rss1-rdf.xml'), 'utf8')]));
    const feed = await readFeed(path, { now: NOW });
    expect(feed.title).toBe('Norsk RDF-kanal');
  });

  it('reports a missing file as FeedError "read" naming the path', async () => {
    const path = join(tempDir, 'nope.xml');
    await expect(readFeed(path)).rejects.toMatchObject({ code: 'read', message: `${path}: no such file` });
  });

  it('applies the size cap to files too', async () => {
    await expect(readFeed(fixturePath('rss2-danish.xml'), { maxBytes: 100 })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuses other URL schemes', async () => {
    await expect(readFeed('ftp://example.com/feed.xml')).rejects.toMatchObject({ code: 'read' });
  });
});
