// Direct messages to the bot: a command line or free text gets the lookup answer in the DM; bots
// (and the bot itself) are ignored. The client has no MessageContent intent: DMs do not need it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RecordedRequest } from '../standins/discord/rest.ts';
import { rateLimited } from '../standins/discord/injections.ts';
import { startHarness, unhandledRejections, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const postTo = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200;
const fieldsOf = (body: { embeds: { fields?: { name: string; value: string }[] }[] }) => body.embeds.flatMap((e) => e.fields ?? []);

it('answers "summit biden putin" in the DM with the 2021-04 article only', async () => {
  const { standIn } = h;
  const dm = standIn.sendDirectMessage(standIn.world.users.alice, 'summit biden putin');
  const answer = await standIn.waitForRequest(postTo(dm.channelId));
  const fields = fieldsOf(answer.body);
  expect(fields).toHaveLength(1);
  expect(fields[0]!.name).toMatch(/^1\\?\. 2021-04/);
  expect(fields[0]!.value).toMatch(/Biden/);
  expect(fields[0]!.value).toMatch(/telefonsamtale/);
  expect(answer.body.allowed_mentions).toEqual({ parse: [] });
});

it('treats a slash command and plain words alike: plain words are a search', async () => {
  const { standIn } = h;
  const bob = standIn.world.users.bob;
  const dm = standIn.sendDirectMessage(bob, '/summit putin trump');
  const summit = await standIn.waitForRequest(postTo(dm.channelId));
  expect(fieldsOf(summit.body)).toHaveLength(4);
  const search = standIn.sendDirectMessage(bob, 'topmøde biden');
  const found = await standIn.waitForRequest((r) => postTo(search.channelId)(r) && r.seq > summit.seq);
  expect(found.body.embeds[0].title).toMatch(/^Search/);
  expect(JSON.stringify(found.body)).toMatch(/Biden/);
});

it('ignores messages from bots and from itself', async () => {
  const { standIn } = h;
  const { otherBot, alice } = standIn.world.users;
  const channel = standIn.world.dmChannel(alice);
  const before = standIn.requests.filter(postTo(channel.id)).length;
  standIn.sendDirectMessage(otherBot, 'summit putin trump');
  standIn.sendDirectMessage(standIn.world.bot, 'summit putin trump');
  // Events are handled in order: once the person's message is answered, the two before it were seen.
  standIn.sendDirectMessage(alice, 'summit biden putin');
  await standIn.waitForRequest((r) => postTo(channel.id)(r) && standIn.requests.filter(postTo(channel.id)).length > before);
  await h.runtime.idle();
  const after = standIn.requests.filter(postTo(channel.id));
  expect(after.length - before).toBe(1);
  expect(fieldsOf(after.at(-1)!.body)).toHaveLength(1);
});

it('waits out a 429 on the DM post (retry_after) and then delivers', async () => {
  const { standIn } = h;
  const alice = standIn.world.users.alice;
  const channel = standIn.world.dmChannel(alice);
  standIn.inject({ method: 'POST', path: `/channels/${channel.id}/messages`, responses: [rateLimited(0.2)] });
  standIn.sendDirectMessage(alice, 'summit biden putin');
  const limited = await standIn.waitForRequest((r) => r.path === `/channels/${channel.id}/messages` && r.status === 429);
  const delivered = await standIn.waitForRequest((r) => postTo(channel.id)(r) && r.seq > limited.seq);
  expect(delivered.at - limited.at).toBeGreaterThanOrEqual(200);
  expect(fieldsOf(delivered.body)).toHaveLength(1);
  await h.runtime.idle();
  expect(unhandledRejections).toEqual([]);
});
