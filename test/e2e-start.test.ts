// `almanak start` end to end against both stand-in platforms, with the real SDKs: slash commands
// answered on each, the scheduled digest posted at its minute (clock moved to just before it),
// a 429 on the post retried, a removed channel paused, and a graceful stop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { defaults } from '../config/defaults.ts';
import { runApp } from '../src/app.ts';
import { createSubscriptionStore } from '../src/digests/subscriptions.ts';
import { openArchive } from '../src/archive.ts';
import { createLogger } from '../src/logging.ts';
import { CORPUS_DIR, emptyArchive, type TestArchive } from './support/archive.ts';
import { startDiscordStandIn, type DiscordStandIn } from './standins/discord/server.ts';
import { unknownChannel } from './standins/discord/injections.ts';
import { failures, startSlackStandIn, type SlackStandIn } from './standins/slack/server.ts';

let slack: SlackStandIn | undefined;
let discord: DiscordStandIn | undefined;
let fixture: TestArchive | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await slack?.close();
  await discord?.close();
  fixture?.cleanup();
});

describe('almanak start with Slack and Discord', () => {
  it('posts the scheduled digest at its minute on both platforms, retries a 429, pauses a removed channel, stops gracefully', async () => {
    slack = await startSlackStandIn();
    discord = await startDiscordStandIn();
    fixture = emptyArchive();
    fixture.archive.close();
    const general = discord.world.channels.general.id;
    const removed = discord.world.channels.news.id;
    const config = loadConfig({
      env: {},
      overrides: {
        dbPath: fixture.dbPath,
        corpusDir: CORPUS_DIR,
        slack: { ...defaults.slack, port: 0 },
        digest: {
          ...defaults.digest,
          retryBaseMs: 20,
          subscriptions: [
            { channel: 'slack:CDIGEST', kind: 'on-this-day', time: '08:00', timeZone: 'Europe/Oslo', days: 'daily', empty: 'skip' },
            { channel: `discord:${general}`, kind: 'on-this-day', time: '08:00', timeZone: 'Europe/Oslo', days: 'daily', empty: 'skip' },
            { channel: `discord:${removed}`, kind: 'on-this-day', time: '08:00', timeZone: 'Europe/Oslo', days: 'daily', empty: 'skip' },
          ],
        },
      },
    });
    // One rate limit on the Slack post, and a Discord channel that no longer exists.
    slack.inject({ target: 'chat.postMessage', channel: 'CDIGEST', reply: failures.rateLimited(1) });
    discord.inject({ method: 'POST', path: `/channels/${removed}/messages`, responses: [unknownChannel()] });

    // Only Date is faked: 07:59:57 in Oslo on 5 December; the SDKs' and node-cron's timers run for real.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-12-05T06:59:57Z'));

    const logLines: string[] = [];
    let stop!: (signal: string) => void;
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    const running = runApp({
      config,
      env: {
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: discord.credentials.token,
        DISCORD_APPLICATION_ID: discord.credentials.applicationId,
        DISCORD_API_URL: discord.credentials.apiUrl,
        PORT: '0',
      },
      logger: createLogger('info', (line) => logLines.push(line)),
      clock: { now: () => new Date() },
      stopSignal,
      runConsole: async () => {
        throw new Error('the console must not open when platforms are configured');
      },
    });
    await discord.identified(10_000);

    const slackPosts = await slack.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === 'CDIGEST' && r.status === 200, { timeoutMs: 10_000 });
    const discordPost = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${general}/messages`, 10_000);

    // Posted at the scheduled minute, not before.
    expect(new Date(slackPosts[0]!.at).toISOString() >= '2026-12-05T07:00:00.000Z').toBe(true);
    // The 429 came first and was waited out.
    const attempts = slack.calls('chat.postMessage').filter((r) => r.body.channel === 'CDIGEST');
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    // Retry-After: 1 s. The faked Date advances in 20 ms steps, so allow for that granularity.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    // The digest holds the December article as "this month", on both platforms.
    expect(JSON.stringify(slackPosts[0]!.body)).toContain('On this day: 5 December 2026');
    expect(JSON.stringify(slackPosts[0]!.body)).toContain('this month');
    expect(JSON.stringify(discordPost.body)).toContain('On this day: 5 December 2026');
    expect(JSON.stringify(discordPost.body)).toMatch(/"parse":\[\]/);

    // The removed channel's subscription is paused, with a log line; no retry loop.
    await vi.waitFor(() => expect(logLines.some((line) => line.includes('subscription paused') && line.includes(removed))).toBe(true), { timeout: 5000 });

    stop('SIGTERM');
    expect(await running).toBe(0);
    expect(logLines.some((line) => line.includes('"message":"stopped"'))).toBe(true);

    const archive = openArchive(loadConfig({ env: {}, overrides: { dbPath: fixture.dbPath } }));
    try {
      const subscriptions = createSubscriptionStore(archive.db);
      expect(subscriptions.find(`discord:${removed}`, 'on-this-day')?.status).toBe('paused');
      expect(subscriptions.find('slack:CDIGEST', 'on-this-day')?.status).toBe('active');
      const ledger = archive.db.prepare("SELECT channel, status FROM deliveries WHERE local_date = '2026-12-05' ORDER BY channel").all();
      expect(ledger).toEqual([
        { channel: `discord:${general}`, status: 'posted' },
        { channel: `discord:${removed}`, status: 'failed' },
        { channel: 'slack:CDIGEST', status: 'posted' },
      ]);
    } finally {
      archive.close();
    }
    // Exactly once: one successful post per channel.
    expect(slack.calls('chat.postMessage').filter((r) => r.body.channel === 'CDIGEST' && r.status === 200)).toHaveLength(1);
    expect(discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${general}/messages`)).toHaveLength(1);
  }, 30_000);
});
