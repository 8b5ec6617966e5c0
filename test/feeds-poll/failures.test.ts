// A failing feed: retries back off exponentially up to the cap; the admin channel hears once
// after N failures in a row and once when the feed recovers, never once per failure; two
// pollers sharing a store poll a feed once; the scheduler's stop() waits for polls under way;
// `feeds poll` by hand reports each feed.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeedStore } from '../../src/feeds/feed-store.ts';
import { pollFeedsByHand } from '../../src/feeds/poll-by-hand.ts';
import { createFeedPoller, startFeedPoller } from '../../src/feeds/poller.ts';
import { emptyArchive, type TestArchive } from '../support/archive.ts';
import { recordingPoster, type RecordingPoster } from '../support/fake-poster.ts';
import { pollDeps, rss, startFeedServer, testClock, testPolicy, type FeedServer, type TestClock } from './support.ts';

const GOOD = rss('Avisen', [{ guid: 'g1', link: 'https://avisen.example.dk/1', title: 'Topmøde i Riga', text: 'Lederne mødes i Riga.', pubDate: '2026-03-09' }]);

let server: FeedServer;
let fixture: TestArchive;
let clock: TestClock;
let poster: RecordingPoster;
let logLines: string[];

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  fixture = emptyArchive();
  clock = testClock('2026-03-10T12:00:00Z');
  poster = recordingPoster('slack');
  logLines = [];
});
afterEach(() => fixture.cleanup());

function addFeed(path: string, intervalMinutes = 15) {
  return createFeedStore(fixture.archive.db).add({ url: server.url(path), intervalMinutes }, clock.now()).feed;
}

const poller = (policy = testPolicy({ adminChannel: 'slack:CADMIN' })) =>
  createFeedPoller(pollDeps(fixture.archive, clock, { posters: new Map([['slack', poster]]), logLines }), policy);

/** Moves the clock to the feed's next poll and polls; returns the minutes waited. */
async function pollWhenDue(url: string, policy = testPolicy({ adminChannel: 'slack:CADMIN' })): Promise<number> {
  const feed = createFeedStore(fixture.archive.db).find(url)!;
  const waited = (Date.parse(feed.nextPollAt) - clock.now().getTime()) / 60_000;
  clock.set(feed.nextPollAt);
  const results = await poller(policy).runDue();
  expect(results).toHaveLength(1);
  return waited;
}

describe('backoff', () => {
  it('waits the interval × 2^failures before each retry, capped at maxBackoffMinutes, and the interval again after a success', async () => {
    server.set('/down.xml', { body: 'down', status: 503 });
    const feed = addFeed('/down.xml', 15);
    const waits: number[] = [];
    for (let i = 0; i < 7; i += 1) waits.push(await pollWhenDue(feed.url, testPolicy({ maxBackoffMinutes: 240 })));
    // The first poll is due at once; then 30, 60, 120, 240 and the cap.
    expect(waits).toEqual([0, 30, 60, 120, 240, 240, 240]);
    expect(createFeedStore(fixture.archive.db).find(feed.url)).toMatchObject({ consecutiveFailures: 7, lastError: 'HTTP 503 Service Unavailable' });

    server.set('/down.xml', { body: GOOD });
    await pollWhenDue(feed.url);
    expect(await pollWhenDue(feed.url)).toBe(15);
    expect(createFeedStore(fixture.archive.db).find(feed.url)).toMatchObject({ consecutiveFailures: 0, lastError: 'HTTP 503 Service Unavailable' });
  });

  it('does not poll a failing feed before its backoff ends', async () => {
    server.set('/down2.xml', { body: 'down', status: 500 });
    addFeed('/down2.xml');
    await poller().runDue();
    const requests = server.requests.length;
    clock.advanceMinutes(29);
    expect(await poller().runDue()).toEqual([]);
    expect(server.requests.length).toBe(requests);
  });
});

