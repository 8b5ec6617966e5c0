// Watch alerts end to end below the platforms: feeds served on 127.0.0.1 and polled, watches
// matched with /search's and /summit's rules, batches posted to a recording ChannelPoster. The
// first poll alerts nobody; each new match reaches a channel once, batched, oldest first, with
// its link; a second poll or a restart announces nothing again.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { openArchive, type Archive } from '../../src/archive.ts';
import { createFeedStore } from '../../src/feeds/feed-store.ts';
import { startLiveFeeds } from '../../src/feeds/live-feeds.ts';
import { pollFeedsByHand } from '../../src/feeds/poll-by-hand.ts';
import { createFeedPoller } from '../../src/feeds/poller.ts';
import { silentLogger } from '../../src/logging.ts';
import type { ChannelPoster, PlatformName } from '../../src/platforms/types.ts';
import { createAlertLedger } from '../../src/watches/alert-ledger.ts';
import { createWatchNotifier, type WatchPolicy } from '../../src/watches/notifier.ts';
import { createWatchStore, type WatchMode } from '../../src/watches/watch-store.ts';
import { pollDeps, rss, startFeedServer, testClock, testPolicy, type FeedServer, type RssItem, type TestClock } from '../feeds-poll/support.ts';
import { emptyArchive, type TestArchive } from '../support/archive.ts';
import { recordingPoster, type RecordingPoster } from '../support/fake-poster.ts';

const item = (id: string, title: string, text: string, pubDate: string): RssItem => ({ guid: id, link: `https://avis.example.dk/${id}`, title, text, pubDate });

const BACKFILL = [
  item('b1', 'Topmøde i Bruxelles', "EU's ledere holdt topmøde i Bruxelles om budgettet.", 'Mon, 09 Mar 2026 08:00:00 +0100'),
  item('b2', 'Putin og Trump mødtes i Alaska', 'Vladimir Putin og Donald Trump mødtes til et topmøde i Alaska.', 'Mon, 09 Mar 2026 09:00:00 +0100'),
];
// n1 comes first in the feed but was published after n2.
const N1 = item('n1', 'Nyt topmøde i Oslo', 'Nordiske ledere mødes til topmøde i Oslo i næste uge.', 'Tue, 10 Mar 2026 11:00:00 +0100');
const N2 = item('n2', 'Topmøde om klima', 'Et topmøde om klima samler ledere i Aarhus.', 'Tue, 10 Mar 2026 10:00:00 +0100');
const N3 = item('n3', 'Topmøde udsat', 'Det planlagte topmøde i Reykjavik er udsat en uge.', 'Tue, 10 Mar 2026 12:30:00 +0100');
const N4 = item('n4', 'Topmøde aflyst', 'Topmødet i Tallinn er aflyst på grund af storm.', 'Tue, 10 Mar 2026 12:40:00 +0100');
const S1 = item('s1', 'Putin og Trump mødes igen', 'Vladimir Putin og Donald Trump mødes til et nyt topmøde i Budapest.', 'Tue, 10 Mar 2026 10:30:00 +0100');
const S2 = item('s2', 'Putin taler om økonomien', 'Vladimir Putin talte om økonomien i Moskva. Donald Trump spillede golf i Florida.', 'Tue, 10 Mar 2026 10:40:00 +0100');
const S3 = item('s3', 'Trump ringer til Putin', 'Donald Trump og Vladimir Putin havde en telefonsamtale om en våbenhvile.', 'Tue, 10 Mar 2026 12:50:00 +0100');

const POLICY: WatchPolicy = { batchMinutes: 10, maxItems: 20, retry: { attempts: 2, baseMs: 1 } };

let server: FeedServer;
let fixture: TestArchive;
let clock: TestClock;
let slack: RecordingPoster;
let posters: Map<PlatformName, ChannelPoster>;
const reopened: Archive[] = [];

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  fixture = emptyArchive();
  clock = testClock('2026-03-10T12:00:00Z');
  slack = recordingPoster('slack');
  posters = new Map([['slack', slack]]);
  server.set('/avis.xml', { body: rss('Avisen', BACKFILL) });
  // Every minute, so the batching can be seen minute by minute.
  createFeedStore(fixture.archive.db).add({ url: server.url('/avis.xml'), intervalMinutes: 1, language: 'da' }, clock.now());
});
afterEach(() => {
  for (const archive of reopened.splice(0)) archive.close();
  fixture.cleanup();
});

function watch(channel: string, query: string, mode: WatchMode = 'search', archive: Archive = fixture.archive) {
  return createWatchStore(archive.db).add({ channel, mode, query }, clock.now()).watch;
}
const publish = (...items: RssItem[]) => server.set('/avis.xml', { body: rss('Avisen', [...items, ...BACKFILL]) });
const poll = (archive: Archive = fixture.archive) => createFeedPoller(pollDeps(archive, clock), testPolicy()).runDue();
const notify = (archive: Archive = fixture.archive, instanceId = 'a', policy: WatchPolicy = POLICY) =>
  createWatchNotifier({ archive, posters, logger: silentLogger, clock, sleep: async () => undefined, instanceId }, policy).runDue();
