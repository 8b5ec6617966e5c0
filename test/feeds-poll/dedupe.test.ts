// What a poll leaves in the archive: no duplicates across a restart, edits update the stored
// article, an undated item keeps the date of the poll that first saw it, the first poll is a
// silent backfill, and a new feed's articles are searchable after one poll.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import { loadConfig } from '../../config/load.ts';
import { openArchive, type Archive } from '../../src/archive.ts';
import { dispatchLine } from '../../src/command/dispatch.ts';
import { createFeedStore } from '../../src/feeds/feed-store.ts';
import { createFreshArticles } from '../../src/feeds/fresh-articles.ts';
import { createFeedPoller } from '../../src/feeds/poller.ts';
import { silentLogger } from '../../src/logging.ts';
import { emptyArchive, type TestArchive } from '../support/archive.ts';
import { pollDeps, rss, startFeedServer, testClock, testPolicy, type FeedServer, type RssItem, type TestClock } from './support.ts';

const ITEMS: RssItem[] = [
  {
    guid: 'nrk-1',
    link: 'https://nrk.example.no/1',
    title: 'Støre møter Frederiksen i Bergen',
    text: 'Statsminister Jonas Gahr Støre møter Mette Frederiksen i Bergen til samtaler om forsvar.',
    pubDate: 'Mon, 09 Mar 2026 08:00:00 +0100',
  },
  { link: 'https://nrk.example.no/2', title: 'Kvalfangst i Lofoten', text: 'Fiskerne i Lofoten melder om en rekordsesong.', pubDate: '2026-03-09' },
  { guid: 'nrk-3', link: 'https://nrk.example.no/3', title: 'Uten dato', text: 'Et oppslag uten dato fra Tromsø.' },
];

let server: FeedServer;
let fixture: TestArchive;
let clock: TestClock;
const extra: Archive[] = [];
const url = () => server.url('/nrk.xml');

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  fixture = emptyArchive();
  clock = testClock('2026-03-10T12:00:00Z');
  server.set('/nrk.xml', { body: rss('NRK', ITEMS) });
  createFeedStore(fixture.archive.db).add({ url: url(), intervalMinutes: 15, language: 'no' }, clock.now());
});
afterEach(() => {
  for (const archive of extra.splice(0)) archive.close();
  fixture.cleanup();
});

const poll = async (archive: Archive = fixture.archive) => {
  const [result] = await createFeedPoller(pollDeps(archive, clock), testPolicy()).runDue();
  clock.advanceMinutes(15);
  return result;
};
const reopen = () => {
  fixture.archive.close();
  const archive = openArchive(loadConfig({ env: {}, overrides: { dbPath: fixture.dbPath } }));
  extra.push(archive);
  return archive;
};
const articles = (archive: Archive) =>
  archive.db.prepare<[], { key: string; title: string; date: string; date_note: string | null; published_at: string | null; paragraphs: string }>(
    'SELECT key, title, date, date_note, published_at, paragraphs FROM articles ORDER BY id',
  ).all();

describe('dedupe', () => {
  it('adds nothing when the same feed is polled again after a restart (guid, link and hash keys)', async () => {
    server.set('/nrk.xml', { body: rss('NRK', [...ITEMS, { title: 'Hverken guid eller link', text: 'Kun tekst fra Bodø.' }]) });
    expect(await poll()).toMatchObject({ status: 'read', added: 4 });
    const archive = reopen();
    expect(await poll(archive)).toMatchObject({ status: 'read', added: 0, updated: 0, unchanged: 4 });
    expect(articles(archive)).toHaveLength(4);
  });

  it('updates an edited item in place instead of adding a second copy', async () => {
    await poll();
    const edited = ITEMS.map((item) => (item.guid === 'nrk-1' ? { ...item, text: 'Støre og Frederiksen møttes i Bergen og ble enige om et felles forsvarsinitiativ.' } : item));
    server.set('/nrk.xml', { body: rss('NRK', edited) });
    expect(await poll()).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
    const stored = articles(fixture.archive);
    expect(stored).toHaveLength(3);
    expect(stored[0]!.paragraphs).toContain('forsvarsinitiativ');
  });

  it('keeps an undated item at the day of the poll that first saw it, across later polls and a restart', async () => {
    await poll(); // 2026-03-10T12:00Z
    clock.set('2026-03-12T09:30:00Z');
    expect(await poll()).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    const archive = reopen();
    clock.set('2026-03-14T09:30:00Z');
    expect(await poll(archive)).toMatchObject({ unchanged: 3 });
    const undated = articles(archive).find((article) => article.title === 'Uten dato')!;
    expect(undated).toMatchObject({ date: '2026-03-10', date_note: 'first-seen', published_at: '2026-03-10T12:00:00.000Z' });
  });

  it('stores date-only and offset dates as written', async () => {
    await poll();
    const [offset, dateOnly] = articles(fixture.archive);
    expect(offset).toMatchObject({ date: '2026-03-09', published_at: '2026-03-09T07:00:00.000Z', date_note: null });
    expect(dateOnly).toMatchObject({ date: '2026-03-09', published_at: null, date_note: null });
  });
});

describe('backfill', () => {
  it('stores a new feed\'s current items as backfill (nothing fresh), and items after that as fresh', async () => {
    expect(await poll()).toMatchObject({ backfill: true, added: 3, fresh: [] });
    const fresh = createFreshArticles(fixture.archive.db);
    expect(fresh.after(0, '')).toEqual([]);
    server.set('/nrk.xml', { body: rss('NRK', [...ITEMS, { guid: 'nrk-4', title: 'Nytt fra Oslo', text: 'Regjeringen legger fram budsjettet.' }]) });
    const second = await poll();
    expect(second).toMatchObject({ backfill: false, added: 1 });
    expect(fresh.after(0, '').map((row) => row.feedUrl)).toEqual([url()]);
    expect(createFeedStore(fixture.archive.db).find(url())!.title).toBe('NRK');
  });
});

describe('search', () => {
  it('finds a new feed\'s articles with /search after one poll', async () => {
    await poll();
    const reply = await dispatchLine(registry, '/search kvalfangst lofoten', {
      archive: fixture.archive,
      clock,
      timeZone: 'Europe/Oslo',
      logger: silentLogger,
      caller: { platform: 'cli' },
      pageSize: 10,
    });
    expect(reply.kind).toBe('results');
    expect(reply.items.map((item) => [item.title, item.link, item.date])).toEqual([['Kvalfangst i Lofoten', 'https://nrk.example.no/2', '2026-03-09']]);
  });
});
