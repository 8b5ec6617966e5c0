import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPartialDate } from '../../src/core/dates.ts';
import type { SourceDocument } from '../../src/core/types.ts';
import { FeedError } from '../../src/ingest/feeds/fetch-feed.ts';
import { parseFeed } from '../../src/ingest/feeds/parse-feed.ts';

const FEED_URL = 'https://feeds.example.dk/nyheder.xml';
const NOW = new Date('2019-06-15T12:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');
const parse = (name: string) => parseFeed(fixture(name), { feedUrl: FEED_URL, now: NOW });
const day = (doc: SourceDocument | undefined) => (doc?.date ? formatPartialDate(doc.date) : undefined);
const byGuid = (docs: SourceDocument[], guid: string) => docs.find((d) => d.guid === guid);

describe('parseFeed: RSS 2.0', () => {
  it('reads the channel and items with Danish text intact', async () => {
    const feed = await parse('rss2-danish.xml');
    expect(feed.title).toBe('Nyheder fra Ærø & Østjylland');
    expect(feed.warnings).toEqual([]);
    expect(feed.documents).toHaveLength(2);
    const [first] = feed.documents;
    expect(first).toMatchObject({
      key: `feed:${FEED_URL}#guid:nyheder-1`,
      origin: 'https://nyheder.example.dk/artikel/1',
      link: 'https://nyheder.example.dk/artikel/1',
      guid: 'nyheder-1',
      feedUrl: FEED_URL,
      title: 'Nordisk Råd mødes i København',
      source: 'Nyheder fra Ærø & Østjylland',
      publishedAt: '2019-01-01T04:30:00.000Z',
    });
    expect(day(first)).toBe('2018-12-31');
    expect(first?.dateNote).toBeUndefined();
  });

  it('prefers content:encoded over description and strips it to paragraphs', async () => {
    const [first] = (await parse('rss2-danish.xml')).documents;
    expect(first?.text).toBe('Statsministeren mødtes med Nordisk Råd i Århus & Ålborg.\n\nNæste møde er øjeblikkeligt ændret.\n\nNy linje.');
  });

  it('falls back to an escaped-HTML description, dropping its <style>', async () => {
    const second = (await parse('rss2-danish.xml')).documents[1];
    expect(second?.text).toBe('Stats- og regeringschefer samles "uformelt" i Oslo.');
    expect(day(second)).toBe('2019-01-01');
    expect(second?.publishedAt).toBe('2018-12-31T23:30:00.000Z');
  });

  it('passes the language hint through', async () => {
    const feed = await parseFeed(fixture('rss2-danish.xml'), { feedUrl: FEED_URL, now: NOW, languageHint: 'da' });
    expect(feed.documents.every((d) => d.languageHint === 'da')).toBe(true);
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items beside the channel, dated by dc:date', async () => {
    const feed = await parse('rss1-rdf.xml');
    expect(feed.title).toBe('Norsk RDF-kanal');
    expect(feed.documents.map((d) => [d.title, day(d), d.publishedAt, d.key])).toEqual([
      ['Statsbesøk i Tromsø', '2018-12-31', '2019-01-01T04:30:00.000Z', `feed:${FEED_URL}#link:https://rdf.example.no/sak/1`],
      ['Møte i Stortinget', '2019-01-01', '2018-12-31T23:30:00.000Z', `feed:${FEED_URL}#link:https://rdf.example.no/sak/2`],
    ]);
    expect(feed.documents[0]?.text).toBe('Kongen tok imot gjester på Bodø lufthavn.');
  });
});

describe('parseFeed: Atom 1.0', () => {
  it('uses id as guid, the alternate link, html titles and content', async () => {
    const feed = await parse('atom.xml');
    expect(feed.title).toBe('Atom & Co');
    const first = byGuid(feed.documents, 'urn:uuid:entry-1');
    expect(first).toMatchObject({
      key: `feed:${FEED_URL}#guid:urn:uuid:entry-1`,
      link: 'https://atom.example.dk/entry/1',
      title: 'Topmøde i Bruxelles',
      text: 'EU-topmøde\n\nLederne mødtes i Bruxelles.',
    });
  });

  it('dates by published (as written), not by updated', async () => {
    const first = byGuid((await parse('atom.xml')).documents, 'urn:uuid:entry-1');
    expect(day(first)).toBe('2018-12-31');
    expect(first?.publishedAt).toBe('2019-01-01T04:30:00.000Z');
  });

  it('falls back to summary and to updated, and resolves a relative link against the feed URL', async () => {
    const second = byGuid((await parse('atom.xml')).documents, 'urn:uuid:entry-2');
    expect(second?.text).toBe('Bare et resumé.');
    expect(second?.link).toBe('https://feeds.example.dk/entry/2');
    expect(day(second)).toBe('2019-01-01');
  });

  it('reads xhtml content; an unreadable published warns and falls to updated without losing the feed', async () => {
    const feed = await parse('atom.xml');
    const third = byGuid(feed.documents, 'urn:uuid:entry-3');
    expect(third?.text).toBe('Første afsnit.\n\nAndet afsnit.');
    expect(day(third)).toBe('2018-12-30');
    expect(feed.warnings).toEqual(['item 3: unreadable published "31.12.2018"']);
  });
});