const postsTo = (channelId: string) => slack.posts.filter((post) => post.channelId === channelId);
const titlesIn = (channelId: string) => postsTo(channelId).map((post) => post.reply.items.map((i) => i.title));

describe('new matches', () => {
  it('the first poll alerts nobody; two new matches come in one post, oldest first, each once, also after a restart', async () => {
    watch('slack:CNEWS', 'topmøde');
    await poll();
    expect(await notify()).toEqual(new Map([['slack:CNEWS', 'nothing-new']]));
    expect(slack.posts).toEqual([]);

    clock.advanceMinutes(1);
    publish(N1, N2);
    expect(await poll()).toMatchObject([{ added: 2, backfill: false }]);
    expect(await notify()).toEqual(new Map([['slack:CNEWS', 'posted']]));
    expect(titlesIn('CNEWS')).toEqual([['Topmøde om klima', 'Nyt topmøde i Oslo']]);
    const { reply } = postsTo('CNEWS')[0]!;
    expect(reply).toMatchObject({ kind: 'results', title: 'New: topmøde', total: 2 });
    expect(reply.items.map((i) => [i.date, i.link])).toEqual([
      ['2026-03-10', 'https://avis.example.dk/n2'],
      ['2026-03-10', 'https://avis.example.dk/n1'],
    ]);
    const excerpt = reply.items[0]!;
    expect(excerpt.excerpt).toContain('topmøde om klima');
    expect(excerpt.highlights.map(([start, end]) => excerpt.excerpt.slice(start, end))).toContain('topmøde');

    // Polling again, and looking again after the batch interval, announces nothing new.
    clock.advanceMinutes(11);
    expect(await poll()).toMatchObject([{ added: 0 }]);
    await notify();
    expect(postsTo('CNEWS')).toHaveLength(1);

    // Nor does a restart (another process, the same store).
    fixture.archive.close();
    const archive = openArchive(loadConfig({ env: {}, overrides: { dbPath: fixture.dbPath } }));
    reopened.push(archive);
    clock.advanceMinutes(11);
    await poll(archive);
    await notify(archive, 'b');
    expect(postsTo('CNEWS')).toHaveLength(1);
    const ledger = createAlertLedger(archive.db, 'b');
    const ids = archive.db.prepare<[], { id: number }>("SELECT id FROM articles WHERE link LIKE '%/n_' ORDER BY id").all();
    expect(ids.map((row) => ledger.get('slack:CNEWS', row.id)?.status)).toEqual(['posted', 'posted']);
  });

  it('posts at most once per batch interval: matches in between wait for the next post', async () => {
    watch('slack:CNEWS', 'topmøde');
    await poll();
    clock.advanceMinutes(1); // 12:01
    publish(N1);
    await poll();
    await notify();
    expect(titlesIn('CNEWS')).toEqual([['Nyt topmøde i Oslo']]);

    clock.advanceMinutes(2); // 12:03
    publish(N1, N3);
    await poll();
    expect(await notify()).toEqual(new Map([['slack:CNEWS', 'waiting']]));
    clock.advanceMinutes(4); // 12:07
    publish(N1, N3, N4);
    await poll();
    await notify();
    expect(postsTo('CNEWS')).toHaveLength(1);

    clock.advanceMinutes(4); // 12:11: ten minutes after the first post
    expect(await notify()).toEqual(new Map([['slack:CNEWS', 'posted']]));
    expect(titlesIn('CNEWS')).toEqual([['Nyt topmøde i Oslo'], ['Topmøde udsat', 'Topmøde aflyst']]);
  });

  it('announces only articles found after the watch was set', async () => {
    await poll();
    clock.advanceMinutes(1);
    publish(N1);
    await poll();
    clock.advanceMinutes(1);
    watch('slack:CLATE', 'topmøde');
    await notify();
    expect(slack.posts).toEqual([]);
    publish(N1, N2);
    clock.advanceMinutes(1);
    await poll();
    await notify();
    expect(titlesIn('CLATE')).toEqual([['Topmøde om klima']]);
  });

  it('announces an article that matches two watches of a channel once, labelled with the watch', async () => {
    watch('slack:CBOTH', 'oslo');
    watch('slack:CBOTH', 'topmøde');
    await poll();
    clock.advanceMinutes(1);
    publish(N1, N2);
    await poll();
    await notify();
    const [post] = postsTo('CBOTH');
    expect(post?.reply.title).toBe('New articles for your watches');
    expect(post?.reply.items.map((i) => [i.title, i.label])).toEqual([
      ['Topmøde om klima', 'topmøde'],
      ['Nyt topmøde i Oslo', 'oslo'], // it matches both watches; the older one names it
    ]);
  });

  it('does not announce an article again when the publisher edits it', async () => {
    watch('slack:CEDIT', 'topmøde');
    await poll();
    clock.advanceMinutes(1);
    publish(N1);
    await poll();
    await notify();
    clock.advanceMinutes(11);
    publish({ ...N1, text: 'Nordiske ledere mødes til topmøde i Oslo på fredag, oplyser Statsministeriet.' });
    expect(await poll()).toMatchObject([{ added: 0, updated: 1 }]);
    await notify();
    expect(titlesIn('CEDIT')).toEqual([['Nyt topmøde i Oslo']]);
  });

  it('shows at most maxItems in a post and counts the rest', async () => {
    watch('slack:CCAP', 'topmøde');
    await poll();
    clock.advanceMinutes(1);
    publish(N1, N2, N3);
    await poll();
    await notify(fixture.archive, 'a', { ...POLICY, maxItems: 2 });
    const [post] = postsTo('CCAP');
    expect(post?.reply.items.map((i) => i.title)).toEqual(['Topmøde om klima', 'Nyt topmøde i Oslo']);
    expect(post?.reply).toMatchObject({ total: 3, footer: expect.stringContaining('1 more matched') as unknown });
  });
});

