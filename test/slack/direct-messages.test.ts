// Direct messages end to end: message.im events in, chat.postMessage to the same DM out; bots,
// the bot itself, edits, deletions and Events API retries get no answer.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RecordedRequest } from '../standins/slack/server.ts';
import { itemSections, startHarness, visibleTexts, type Harness } from './harness.ts';
import { testRegistry } from './test-commands.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ registry: testRegistry() });
});
afterAll(() => harness.close());

let nextTs = 1;
function dm(channel: string, fields: Record<string, unknown>): Record<string, unknown> {
  nextTs += 1;
  return { type: 'message', channel, channel_type: 'im', user: 'U0ALICE', ts: `1700000100.${String(nextTs).padStart(6, '0')}`, event_ts: '1700000100.000001', ...fields };
}

function postsTo(channel: string): RecordedRequest[] {
  return harness.standIn.calls('chat.postMessage').filter((request) => request.body.channel === channel);
}

function waitForPosts(channel: string, count = 1): Promise<RecordedRequest[]> {
  return harness.standIn.waitFor((request) => request.method === 'chat.postMessage' && request.body.channel === channel && request.ok, { count });
}

test('"summit putin trump" in a DM is answered in that DM with chat.postMessage', async () => {
  const sent = await harness.client.event(dm('D0ALICE1', { text: 'summit putin trump' }));
  expect(sent.status).toBe(200);
  const [post] = await waitForPosts('D0ALICE1');
  expect(post!.headers.authorization).toBe(`Bearer ${harness.standIn.botToken}`);
  // Form-encoded as the Web API takes it, blocks as a JSON string, mentions never parsed.
  expect(post!.headers['content-type']).toMatch(/x-www-form-urlencoded/);
  expect(post!.body.parse).toBe('none');
  expect(post!.body.link_names).toBe('false');
  expect(itemSections(post!.body).map((text) => /^\*([^*]+)\*/.exec(text)![1])).toEqual(['2017-05', '2018-12', 'undated', 'undated']);
});

test('"/summit putin trump" and plain words (a search) work in a DM too', async () => {
  await harness.client.event(dm('D0ALICE2', { text: '/summit putin trump' }));
  const [summit] = await waitForPosts('D0ALICE2');
  expect(itemSections(summit!.body)).toHaveLength(4);

  await harness.client.event(dm('D0ALICE3', { text: 'Hamburg' }));
  const [search] = await waitForPosts('D0ALICE3');
  expect(visibleTexts(search!.body)[1]).toMatch(/^Search: hamburg/i);
  expect(itemSections(search!.body)[0]).toMatch(/\*Hamburg\*/);
});

test("the bot's own messages, other bots, edits, deletions and other subtypes get no answer", async () => {
  const channel = 'D0QUIET';
  await harness.client.event(dm(channel, { user: harness.standIn.botUserId, text: 'summit putin trump' }));
  await harness.client.event(dm(channel, { user: undefined, bot_id: 'B0OTHER', subtype: 'bot_message', text: 'summit putin trump' }));
  await harness.client.event(dm(channel, { user: 'U0ROBOT', bot_id: 'B0OTHER', text: 'summit putin trump' }));
  await harness.client.event(dm(channel, { subtype: 'message_changed', message: { user: 'U0ALICE', text: 'summit putin trump' } }));
  await harness.client.event(dm(channel, { subtype: 'message_deleted', previous_message: { text: 'summit putin trump' } }));
  await harness.client.event(dm(channel, { subtype: 'channel_join', text: '<@U0ALICE> joined' }));
  // And a message in an ordinary channel is not a DM.
  await harness.client.event({ ...dm('C0GENERAL', { text: 'summit putin trump' }), channel_type: 'channel' });
  // A real DM afterwards is answered, so the silence above is not a slow bot.
  await harness.client.event(dm(channel, { text: 'stats' }));
  await waitForPosts(channel);
  await delay(50);
  expect(postsTo(channel)).toHaveLength(1);
  expect(visibleTexts(postsTo(channel)[0]!.body).join('\n')).toMatch(/Archive statistics/);
  expect(postsTo('C0GENERAL')).toHaveLength(0);
});

test('an Events API retry (same event_id, X-Slack-Retry-Num) is acknowledged but answered once', async () => {
  const event = dm('D0RETRY', { text: 'summit putin trump' });
  const first = await harness.client.event(event, { eventId: 'Ev0RETRY0001' });
  const retry1 = await harness.client.event(event, { eventId: 'Ev0RETRY0001', retryNum: 1 });
  const retry2 = await harness.client.event(event, { eventId: 'Ev0RETRY0001', retryNum: 2 });
  expect([first.status, retry1.status, retry2.status]).toEqual([200, 200, 200]);
  await waitForPosts('D0RETRY');
  await delay(50);
  expect(postsTo('D0RETRY')).toHaveLength(1);
  expect(harness.logs().some((line) => line.message === 'slack: event already handled, not answered again' && line.retryNum === 1)).toBe(true);
});

test('a retry of an event never seen (say, after a restart) is answered', async () => {
  await harness.client.event(dm('D0FRESH', { text: 'stats' }), { eventId: 'Ev0FRESH0001', retryNum: 1 });
  await waitForPosts('D0FRESH');
});

test('a DM in a thread is answered in the thread', async () => {
  await harness.client.event(dm('D0THREAD', { text: 'stats', thread_ts: '1700000000.000001' }));
  const [post] = await waitForPosts('D0THREAD');
  expect(post!.body.thread_ts).toBe('1700000000.000001');
});

test('a DM answer is escaped and asks Slack not to parse names (parse=none, link_names=false)', async () => {
  await harness.client.event(dm('D0ESC', { text: 'hostile' }));
  const [post] = await waitForPosts('D0ESC');
  expect(post!.body).toMatchObject({ parse: 'none', link_names: 'false', unfurl_links: 'false' });
  for (const text of visibleTexts(post!.body)) {
    expect(text).not.toMatch(/<[!@#]/);
    expect(text).not.toMatch(/(^|[^\w\u2060])@(here|channel|everyone)\b/);
  }
});

test('Slack markup in the DM text is read back as typed: entities, a mention of the bot', async () => {
  await harness.client.event(dm('D0MARKUP', { text: `<@${harness.standIn.botUserId}> summit putin &amp; trump` }));
  const [post] = await waitForPosts('D0MARKUP');
  expect(itemSections(post!.body)).toHaveLength(4);
});

test('a DM whose command fails gets the apology in the DM, its error id in the log with the stack', async () => {
  await harness.client.event(dm('D0BOOM', { text: '/explode' }));
  const [post] = await waitForPosts('D0BOOM');
  const errorId = /Error id: ([0-9a-f]{8})/.exec(visibleTexts(post!.body).join('\n'))![1];
  expect(harness.logs().some((entry) => entry.errorId === errorId && typeof entry.error === 'string' && entry.error.includes('\n    at '))).toBe(true);
});
