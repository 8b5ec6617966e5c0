// Paging with a "More" button: with two items a page, /summit putin trump (four meetings) shows
// page 1 with a button whose custom_id names a saved continuation; clicking it updates the same
// message to page 2.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadContinuation } from '../../src/platforms/continuations.ts';
import type { RecordedRequest } from '../standins/discord/rest.ts';
import { startHarness, unhandledRejections, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ archive: { pageSize: 2 } });
});
afterAll(async () => {
  await h?.close();
});

const isCallback = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
const isEditOriginal = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`);
const dates = (body: { embeds: { fields?: { name: string }[] }[] }) => body.embeds.flatMap((e) => e.fields ?? []).map((f) => /(\d{4}-\d{2}|undated)/.exec(f.name)?.[1]);

it('shows a More button on page 1 and updates the message to page 2 when it is clicked', async () => {
  const { standIn } = h;
  const channel = standIn.world.channels.general;
  const sent = standIn.sendCommand('summit', { names: 'putin trump' }, { channel });
  const page1 = await standIn.waitForRequest(isEditOriginal(sent.token));
  expect(dates(page1.body)).toEqual(['2017-05', '2018-12']);
  const button = page1.body.components[0].components[0];
  expect(button.type).toBe(2);
  expect(button.label).toMatch(/^More/);
  expect(button.custom_id).toMatch(/^more:[\w-]{1,40}$/);
  expect(button.custom_id.length).toBeLessThanOrEqual(100);
  expect(loadContinuation(h.fixture.archive.db, button.custom_id.slice(5))).toMatchObject({ command: 'summit', page: 2 });

  const [message] = standIn.messagesFor(sent.token);
  const click = standIn.clickButton(message!, button.custom_id, { channel });
  const ack = await standIn.waitForRequest(isCallback(click.token));
  expect(ack.at - click.sentAt).toBeLessThan(3000);
  expect(ack.body.type).toBe(6); // deferred update of the clicked message
  const page2 = await standIn.waitForRequest(isEditOriginal(click.token));
  expect(dates(page2.body)).toEqual(['undated', 'undated']);
  expect(page2.body.embeds.at(-1).footer.text).toBe('3–4 of 4 articles');
  expect(page2.body.components).toEqual([]); // last page: no button
  expect(page2.body.allowed_mentions).toEqual({ parse: [] });
  // It is the same message, now showing page 2.
  const updated = standIn.rest.messages.get(message!.id)!;
  expect(dates(updated as never)).toEqual(['undated', 'undated']);
});

it('says so, only to the clicker, when a button\'s continuation is gone', async () => {
  const { standIn } = h;
  const channel = standIn.world.channels.general;
  const sent = standIn.sendCommand('summit', { names: 'putin trump' }, { channel });
  await standIn.waitForRequest(isEditOriginal(sent.token));
  const [message] = standIn.messagesFor(sent.token);
  const click = standIn.clickButton(message!, 'more:no-such-continuation', { channel });
  const followUp = await standIn.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/webhooks/${standIn.world.applicationId}/${click.token}`));
  expect(followUp.body.flags & 64).toBe(64);
  expect(followUp.body.embeds[0].title).toMatch(/expired/);
  await h.runtime.idle();
  expect(unhandledRejections).toEqual([]);
});
