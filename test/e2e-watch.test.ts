// A watch end to end: a feed served on 127.0.0.1, polled through the real rss-parser, and a new
// Putin–Trump meeting article announced once, batched, through the real Slack and Discord SDKs
// to their stand-in servers. The first poll (backfill) alerts nobody.
import { afterEach, describe, expect, it } from 'vitest';
import { registry } from '../commands/index.ts';
import { startPlatforms } from '../src/app.ts';
import { createFeedStore } from '../src/feeds/feed-store.ts';
import { createFeedPoller } from '../src/feeds/poller.ts';
import { createLogger } from '../src/logging.ts';
import type { PlatformRuntime } from '../src/platforms/types.ts';
import { createWatchNotifier } from '../src/watches/notifier.ts';
import { createWatchStore } from '../src/watches/watch-store.ts';
import { pollDeps, rss, startFeedServer, testClock, testPolicy, type FeedServer, type RssItem } from './feeds-poll/support.ts';
import { emptyArchive, type TestArchive } from './support/archive.ts';
import { startDiscordStandIn, type DiscordStandIn } from './standins/discord/server.ts';
import { startSlackStandIn, type SlackStandIn } from './standins/slack/server.ts';

let slack: SlackStandIn | undefined;
let discord: DiscordStandIn | undefined;
let feeds: FeedServer | undefined;
let fixture: TestArchive | undefined;
let runtimes: PlatformRuntime[] = [];

afterEach(async () => {
  await Promise.allSettled(runtimes.map((runtime) => runtime.stop()));
  runtimes = [];
  await slack?.close();
  await discord?.close();
  await feeds?.close();
  fixture?.cleanup();
});

const item = (id: string, title: string, text: string, pubDate: string): RssItem => ({ guid: id, link: `https://avis.example.no/${id}`, title, text, pubDate });
const OLD = item('old', 'Putin og Trump møttes i Helsingfors', 'Vladimir Putin og Donald Trump møttes til toppmøte i Helsingfors.', 'Mon, 16 Jul 2018 12:00:00 +0300');
const LATER = item('later', 'Trump ringte Putin', 'Donald Trump og Vladimir Putin hadde en telefonsamtale om en våpenhvile.', 'Tue, 10 Mar 2026 12:50:00 +0100');
const EARLIER = item('earlier', 'Nytt toppmøte planlagt', 'Putin og Trump skal møtes til et nytt toppmøte i Budapest.', 'Tue, 10 Mar 2026 10:30:00 +0100');
const OTHER = item('other', 'Været i Oslo', 'Det blir sol i Oslo i morgen.', 'Tue, 10 Mar 2026 11:00:00 +0100');

describe('a watch for "putin trump"', () => {
  it('announces each new matching article once, batched and oldest first, on Slack and Discord', async () => {
    slack = await startSlackStandIn();
    discord = await startDiscordStandIn();
    feeds = await startFeedServer();
    fixture = emptyArchive();
    const { archive } = fixture;
    const clock = testClock('2026-03-10T12:00:00Z');
    const logger = createLogger('warn', () => undefined);
    runtimes = await startPlatforms({
      archive,
      registry,
      config: { ...archive.config, slack: { ...archive.config.slack, port: 0 } },
      credentials: {
        slack: { botToken: slack.botToken, signingSecret: slack.signingSecret, apiUrl: slack.apiUrl },
        discord: discord.credentials,
        port: 0,
      },
      logger,
      clock,
    });
    const posters = new Map(runtimes.map((runtime) => [runtime.name, runtime.poster] as const));
    const general = discord.world.channels.general.id;
    feeds.set('/nyheter.xml', { body: rss('Nyhetene', [OLD]) });
    createFeedStore(archive.db).add({ url: feeds.url('/nyheter.xml'), intervalMinutes: 1, language: 'no' }, clock.now());
    const watches = createWatchStore(archive.db);
    watches.add({ channel: 'slack:CWATCH', mode: 'search', query: 'putin trump' }, clock.now());
    watches.add({ channel: `discord:${general}`, mode: 'search', query: 'putin trump' }, clock.now());

    const poll = () => createFeedPoller(pollDeps(archive, clock), testPolicy()).runDue();
    const notify = () => createWatchNotifier({ archive, posters, logger, clock, sleep: async () => undefined, instanceId: 'e2e' }, { batchMinutes: 10, maxItems: 20, retry: { attempts: 2, baseMs: 1 } }).runDue();
    const slackAlerts = () => slack!.calls('chat.postMessage').filter((r) => r.body.channel === 'CWATCH' && r.status === 200);
    const discordAlerts = () => discord!.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${general}/messages`);

    // First poll: a backfill, announced to nobody.
    await poll();
    await notify();
    expect(slackAlerts()).toHaveLength(0);
    expect(discordAlerts()).toHaveLength(0);

    // Two new matches and one that does not match arrive in one poll.
    clock.advanceMinutes(2);
    feeds.set('/nyheter.xml', { body: rss('Nyhetene', [LATER, OTHER, EARLIER, OLD]) });
    await poll();
    await notify();
    expect(slackAlerts()).toHaveLength(1);
    expect(discordAlerts()).toHaveLength(1);
    const slackText = JSON.stringify(slackAlerts()[0]!.body);
    const discordText = JSON.stringify(discordAlerts()[0]!.body);
    for (const text of [slackText, discordText]) {
      expect(text).toContain('Nytt toppmøte planlagt');
      expect(text).toContain('Trump ringte Putin');
      expect(text.indexOf('Nytt toppmøte planlagt')).toBeLessThan(text.indexOf('Trump ringte Putin')); // oldest first
      expect(text).not.toContain('Været i Oslo');
      expect(text).not.toContain('Helsingfors');
      expect(text).toContain('https://avis.example.no/earlier');
    }

    // Later polls and notifications (even past the batch window) announce nothing again.
    clock.advanceMinutes(15);
    await poll();
    await notify();
    expect(slackAlerts()).toHaveLength(1);
    expect(discordAlerts()).toHaveLength(1);
  }, 30_000);
});