describe('summit watches', () => {
  it('"putin trump" in summit mode gets each new meeting article once, and not an article that names both without a meeting', async () => {
    watch('slack:CSUMMIT', 'putin trump', 'summit');
    watch('slack:CWORDS', 'putin trump');
    await poll();
    await notify();
    expect(slack.posts).toEqual([]);

    clock.advanceMinutes(1);
    publish(S1, S2);
    await poll();
    await notify();
    expect(titlesIn('CSUMMIT')).toEqual([['Putin og Trump mødes igen']]);
    expect(postsTo('CSUMMIT')[0]!.reply.title).toBe('New: summit:putin trump');
    // The same words as a plain watch match both articles.
    expect(titlesIn('CWORDS')).toEqual([['Putin og Trump mødes igen', 'Putin taler om økonomien']]);

    clock.advanceMinutes(11);
    publish(S1, S2, S3);
    await poll();
    await notify();
    clock.advanceMinutes(11);
    await poll();
    await notify();
    expect(titlesIn('CSUMMIT')).toEqual([['Putin og Trump mødes igen'], ['Trump ringer til Putin']]);
    expect(titlesIn('CWORDS')).toEqual([['Putin og Trump mødes igen', 'Putin taler om økonomien'], ['Trump ringer til Putin']]);
  });
});

describe('channels that cannot be posted to', () => {
  it('pauses the channel\'s watches when the channel is gone, and does not retry it', async () => {
    watch('slack:CGONE', 'topmøde');
    await poll();
    clock.advanceMinutes(1);
    publish(N1);
    await poll();
    slack.failures.push({ ok: false, reason: 'gone', retryable: false, message: 'channel_not_found' });
    expect(await notify()).toEqual(new Map([['slack:CGONE', 'channel-unavailable']]));
    expect(createWatchStore(fixture.archive.db).forChannel('slack:CGONE')).toMatchObject([{ status: 'paused', pausedReason: 'cannot post: channel_not_found' }]);
    clock.advanceMinutes(11);
    publish(N1, N2);
    await poll();
    expect(await notify()).toEqual(new Map());
    expect(slack.posts).toEqual([]);
  });

  it('keeps matches for a platform that is not connected until it is', async () => {
    watch('discord:42', 'topmøde');
    await poll();
    clock.advanceMinutes(1);
    publish(N1);
    await poll();
    expect(await notify()).toEqual(new Map([['discord:42', 'no-platform']]));
    const discord = recordingPoster('discord');
    posters.set('discord', discord);
    expect(await notify()).toEqual(new Map([['discord:42', 'posted']]));
    expect(discord.posts.map((post) => [post.channelId, post.reply.items.map((i) => i.title)])).toEqual([['42', ['Nyt topmøde i Oslo']]]);
  });
});

describe('startLiveFeeds', () => {
  it('a scheduled poll that finds a new match wakes the notifier, which posts it', async () => {
    const realClock = { now: () => new Date() };
    const hourAgo = new Date(Date.now() - 3_600_000).toUTCString();
    server.set('/avis.xml', { body: rss('Avisen', BACKFILL) });
    await pollFeedsByHand(fixture.archive, {}, { clock: realClock, policy: testPolicy() });
    createWatchStore(fixture.archive.db).add({ channel: 'slack:CLIVE', mode: 'search', query: 'topmøde' }, realClock.now());
    server.set('/avis.xml', { body: rss('Avisen', [{ ...N1, pubDate: hourAgo }, ...BACKFILL]) });
    fixture.archive.db.prepare('UPDATE feeds SET next_poll_at = ?').run(new Date().toISOString());

    const live = await startLiveFeeds({ archive: fixture.archive, posters, logger: silentLogger, clock: realClock, sleep: async () => undefined });
    try {
      await vi.waitFor(() => expect(titlesIn('CLIVE')).toEqual([['Nyt topmøde i Oslo']]), { timeout: 5_000, interval: 20 });
    } finally {
      await live.stop();
    }
  });
});
