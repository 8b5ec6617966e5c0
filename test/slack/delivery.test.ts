// Getting answers to Slack when Slack pushes back: 429s wait for their Retry-After, 5xx back off
// a bounded number of times, what keeps failing is logged (no crash, no unhandled rejection);
// and the ChannelPoster for digests, which splits long replies and maps Slack's errors.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Reply, ReplyItem } from '../../src/core/types.ts';
import { createLogger } from '../../src/logging.ts';
import { createWebApiPoster } from '../../src/platforms/slack/index.ts';
import { failures } from '../standins/slack/server.ts';
import { blocksOf, fastRetry, itemSections, moreButtonValue, responses, startHarness, type Harness } from './harness.ts';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let harness: Harness;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

function dm(channel: string, text: string) {
  return { type: 'message', channel, channel_type: 'im', user: 'U0ALICE', ts: '1700000300.000001', text };
}

function postsTo(channel: string) {
  return harness.standIn.calls('chat.postMessage').filter((request) => request.body.channel === channel);
}

describe('retries of our own calls', () => {
  test('a 429 from the response_url or from chat.postMessage is retried after its Retry-After, then succeeds', async () => {
    // Both at once, so the test waits the one second only once.
    harness.standIn.inject({ target: 'response_url', reply: failures.rateLimited(1) });
    harness.standIn.inject({ target: 'chat.postMessage', channel: 'D0LIMITED', reply: failures.rateLimited(1) });
    const [sent] = await Promise.all([harness.client.slashCommand({ command: '/summit', text: 'putin trump' }), harness.client.event(dm('D0LIMITED', 'summit putin trump'))]);

    const [answer] = await responses(harness, sent.responseUrl);
    const viaUrl = harness.standIn.calls('response_url', sent.responseUrl);
    expect(viaUrl.map((attempt) => attempt.status)).toEqual([429, 200]);
    expect(viaUrl[1]!.at - viaUrl[0]!.at).toBeGreaterThanOrEqual(990);
    expect(itemSections(answer!.body)).toHaveLength(4);

    await harness.standIn.waitFor((request) => request.method === 'chat.postMessage' && request.body.channel === 'D0LIMITED' && request.ok);
    const viaApi = postsTo('D0LIMITED');
    expect(viaApi.map((attempt) => attempt.status)).toEqual([429, 200]);
    expect(viaApi[1]!.at - viaApi[0]!.at).toBeGreaterThanOrEqual(990);
    expect(itemSections(viaApi[1]!.body)).toHaveLength(4);
  });

  test('a 5xx is retried with exponential backoff, then succeeds (response_url and chat.postMessage)', async () => {
    harness.standIn.inject({ target: 'response_url', times: 2, reply: failures.serverError(503) });
    harness.standIn.inject({ target: 'chat.postMessage', channel: 'D0FLAKY', times: 3, reply: failures.serverError(502) });
    const sent = await harness.client.slashCommand({ command: '/stats' });
    await harness.client.event(dm('D0FLAKY', 'stats'));
    await responses(harness, sent.responseUrl);
    await harness.standIn.waitFor((request) => request.method === 'chat.postMessage' && request.body.channel === 'D0FLAKY' && request.ok);

    const viaUrl = harness.standIn.calls('response_url', sent.responseUrl);
    expect(viaUrl.map((attempt) => attempt.status)).toEqual([503, 503, 200]);
    // Base 10 ms in the test policy: waits of 10 then 20 ms.
    expect(viaUrl[2]!.at - viaUrl[1]!.at).toBeGreaterThanOrEqual(19);
    expect(postsTo('D0FLAKY').map((attempt) => attempt.status)).toEqual([502, 502, 502, 200]);
    expect(harness.logs().filter((line) => line.message === 'slack call failed, retrying').length).toBeGreaterThanOrEqual(5);
  });

  test('a response_url that keeps failing is tried 1 + 3 times, then logged; the bot carries on', async () => {
    harness.standIn.inject({ target: 'response_url', times: 4, reply: failures.serverError(500) });
    const sent = await harness.client.slashCommand({ command: '/stats' });
    await harness.standIn.waitFor((request) => request.path === new URL(sent.responseUrl).pathname, { count: 4 });
    const logged = await eventually(() => harness.logs().find((line) => line.message === 'slack: could not deliver the answer to response_url'));
    expect(logged).toMatchObject({ level: 'error', command: 'stats' });
    expect(logged.errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(harness.standIn.calls('response_url', sent.responseUrl)).toHaveLength(4);
    // Still answering.
    const next = await harness.client.slashCommand({ command: '/stats' });
    await responses(harness, next.responseUrl);
  });

  test('an expired response_url (404) is not retried', async () => {
    harness.standIn.inject({ target: 'response_url', reply: { status: 404, body: 'expired_url' } });
    const sent = await harness.client.slashCommand({ command: '/stats' });
    await harness.standIn.waitFor((request) => request.path === new URL(sent.responseUrl).pathname);
    await delay(50);
    expect(harness.standIn.calls('response_url', sent.responseUrl)).toHaveLength(1);
  });
});

/** Polls until `find` returns something (at most 2 s). */
async function eventually<T>(find: () => T | undefined): Promise<T> {
  for (let waited = 0; waited < 2000; waited += 10) {
    const found = find();
    if (found !== undefined) return found;
    await delay(10);
  }
  throw new Error('not found in time');
}

describe('the ChannelPoster', () => {
  function item(index: number, group: string): ReplyItem {
    return {
      date: '2019-06-28',
      datePrecision: 'day',
      eventDate: '2019-06-28',
      title: `Article ${index}`,
      source: 'VG',
      language: 'no',
      excerpt: `Putin og Trump møttes i Osaka, del ${index}.`,
      highlights: [[0, 5]],
      origin: `https://www.vg.no/nyheter/${index}`,
      link: `https://www.vg.no/nyheter/${index}`,
      group,
    };
  }
  const short: Reply = { kind: 'info', title: 'Digest', text: 'Hello', items: [], total: 0 };

  test('a long digest is posted as several messages, in order, each within 50 blocks', async () => {
    const digest: Reply = {
      kind: 'results',
      title: 'On this day',
      text: 'What the archive remembers.',
      items: Array.from({ length: 30 }, (_, index) => item(index + 1, index < 15 ? '7 years ago' : '8 years ago')),
      total: 30,
      footer: '30 articles',
    };
    const outcome = await harness.runtime.poster.post('slack:C0DIGEST', digest);
    const posts = postsTo('C0DIGEST');
    expect(posts.length).toBeGreaterThan(1);
    // The message id is the ts Slack gave the first message.
    expect(outcome).toEqual({ ok: true, messageId: (posts[0]!.reply as { ts: string }).ts });
    for (const post of posts) {
      expect(blocksOf(post.body).length).toBeLessThanOrEqual(50);
      expect(typeof post.body.text).toBe('string'); // fallback text for notifications
      expect(post.body.parse).toBe('none');
    }
    const sections = posts.flatMap((post) => itemSections(post.body));
    expect(sections.map((text) => /Article (\d+)/.exec(text)![1])).toEqual(Array.from({ length: 30 }, (_, index) => String(index + 1)));
    // Group headings appear once each; links are real links named by their origin.
    const all = JSON.stringify(posts.map((post) => post.body.blocks));
    expect(all.match(/\*7 years ago\*/g)).toHaveLength(1);
    expect(all.match(/\*8 years ago\*/g)).toHaveLength(1);
    expect(all).toContain('<https://www.vg.no/nyheter/1|https://www.vg.no/nyheter/1>');
  });

  test.each([
    ['channel_not_found', 'gone'],
    ['is_archived', 'gone'],
    ['channel_is_archived', 'gone'],
    ['not_in_channel', 'forbidden'],
    ['missing_scope', 'forbidden'],
    ['restricted_action', 'forbidden'],
    ['invalid_blocks', 'error'],
  ] as const)('Slack error %s → %s, not retried', async (error, reason) => {
    const channel = `C0${error.toUpperCase().replace(/_/g, '')}`;
    harness.standIn.inject({ target: 'chat.postMessage', channel, reply: failures.platform(error) });
    const outcome = await harness.runtime.poster.post(channel, short);
    expect(outcome).toMatchObject({ ok: false, reason, retryable: false });
    expect(postsTo(channel)).toHaveLength(1);
  });

  test('HTTP 429 with a Retry-After longer than we wait → rate-limited with retryAfterMs', async () => {
    harness.standIn.inject({ target: 'chat.postMessage', channel: 'C0BUSY', reply: failures.rateLimited(120) });
    const outcome = await harness.runtime.poster.post('C0BUSY', short);
    expect(outcome).toEqual({ ok: false, reason: 'rate-limited', retryable: true, retryAfterMs: 120_000, message: expect.any(String) });
  });

  test('5xx on every attempt → a retryable error after the bounded retries, never a throw', async () => {
    harness.standIn.inject({ target: 'chat.postMessage', channel: 'C0DOWN', times: 10, reply: failures.serverError(503) });
    const outcome = await harness.runtime.poster.post('C0DOWN', short);
    expect(outcome).toMatchObject({ ok: false, reason: 'error', retryable: true });
    expect(postsTo('C0DOWN')).toHaveLength(4);
  });

  test('createWebApiPoster (digests run by hand): the Web API alone, with a working More button', async () => {
    const lines: string[] = [];
    const poster = createWebApiPoster(
      { botToken: harness.standIn.botToken, apiUrl: harness.standIn.apiUrl },
      harness.fixture.archive,
      { now: () => new Date() },
      createLogger('info', (line) => lines.push(line)),
      fastRetry,
    );
    const paged: Reply = { ...short, kind: 'results', items: [item(1, 'today')], total: 3, page: { number: 1, size: 1, count: 3 }, next: { command: 'summit', options: { names: 'putin trump' }, page: 2 } };
    const outcome = await poster.post('C0BYHAND', paged);
    expect(outcome).toMatchObject({ ok: true });
    const [post] = postsTo('C0BYHAND');
    expect(post!.headers.authorization).toBe(`Bearer ${harness.standIn.botToken}`);
    // The running adapter can page a message posted by hand: the continuation is in the archive.
    const click = await harness.client.blockAction({ value: moreButtonValue(post!.body)!, channelId: 'C0BYHAND', isEphemeral: false });
    const [page2] = await responses(harness, click.responseUrl);
    expect(page2!.body.replace_original).toBe(true);
    expect(JSON.stringify(page2!.body.blocks)).toContain('Meetings: putin, trump');

    harness.standIn.inject({ target: 'chat.postMessage', channel: 'C0GONE', reply: failures.platform('channel_not_found') });
    expect(await poster.post('slack:C0GONE', short)).toMatchObject({ ok: false, reason: 'gone' });
    expect(lines.join('\n')).not.toContain(harness.standIn.botToken);
  });

  test('no log line holds the bot token or the signing secret, after all these failures', () => {
    const all = harness.logLines.join('\n');
    expect(all).not.toContain(harness.standIn.botToken);
    expect(all).not.toContain(harness.standIn.signingSecret);
  });
});
