// The adapter's pure parts, case by case: escaping, rendering, visibility, incoming text, the
// retry policy, the event dedupe, the in-flight counter, the log scrubber and the manifest.
import { webApi } from '@slack/bolt';
import { describe, expect, test } from 'vitest';
import { commands, registry } from '../../commands/index.ts';
import { loadConfig } from '../../config/load.ts';
import { dispatch } from '../../src/command/dispatch.ts';
import { createLogger } from '../../src/logging.ts';
import { errorReply, infoReply, type Reply } from '../../src/core/types.ts';
import { codeSpan, escapeMrkdwn, mrkdwnLink } from '../../src/platforms/slack/escape.ts';
import { SlackManifestError, slackManifest } from '../../src/platforms/slack/manifest.ts';
import { createSeenEvents } from '../../src/platforms/slack/event-dedupe.ts';
import { createInFlight } from '../../src/platforms/slack/in-flight.ts';
import { incomingText } from '../../src/platforms/slack/incoming-text.ts';
import { boltLogger, scrubbingLogger } from '../../src/platforms/slack/log.ts';
import { renderReply } from '../../src/platforms/slack/render.ts';
import { ResponseUrlError, describeFailure, withRetry } from '../../src/platforms/slack/retry.ts';
import { responseTypeFor, takeVisibility } from '../../src/platforms/slack/visibility.ts';
import { corpusArchive } from '../support/archive.ts';
import { failures, startSlackStandIn } from '../standins/slack/server.ts';
import { blocksOf, visibleTexts } from './harness.ts';
import { HOSTILE } from './test-commands.ts';

const config = loadConfig({ env: {} });