describe('parseFeed: dates', () => {
  it('keeps the day as written across offsets', async () => {
    const { documents } = await parse('dates.xml');
    expect(day(byGuid(documents, 'late-minus-five'))).toBe('2018-12-31');
    expect(day(byGuid(documents, 'early-plus-one'))).toBe('2019-01-01');
    expect(byGuid(documents, 'named-zone')).toMatchObject({ publishedAt: '2019-01-01T04:30:00.000Z' });
    expect(day(byGuid(documents, 'named-zone'))).toBe('2018-12-31');
  });

  it('reads date-only values as the day, with no invented instant', async () => {
    const { documents } = await parse('dates.xml');
    for (const guid of ['iso-date-only', 'rfc-date-only']) {
      const doc = byGuid(documents, guid);
      expect(day(doc)).toBe('2018-12-31');
      expect(doc?.publishedAt).toBeUndefined();
      expect(doc?.dateNote).toBeUndefined();
    }
  });

  it('gives an undated item the day it was first seen', async () => {
    const doc = byGuid((await parse('dates.xml')).documents, 'no-date');
    expect(doc).toMatchObject({ dateNote: 'first-seen', publishedAt: NOW.toISOString() });
    expect(day(doc)).toBe('2019-06-15');
  });

  it('clamps a future date to now', async () => {
    const feed = await parse('dates.xml');
    const doc = byGuid(feed.documents, 'future');
    expect(doc).toMatchObject({ dateNote: 'clamped-future', publishedAt: NOW.toISOString() });
    expect(day(doc)).toBe('2019-06-15');
    expect(feed.warnings.some((w) => w.includes('in the future'))).toBe(true);
  });

  it('tolerates up to an hour of clock skew before clamping', async () => {
    const xml = (pubDate: string) =>
      `<rss version="2.0"><channel><title>t</title><item><guid>g</guid><title>x</title><pubDate>${pubDate}</pubDate></item></channel></rss>`;
    const soon = await parseFeed(xml('Sat, 15 Jun 2019 12:59:00 GMT'), { feedUrl: FEED_URL, now: NOW });
    expect(soon.documents[0]?.dateNote).toBeUndefined();
    const later = await parseFeed(xml('Sat, 15 Jun 2019 13:01:00 GMT'), { feedUrl: FEED_URL, now: NOW });
    expect(later.documents[0]?.dateNote).toBe('clamped-future');
  });

  it('warns about an unreadable date and treats the item as first seen', async () => {
    const feed = await parse('dates.xml');
    expect(byGuid(feed.documents, 'garbage')?.dateNote).toBe('first-seen');
    expect(feed.warnings).toContain('item 7: unreadable pubDate "engang i sidste uge"');
  });

  it('moves on to dc:date when pubDate is unreadable', async () => {
    const feed = await parse('dates.xml');
    const doc = byGuid(feed.documents, 'garbage-then-dc');
    expect(day(doc)).toBe('2018-12-30');
    expect(doc?.publishedAt).toBe('2018-12-30T22:00:00.000Z');
    expect(feed.warnings).toContain('item 8: unreadable pubDate "31/12/2018"');
  });

  it('uses the title as text when an item has no text', async () => {
    const doc = byGuid((await parse('dates.xml')).documents, 'no-date');
    expect(doc?.text).toBe('Uden dato');
  });
});

describe('parseFeed: keys', () => {
  it('keys by guid, else link, else a hash of title and text', async () => {
    const feed = await parse('keys.xml');
    const [withGuid, withLink, withNeither, titleOnly] = feed.documents;
    expect(withGuid?.key).toBe(`feed:${FEED_URL}#guid:abc-123`);
    expect(withGuid?.origin).toBe('https://keys.example.dk/a');
    expect(withLink?.key).toBe(`feed:${FEED_URL}#link:https://keys.example.dk/b`);
    expect(withLink?.guid).toBeUndefined();
    const hash = createHash('sha256').update('Hverken guid eller link\nTekst C.').digest('hex').slice(0, 16);
    expect(withNeither?.key).toBe(`feed:${FEED_URL}#hash:${hash}`);
    expect(withNeither?.origin).toBe(withNeither?.key);
    expect(withNeither?.link).toBeUndefined();
    expect(titleOnly?.text).toBe('Kun titel');
  });

  it('gives the same keys on every poll', async () => {
    const first = (await parse('keys.xml')).documents.map((d) => d.key);
    const again = (await parseFeed(fixture('keys.xml'), { feedUrl: FEED_URL, now: new Date('2020-01-01T00:00:00Z') })).documents.map((d) => d.key);
    expect(again).toEqual(first);
  });

  it('skips an item with no title and no text, with a warning, and keeps the others', async () => {
    const feed = await parse('keys.xml');
    expect(feed.documents).toHaveLength(4);
    expect(feed.warnings).toEqual(['item 4: skipped: no title and no text (https://keys.example.dk/tom)']);
  });
});

describe('parseFeed: failures', () => {
  it('rejects malformed XML with FeedError "parse" and the parser\'s reason', async () => {
    const error = await parse('malformed.xml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe('parse');
    expect((error as FeedError).message).toMatch(/^malformed feed: Unexpected close tag/);
  });

  it('rejects XML that is not a feed, and an empty document', async () => {
    await expect(parseFeed('<html><body>hej</body></html>', { feedUrl: FEED_URL, now: NOW })).rejects.toMatchObject({
      code: 'parse',
      message: expect.stringContaining('not recognized') as unknown,
    });
    await expect(parseFeed('  ', { feedUrl: FEED_URL, now: NOW })).rejects.toMatchObject({ code: 'parse' });
  });

  it('still parses after a failure (the shared parser recovers)', async () => {
    await parse('malformed.xml').catch(() => undefined);
    expect((await parse('rss2-danish.xml')).documents).toHaveLength(2);
  });

  it('parses concurrently without mixing feeds up', async () => {
    const [a, b, c] = await Promise.all([parse('rss2-danish.xml'), parse('atom.xml'), parse('rss1-rdf.xml')]);
    expect([a.title, b.title, c.title]).toEqual(['Nyheder fra Ærø & Østjylland', 'Atom & Co', 'Norsk RDF-kanal']);
  });
});