describe('admin notices', () => {
  it('sends exactly one notice after N failures in a row, and exactly one when the feed recovers', async () => {
    server.set('/flaky.xml', { body: '<rss><channel><item>', status: 200 });
    const feed = addFeed('/flaky.xml');
    for (let i = 0; i < 6; i += 1) await pollWhenDue(feed.url);
    expect(poster.posts.map((post) => [post.channelId, post.reply.title])).toEqual([['CADMIN', `Feed failing: ${feed.url}`]]);
    expect(poster.posts[0]!.reply.text).toMatch(/has failed 3 polls in a row\. Last error: malformed feed/);

    server.set('/flaky.xml', { body: GOOD });
    for (let i = 0; i < 3; i += 1) await pollWhenDue(feed.url);
    expect(poster.posts.map((post) => post.reply.title)).toEqual([`Feed failing: ${feed.url}`, 'Feed recovered: Avisen']);
    expect(poster.posts[1]!.reply.text).toContain('after 6 failed polls in a row');

    // A new bad spell is a new notice.
    server.set('/flaky.xml', { body: 'gone', status: 410 });
    for (let i = 0; i < 4; i += 1) await pollWhenDue(feed.url);
    expect(poster.posts.map((post) => post.reply.title)).toEqual([`Feed failing: ${feed.url}`, 'Feed recovered: Avisen', 'Feed failing: Avisen']);
  });

  it('without an admin channel, logs the failing feed once', async () => {
    server.set('/quiet.xml', { body: 'nope', status: 404 });
    const feed = addFeed('/quiet.xml');
    for (let i = 0; i < 5; i += 1) await pollWhenDue(feed.url, testPolicy());
    expect(poster.posts).toEqual([]);
    expect(logLines.filter((line) => line.includes('feed failing'))).toHaveLength(1);
    expect(logLines.filter((line) => line.includes('feed poll failed'))).toHaveLength(5);
  });

  it('retries a notice the platform rate-limits', async () => {
    server.set('/limited.xml', { body: 'nope', status: 500 });
    const feed = addFeed('/limited.xml');
    poster.failures.push({ ok: false, reason: 'rate-limited', retryable: true, retryAfterMs: 5, message: 'slow down' });
    for (let i = 0; i < 3; i += 1) await pollWhenDue(feed.url);
    expect(poster.posts).toHaveLength(1);
  });
});

describe('two pollers sharing one store', () => {
  it('poll a due feed once', async () => {
    server.set('/shared.xml', { body: GOOD });
    addFeed('/shared.xml');
    const before = server.requests.filter((request) => request.path === '/shared.xml').length;
    const [a, b] = await Promise.all([poller().runDue(), poller().runDue()]);
    expect(a.length + b.length).toBe(1);
    expect(server.requests.filter((request) => request.path === '/shared.xml').length).toBe(before + 1);
  });
});

describe('startFeedPoller', () => {
  it('polls due feeds at start, and stop() cancels and waits for a poll under way without counting it as a failure', async () => {
    server.set('/fast.xml', { body: GOOD });
    server.set('/stalled.xml', { body: GOOD, delayMs: 10_000 });
    addFeed('/fast.xml');
    const stalled = addFeed('/stalled.xml');
    const started = await startFeedPoller(pollDeps(fixture.archive, clock), testPolicy({ timeoutMs: 8_000 }));
    const store = createFeedStore(fixture.archive.db);
    await expect.poll(() => store.find(server.url('/fast.xml'))!.lastSuccessAt, { timeout: 3_000, interval: 20 }).toBe(clock.now().toISOString());
    const t0 = Date.now();
    await started.stop();
    expect(Date.now() - t0).toBeLessThan(2_000);
    const after = store.find(stalled.url)!;
    expect(after).toMatchObject({ consecutiveFailures: 0, lastError: null, lastPollAt: null });
    expect(after.nextPollAt <= clock.now().toISOString()).toBe(true); // due again for the next start
  });
});

describe('feeds poll by hand', () => {
  it('polls every feed now and reports each', async () => {
    server.set('/hand.xml', { body: GOOD });
    server.set('/hand-broken.xml', { body: '<rss>', status: 200 });
    addFeed('/hand.xml');
    addFeed('/hand-broken.xml');
    const report = await pollFeedsByHand(fixture.archive, {}, { clock, policy: testPolicy() });
    expect(report.failed).toBe(1);
    expect(report.text).toContain(`Polled 2 feeds, 1 failed:`);
    expect(report.text).toContain(`Avisen (${server.url('/hand.xml')}): 1 new, 0 updated, 0 unchanged (first poll: stored without alerts)`);
    expect(report.text).toMatch(/hand-broken\.xml: FAILED \(parse\): malformed feed/);

    const again = await pollFeedsByHand(fixture.archive, { feedUrl: server.url('/hand.xml') }, { clock, policy: testPolicy() });
    expect(again.text).toContain('0 new, 0 updated, 1 unchanged');
    expect(again.text).not.toContain('first poll');
  });

  it('says so when the named feed is not polled, or not a URL', async () => {
    const unknown = await pollFeedsByHand(fixture.archive, { feedUrl: 'https://ukendt.example.dk/rss' }, { clock });
    expect(unknown).toMatchObject({ failed: 1, results: [] });
    expect(unknown.text).toContain('https://ukendt.example.dk/rss is not a feed almanak polls');
    const bad = await pollFeedsByHand(fixture.archive, { feedUrl: 'ikke en adresse' }, { clock });
    expect(bad.text).toContain('is not a URL');
  });

  it('polls the feeds declared in config/', async () => {
    server.set('/configured.xml', { body: GOOD });
    const configured = emptyArchive({ feeds: [{ url: server.url('/configured.xml'), name: 'Konfigureret', intervalMinutes: 30 }] });
    try {
      const report = await pollFeedsByHand(configured.archive, {}, { clock, policy: testPolicy() });
      expect(report.text).toContain('Konfigureret');
      expect(createFeedStore(configured.archive.db).all()).toMatchObject([{ origin: 'config', intervalMinutes: 30, backfilled: true }]);
    } finally {
      configured.cleanup();
    }
  });
});