/** Words that would notify, link or format if Slack parsed them. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/<[!@#]/); // <!channel>, <@U123>, <#C456>
  expect(text).not.toMatch(/<https?:/);
  expect(text).not.toMatch(/(^|[^\w\u2060])@(here|channel|everyone)\b/);
  // Every formatting marker from the input is fenced by zero-width spaces.
  expect(text).not.toMatch(/(^|[^\u200B])[_~`]|[_~`](?!\u200B)/);
}

describe('escapeMrkdwn', () => {
  test('entities for & < >, so <!channel> and <@U123> stay text', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U123>')).toBe('a &amp; b &lt;!channel&gt; &lt;@U123&gt;');
  });

  test('bare @here/@channel/@everyone get a word joiner; e-mail-like words are left alone', () => {
    expect(escapeMrkdwn('@here @Channel @everyone')).toBe('@\u2060here @\u2060Channel @\u2060everyone');
    expect(escapeMrkdwn('@hereford and a@b.dk')).toBe('@hereford and a@b.dk');
  });

  test('formatting markers are fenced with zero-width spaces', () => {
    expect(escapeMrkdwn('*bold*')).toBe('\u200B*\u200Bbold\u200B*\u200B');
    expect(escapeMrkdwn('_i_ ~s~ `c`')).toBe('\u200B_\u200Bi\u200B_\u200B \u200B~\u200Bs\u200B~\u200B \u200B`\u200Bc\u200B`\u200B');
    expectInert(escapeMrkdwn(HOSTILE));
  });

  test('links: only http(s), with | and > kept out of the target; file names as code', () => {
    expect(mrkdwnLink('https://x.dk/a?b=1&c=2', 'x.dk')).toBe('<https://x.dk/a?b=1&amp;c=2|x.dk>');
    expect(mrkdwnLink('javascript:alert(1)', 'click')).toBe('click');
    expect(mrkdwnLink('https://x.dk/a|b>c', 'x')).toBe('<https://x.dk/a%7Cb%3Ec|x>');
    expect(codeSpan('002_e2091`f.txt <!here>')).toBe('`002_e2091ˋf.txt &lt;!here&gt;`');
  });
});

describe('renderReply', () => {
  test('header is plain_text of at most 150 characters, cut with an ellipsis', () => {
    const [message] = renderReply(infoReply('T'.repeat(200), 'text'));
    const header = message!.blocks[0] as { type: string; text: { type: string; text: string } };
    expect(header.type).toBe('header');
    expect(header.text.type).toBe('plain_text');
    expect(header.text.text).toHaveLength(150);
    expect(header.text.text.endsWith('…')).toBe(true);
  });

  test('stats and help fields are section fields, name in bold above the value, at most 10 a section', async () => {
    const fixture = await corpusArchive();
    try {
      const context = { archive: fixture.archive, clock: { now: () => new Date() }, timeZone: 'UTC', logger: createLogger('silent'), caller: { platform: 'slack' as const }, pageSize: 5 };
      const stats = await dispatch(registry, { command: 'stats', options: {} }, context);
      const [message] = renderReply(stats);
      const sections = blocksOf(message as unknown as Record<string, unknown>).filter((block) => block.fields);
      expect(sections).toHaveLength(1);
      const fields = sections[0]!.fields as { text: string }[];
      expect(fields[0]!.text).toBe('*Articles*\n5');
      expect(fields.some((field) => /^\*By language\*\n.*Norwegian/.test(field.text))).toBe(true);
    } finally {
      fixture.cleanup();
    }
    const many = renderReply(infoReply('Help', 'x', { fields: Array.from({ length: 23 }, (_, index) => ({ name: `n${index}`, value: 'v' })) }));
    const fieldSections = many[0]!.blocks.filter((block) => 'fields' in block && block.fields);
    expect(fieldSections.map((block) => (block as { fields: unknown[] }).fields.length)).toEqual([10, 10, 3]);
  });

  test('the footer is a context block; the fallback text names the title and count', () => {
    const reply: Reply = { kind: 'results', title: 'Search: g20', items: [], total: 0, footer: '1–4 of 4 articles' };
    const [message] = renderReply(reply);
    expect(message!.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '1–4 of 4 articles', verbatim: true }] });
    expect(message!.text).toBe('Search: g20');
  });

  test('an error reply: its fallback text carries the message', () => {
    const [message] = renderReply(errorReply('Sorry, something went wrong', 'Error id: abcd1234.'));
    expect(message!.text).toBe('Sorry, something went wrong: Error id: abcd1234.');
  });

  test('no More button without a saved continuation id, one with it', () => {
    const reply: Reply = { kind: 'results', title: 't', items: [], total: 9, page: { number: 1, size: 2, count: 5 }, next: { command: 'summit', options: {}, page: 2 } };
    expect(JSON.stringify(renderReply(reply))).not.toContain('almanak_more');
    const [message] = renderReply(reply, { moreId: 'abc' });
    expect(message!.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'almanak_more', value: 'abc', text: { text: 'More (page 2 of 5)' } }] });
  });

  test('highlights out of range or overlapping are tolerated', () => {
    const reply: Reply = {
      kind: 'results',
      title: 't',
      total: 1,
      items: [
        {
          date: 'undated',
          datePrecision: 'none',
          eventDate: null,
          title: '',
          source: null,
          language: 'da',
          excerpt: 'Putin mødte Trump',
          highlights: [
            [12, 17],
            [0, 5],
            [3, 8],
            [40, 50],
            [6, 6],
          ],
          origin: 'a.txt',
          link: null,
        },
      ],
    };
    const texts = visibleTexts(renderReply(reply)[0] as unknown as Record<string, unknown>);
    expect(texts).toContain('*undated*\n“*Putin* *mø*dte *Trump*”');
  });
});

describe('visibility', () => {
  test('public:true/false is taken out of the text; the last one wins', () => {
    expect(takeVisibility('putin trump public:true')).toEqual({ text: 'putin trump', public: true });
    expect(takeVisibility('public:TRUE putin public:false')).toEqual({ text: 'putin', public: false });
    expect(takeVisibility('republic:true putin')).toEqual({ text: 'republic:true putin', public: undefined });
  });

  test('errors are always ephemeral', () => {
    expect(responseTypeFor(errorReply('x', 'y'), true, { channelId: 'C1' }, config)).toBe('ephemeral');
    expect(responseTypeFor(infoReply('x', 'y'), true, { channelId: 'C1' }, config)).toBe('in_channel');
    expect(responseTypeFor(infoReply('x', 'y'), undefined, { channelId: 'C1' }, config)).toBe('ephemeral');
  });
});

describe('incomingText', () => {
  test('entities, links and a leading mention of the bot', () => {
    expect(incomingText('<@U0BOT> summit putin &amp; trump', 'U0BOT')).toBe('summit putin & trump');
    expect(incomingText('search <https://vg.no|vg.no> &lt;g20&gt;')).toBe('search vg.no <g20>');
    expect(incomingText('hi <@U1|alice> in <#C1|general>')).toBe('hi @alice in #general');
  });
});

describe('retry policy', () => {
  const policy = { retries: 3, baseDelayMs: 100, maxRetryAfterMs: 5000 };

  test('5xx: exponential backoff, a bounded number of times, then the last error', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new ResponseUrlError(503, undefined, ''));
    };
    await expect(withRetry(failing, policy, { sleep: async (ms) => void waits.push(ms) })).rejects.toBeInstanceOf(ResponseUrlError);
    expect(calls).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  test('429 waits its Retry-After; one longer than the limit is not waited for', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      () => (++calls === 1 ? Promise.reject(new ResponseUrlError(429, 2000, '')) : Promise.resolve('ok')),
      policy,
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([2000]);
    await expect(withRetry(() => Promise.reject(new ResponseUrlError(429, 60_000, '')), policy, { sleep: async () => undefined })).rejects.toThrow(/429/);
  });

  test('what counts as retryable', () => {
    expect(describeFailure(new TypeError('fetch failed'))).toMatchObject({ kind: 'server' });
    expect(describeFailure(new ResponseUrlError(404, undefined, 'expired_url'))).toMatchObject({ kind: 'client', status: 404 });
    expect(describeFailure({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' }, message: 'x' })).toMatchObject({ kind: 'platform', code: 'channel_not_found' });
    expect(describeFailure({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'ratelimited' }, message: 'x' })).toMatchObject({ kind: 'rate-limited' });
    expect(describeFailure({ code: 'slack_webapi_rate_limited_error', retryAfter: 7, message: 'x' })).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(describeFailure({ code: 'slack_webapi_http_error', statusCode: 502, message: 'x' })).toMatchObject({ kind: 'server', status: 502 });
  });
});

test('seen events: repeats are refused, and the memory is bounded (oldest forgotten first)', () => {
  const seen = createSeenEvents(2);
  expect(seen.firstTime('a')).toBe(true);
  expect(seen.firstTime('a')).toBe(false);
  expect(seen.firstTime('b')).toBe(true);
  expect(seen.firstTime('c')).toBe(true);
  expect(seen.firstTime('a')).toBe(true); // forgotten
  expect(seen.firstTime('c')).toBe(false);
});

test('in-flight: drain waits for running work, and gives up after its timeout', async () => {
  const inFlight = createInFlight();
  let release: () => void = () => undefined;
  void inFlight.track(() => new Promise<void>((resolve) => (release = resolve)));
  expect(inFlight.size).toBe(1);
  expect(await inFlight.drain(30)).toBe(false);
  setTimeout(() => release(), 10);
  expect(await inFlight.drain(1000)).toBe(true);
  expect(inFlight.size).toBe(0);
});

describe('log scrubbing', () => {
  test('secrets and token-shaped strings never reach the log, in messages, fields or stacks', () => {
    const lines: string[] = [];
    const logger = scrubbingLogger(createLogger('info', (line) => lines.push(line)), ['0123456789abcdef0123']);
    const error = new Error('call with xoxb-123-456-abc failed');
    logger.error('token xoxb-999-888-zzz and xapp-1-A1-2-abc', { detail: { nested: ['secret 0123456789abcdef0123'] }, error });
    const line = lines.join('\n');
    expect(line).not.toMatch(/xox[bp]-|xapp-/);
    expect(line).not.toContain('0123456789abcdef0123');
    expect(line).toContain('[redacted]');
  });

  test("Bolt's logger lines go through ours, below the level dropped", () => {
    const lines: string[] = [];
    const bolt = boltLogger(createLogger('info', (line) => lines.push(line)));
    bolt.debug('noise');
    bolt.info('also dropped at WARN');
    bolt.warn('careful', { a: 1 });
    bolt.error(new Error('boom'));
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual(['bolt: careful {"a":1}', 'bolt: boom']);
  });
});

describe('slackManifest', () => {
  const http = { ...config, slack: { ...config.slack, mode: 'http' as const, publicUrl: 'https://almanak.example.org/' } };
  const socket = { ...config, slack: { ...config.slack, mode: 'socket' as const } };

  test('one slash command per registry command, with usage hints and the events URL', () => {
    const manifest = slackManifest(registry, http);
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(commands.map((command) => `/${command.name}`));
    const summit = manifest.features.slash_commands.find((command) => command.command === '/summit')!;
    expect(summit).toMatchObject({ url: 'https://almanak.example.org/slack/events', usage_hint: '<name> <name> …', should_escape: false });
    expect(summit.description).toBe(commands.find((command) => command.name === 'summit')!.description);
    // No usage hint for a command without arguments.
    expect(manifest.features.slash_commands.find((command) => command.command === '/stats')).not.toHaveProperty('usage_hint');
  });

  test('bot scopes, DM events and interactivity on the same URL', () => {
    const manifest = slackManifest(registry, http);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'chat:write.public', 'im:history', 'im:read', 'im:write', 'users:read']));
    expect(manifest.settings.event_subscriptions).toEqual({ request_url: 'https://almanak.example.org/slack/events', bot_events: ['message.im'] });
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://almanak.example.org/slack/events' });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  test('Socket Mode: socket_mode_enabled and no request URLs', () => {
    const manifest = slackManifest(registry, socket);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions).not.toHaveProperty('request_url');
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
    expect(manifest.features.slash_commands.every((command) => command.url === undefined)).toBe(true);
  });

  test('HTTP mode without slack.publicUrl names the missing key', () => {
    expect(() => slackManifest(registry, config)).toThrow(SlackManifestError);
    expect(() => slackManifest(registry, config)).toThrow(/slack\.publicUrl/);
  });

  test('the manifest is plain JSON (what `almanak slack-manifest` will print)', () => {
    const manifest = slackManifest(registry, http);
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  });
});

describe("the stand-in speaks Slack's wire format", () => {
  test('Web API: Bearer token, form or JSON bodies, blocks as a JSON string, errors as ok:false', async () => {
    const standIn = await startSlackStandIn();
    try {
      const client = new webApi.WebClient(standIn.botToken, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
      expect(await client.auth.test()).toMatchObject({ ok: true, user_id: standIn.botUserId, bot_id: standIn.botId });
      const posted = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
      expect(posted).toMatchObject({ ok: true, channel: 'C1' });
      const [recorded] = standIn.calls('chat.postMessage');
      expect(recorded!.raw).toMatch(/blocks=%5B/); // form-encoded, blocks as a JSON string
      expect(recorded!.body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]);
      expect(await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'edited' })).toMatchObject({ ok: true, ts: posted.ts });
      expect(await client.conversations.open({ users: 'U0BOB' })).toMatchObject({ ok: true, channel: { id: 'D0BOB' } });

      const json = await fetch(`${standIn.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${standIn.botToken}` },
        body: JSON.stringify({ channel: 'C2', text: 'json body' }),
      });
      expect(await json.json()).toMatchObject({ ok: true, channel: 'C2' });

      await expect(new webApi.WebClient('xoxb-wrong', { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } }).auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
      standIn.inject({ target: 'chat.postMessage', channel: 'C3', reply: failures.platform('is_archived') });
      await expect(client.chat.postMessage({ channel: 'C3', text: 'x' })).rejects.toMatchObject({ data: { error: 'is_archived' } });
      standIn.inject({ target: 'chat.postMessage', reply: failures.rateLimited(7) });
      await expect(client.chat.postMessage({ channel: 'C4', text: 'x' })).rejects.toMatchObject({ retryAfter: 7 });
      expect(standIn.calls('chat.postMessage').at(-1)).toMatchObject({ status: 429, reply: { ok: false, error: 'ratelimited' } });
    } finally {
      await standIn.close();
    }
  });
});
