// Slash commands end to end: real Bolt behind almanak's adapter, called by the stand-in exactly
// as Slack calls it (signed), answering at the stand-in's response_url.
import { setTimeout as delay } from 'node:timers/promises';
import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { slackSignature } from '../standins/slack/signing.ts';
import { itemSections, responses, startHarness, visibleTexts, type Harness } from './harness.ts';
import { gate, testRegistry } from './test-commands.ts';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let harness: Harness;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  harness = await startHarness({
    registry: testRegistry(),
    config: { slack: { mode: 'http', port: 0, publicChannels: ['C0NEWSROOM', 'almanak-public'], admins: ['U0CONFIGADMIN'] } },
    // Bolt and the WebClient at debug level, so their most talkative lines pass through our logger too.
    slack: { boltLogLevel: LogLevel.DEBUG },
  });
});
afterAll(async () => {
  await harness.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

function dates(sections: string[]): string[] {
  return sections.map((text) => /^\*([^*]+)\*/.exec(text)![1]!);
}

describe('/summit putin trump', () => {
  test('is acknowledged within 3 s and answered with the four meetings in date order', async () => {
    const sent = await harness.client.slashCommand({ command: '/summit', text: 'putin trump' });
    expect(sent.status).toBe(200);
    expect(sent.elapsedMs).toBeLessThan(3000);

    const [answer] = await responses(harness, sent.responseUrl);
    const body = answer!.body;
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('"type":"header"');

    const items = itemSections(body);
    expect(dates(items)).toEqual(['2017-05', '2018-12', 'undated', 'undated']);
    // 2017-05 (VG): Sky News says they agreed to try to meet at the G20 in Hamburg in July.
    expect(items[0]).toMatch(/Hamburg i juli/);
    expect(items[0]).toMatch(/G20/);
    // 2018-12: Trump cancelled a planned meeting with Putin in November (G20, Argentina).
    expect(items[1]).toMatch(/aflyste et planlagt \*møde\* med \*Putin\* i november/);
    // Highlights are bold, and the event date and origin are in the item's context block.
    expect(items[1]).toContain('*Trump*');
    const texts = visibleTexts(body);
    expect(texts).toContain('event: 2017-07');
    expect(texts).toContain('event: 2018-11');
    expect(texts).toContain('`002_e2091f94b05efd33.txt`');
  });

  test('ack() comes before the work: the HTTP answer arrives while the command is still running', async () => {
    const sent = await harness.client.slashCommand({ command: '/slow' });
    expect(sent.status).toBe(200);
    expect(harness.standIn.calls('response_url', sent.responseUrl)).toHaveLength(0);
    gate.open();
    const [answer] = await responses(harness, sent.responseUrl);
    expect(visibleTexts(answer!.body).join('\n')).toContain('Done at last.');
  });

  test('options in the command text reach the command (/search … lang:no)', async () => {
    const sent = await harness.client.slashCommand({ command: '/search', text: 'putin lang:no' });
    const [answer] = await responses(harness, sent.responseUrl);
    // Only the Norwegian articles: VG 2017-05 and two undated ones — not the Danish 2018-12.
    expect(dates(itemSections(answer!.body)).sort()).toEqual(['2017-05', 'undated', 'undated']);
  });
});

describe('who sees the answer', () => {
  test('ephemeral by default', async () => {
    const sent = await harness.client.slashCommand({ command: '/stats' });
    const [answer] = await responses(harness, sent.responseUrl);
    expect(answer!.body.response_type).toBe('ephemeral');
  });

  test('public:true posts it in the channel, and the flag is not read as a search word', async () => {
    const sent = await harness.client.slashCommand({ command: '/summit', text: 'putin trump public:true' });
    const [answer] = await responses(harness, sent.responseUrl);
    expect(answer!.body.response_type).toBe('in_channel');
    expect(itemSections(answer!.body)).toHaveLength(4);
  });

  test('a channel in config.slack.publicChannels (by id or name) answers in the channel; public:false overrides it', async () => {
    const listed = await harness.client.slashCommand({ command: '/stats', channelId: 'C0NEWSROOM', channelName: 'newsroom' });
    const byName = await harness.client.slashCommand({ command: '/stats', channelId: 'C0OTHER', channelName: 'almanak-public' });
    const quiet = await harness.client.slashCommand({ command: '/stats', text: 'public:false', channelId: 'C0NEWSROOM' });
    expect((await responses(harness, listed.responseUrl))[0]!.body.response_type).toBe('in_channel');
    expect((await responses(harness, byName.responseUrl))[0]!.body.response_type).toBe('in_channel');
    expect((await responses(harness, quiet.responseUrl))[0]!.body.response_type).toBe('ephemeral');
  });

  test('an error reply stays ephemeral even with public:true', async () => {
    const sent = await harness.client.slashCommand({ command: '/search', text: 'public:true' });
    const [answer] = await responses(harness, sent.responseUrl);
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(visibleTexts(answer!.body).join('\n')).toMatch(/Option "query"/);
  });
});

describe('who may manage a channel (digests, watches, feeds)', () => {
  async function subscribe(userId: string, channelId: string): Promise<string> {
    const sent = await harness.client.slashCommand({ command: '/digest', text: 'subscribe time:09:00', userId, channelId });
    const [answer] = await responses(harness, sent.responseUrl);
    return visibleTexts(answer!.body)[1]!;
  }
  const lookups = (user: string) => harness.standIn.calls('users.info').filter((request) => request.body.user === user);

  test('an ordinary member may not', async () => {
    expect(await subscribe('U0ALICE', 'C0DIGEST1')).toBe('Not allowed');
  });

  test('a user in config.slack.admins may, without asking Slack', async () => {
    expect(await subscribe('U0CONFIGADMIN', 'C0DIGEST2')).toBe('Digest subscribed');
    expect(lookups('U0CONFIGADMIN')).toHaveLength(0);
  });

  test('a workspace admin (users.info) may; the answer is cached', async () => {
    harness.standIn.workspaceAdmins.add('U0WSADMIN');
    expect(await subscribe('U0WSADMIN', 'C0DIGEST3')).toBe('Digest subscribed');
    expect(await subscribe('U0WSADMIN', 'C0DIGEST4')).toBe('Digest subscribed');
    expect(lookups('U0WSADMIN')).toHaveLength(1);
    expect(lookups('U0WSADMIN')[0]!.headers.authorization).toBe(`Bearer ${harness.standIn.botToken}`);
  });
});

describe('request signing (Bolt, left switched on)', () => {
  test('a bad signature is refused with 401 and runs nothing', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const forged = slackSignature('0123456789abcdef0123456789abcdef', timestamp, 'another body');
    const sent = await harness.client.slashCommand({ command: '/summit', text: 'putin trump' }, { signature: forged, timestamp });
    expect(sent.status).toBe(401);
    await delay(50);
    expect(harness.standIn.calls('response_url', sent.responseUrl)).toHaveLength(0);
  });

  test('a stale timestamp (over 5 minutes old), even correctly signed, is refused with 401', async () => {
    const sent = await harness.client.slashCommand({ command: '/summit', text: 'putin trump' }, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(sent.status).toBe(401);
    await delay(50);
    expect(harness.standIn.calls('response_url', sent.responseUrl)).toHaveLength(0);
  });

  test('an unsigned request is refused with 401', async () => {
    const response = await fetch(harness.client.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'command=%2Fstats' });
    expect(response.status).toBe(401);
  });
});

describe('escaping', () => {
  test('article text with <!channel>, @here, *bold*, <@U123> renders without mention syntax', async () => {
    const sent = await harness.client.slashCommand({ command: '/hostile', text: 'public:true' });
    const [answer] = await responses(harness, sent.responseUrl);
    for (const text of visibleTexts(answer!.body)) {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text).not.toMatch(/(^|[^\w\u2060])@(here|channel|everyone)\b/);
    }
    const section = itemSections(answer!.body)[0]!;
    // Our own bold survives around the highlights; the article's *bold* does not format.
    expect(section).toContain('*channel*');
    expect(section).toContain('\u200B*\u200B*bold*\u200B*\u200B');
    expect(section).toContain('&lt;@U123&gt;');
    // Every mrkdwn object is verbatim: Slack does not auto-link names, channels or mentions.
    const objects = JSON.stringify(answer!.body.blocks).match(/"type":"mrkdwn"[^}]*/g)!;
    expect(objects.every((object) => object.includes('"verbatim":true'))).toBe(true);
  });

  test('a query echoed back in an error reply is escaped too', async () => {
    const sent = await harness.client.slashCommand({ command: '/stats', text: '<!channel> *bold* @here <@U123>' });
    const [answer] = await responses(harness, sent.responseUrl);
    const text = visibleTexts(answer!.body).join('\n');
    expect(text).toContain('is not an option of /stats');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toMatch(/<[!@#]/);
    expect(text).not.toMatch(/(^|[^\w\u2060])@(here|channel|everyone)\b/);
  });
});

describe('failures on our side', () => {
  function apologyId(body: Record<string, unknown>): string {
    const text = visibleTexts(body).join('\n');
    expect(text).toContain('Sorry, something went wrong');
    return /Error id: ([0-9a-f]{8})/.exec(text)![1]!;
  }

  test('a handler that throws gives an ephemeral apology whose error id is logged with the stack', async () => {
    const sent = await harness.client.slashCommand({ command: '/explode', text: 'public:true' });
    const [answer] = await responses(harness, sent.responseUrl);
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(harness.standIn.calls('response_url', sent.responseUrl)).toHaveLength(1);
    const errorId = apologyId(answer!.body);
    expect(JSON.stringify(answer!.body)).not.toContain('handler blew up');
    const line = harness.logs().find((entry) => entry.errorId === errorId);
    expect(line).toMatchObject({ level: 'error', message: 'command failed', command: 'explode' });
    expect(line!.error).toMatch(/handler blew up\n\s+at /);
  });

  test('an exception in the adapter itself (rendering) is caught, logged with an id and stack, and apologised for', async () => {
    const sent = await harness.client.slashCommand({ command: '/malformed' });
    const [answer] = await responses(harness, sent.responseUrl);
    expect(answer!.body.response_type).toBe('ephemeral');
    const errorId = apologyId(answer!.body);
    const line = harness.logs().find((entry) => entry.errorId === errorId);
    expect(line).toMatchObject({ level: 'error', message: 'slack: slash command failed', command: 'malformed' });
    expect(line!.error).toMatch(/TypeError[^\n]*\n\s+at /);
  });

  test('no log line holds the bot token or the signing secret', () => {
    expect(harness.logLines.length).toBeGreaterThan(5);
    const all = harness.logLines.join('\n');
    expect(all).not.toContain(harness.standIn.botToken);
    expect(all).not.toContain(harness.standIn.signingSecret);
    expect(all).not.toMatch(/xox[bp]-/);
  });
});
