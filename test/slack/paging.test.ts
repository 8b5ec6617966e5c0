// Paging and Slack's limits: a reply with more items than one page shows a "More" button whose
// click (a signed block_actions request) replaces the message with the next page; an over-long
// answer is split so that every message has at most 50 blocks, sections of at most 3,000
// characters and a header of at most 150.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedRequest } from '../standins/slack/server.ts';
import { blocksOf, itemSections, moreButtonValue, responses, startHarness, type Harness } from './harness.ts';
import { testRegistry } from './test-commands.ts';

function dates(sections: string[]): string[] {
  return sections.map((text) => /^\*([^*]+)\*/.exec(text)![1]!);
}

describe('the More button', () => {
  let harness: Harness;
  beforeAll(async () => {
    // Two items a page, so the four Putin–Trump meetings take two pages.
    harness = await startHarness({ config: { pageSize: 2 } });
  });
  afterAll(() => harness.close());

  test('page 1 has a More button; clicking it replaces the message with page 2', async () => {
    const sent = await harness.client.slashCommand({ command: '/summit', text: 'putin trump' });
    const [first] = await responses(harness, sent.responseUrl);
    expect(dates(itemSections(first!.body))).toEqual(['2017-05', '2018-12']);
    const id = moreButtonValue(first!.body);
    expect(id).toMatch(/^[\w-]{1,40}$/);
    // The button carries the continuation's id, never the query.
    expect(id).not.toContain('putin');

    const click = await harness.client.blockAction({ value: id! });
    expect(click.status).toBe(200);
    const [second] = await responses(harness, click.responseUrl);
    expect(second!.body.replace_original).toBe(true);
    expect(second!.body.response_type).toBe('ephemeral');
    expect(dates(itemSections(second!.body))).toEqual(['undated', 'undated']);
    expect(JSON.stringify(second!.body.blocks)).toContain('3–4 of 4 articles');
    // The last page has no More button.
    expect(moreButtonValue(second!.body)).toBeUndefined();
  });

  test('paging a public answer keeps it public', async () => {
    const sent = await harness.client.slashCommand({ command: '/summit', text: 'putin trump public:true' });
    const [first] = await responses(harness, sent.responseUrl);
    const click = await harness.client.blockAction({ value: moreButtonValue(first!.body)!, isEphemeral: false });
    const [second] = await responses(harness, click.responseUrl);
    expect(second!.body.replace_original).toBe(true);
    expect(second!.body.response_type).toBe('in_channel');
  });

  test('an unknown or expired button id tells the clicker and leaves the message alone', async () => {
    const click = await harness.client.blockAction({ value: 'no-such-continuation' });
    const [answer] = await responses(harness, click.responseUrl);
    expect(answer!.body.replace_original).toBe(false);
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer!.body.blocks)).toContain('This button has expired');
  });

  test('a DM answer with more pages has a More button too', async () => {
    await harness.client.event({ type: 'message', channel: 'D0PAGES', channel_type: 'im', user: 'U0ALICE', ts: '1700000200.000001', text: 'summit putin trump' });
    const [post] = await harness.standIn.waitFor((request) => request.method === 'chat.postMessage' && request.body.channel === 'D0PAGES');
    const click = await harness.client.blockAction({ value: moreButtonValue(post!.body)!, channelId: 'D0PAGES', isEphemeral: false });
    const [second] = await responses(harness, click.responseUrl);
    expect(second!.body.replace_original).toBe(true);
    expect(dates(itemSections(second!.body))).toEqual(['undated', 'undated']);
  });
});

describe("Slack's limits", () => {
  let harness: Harness;
  beforeAll(async () => {
    // The configuration asks for 25 a page: more than one Slack message holds at 2 blocks an item.
    harness = await startHarness({ registry: testRegistry(), config: { pageSize: 25 } });
  });
  afterAll(() => harness.close());

  type Json = Record<string, unknown>;

  function expectWithinLimits(message: RecordedRequest): void {
    const blocks = blocksOf(message.body);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) {
      const text = block.text as Json | undefined;
      if (block.type === 'header') expect((text!.text as string).length).toBeLessThanOrEqual(150);
      if (block.type === 'section' && text) expect((text.text as string).length).toBeLessThanOrEqual(3000);
      if (block.type === 'section' && block.fields) {
        const fields = block.fields as Json[];
        expect(fields.length).toBeLessThanOrEqual(10);
        for (const field of fields) expect((field.text as string).length).toBeLessThanOrEqual(2000);
      }
      if (block.type === 'context') {
        const elements = block.elements as Json[];
        expect(elements.length).toBeLessThanOrEqual(10);
        for (const element of elements) expect((element.text as string).length).toBeLessThanOrEqual(3000);
      }
    }
    // Cutting never split an entity.
    expect(JSON.stringify(message.body)).not.toMatch(/&(?!amp;|lt;|gt;)/);
  }

  test('an over-long answer is split over several messages, every one within the limits', async () => {
    const sent = await harness.client.slashCommand({ command: '/flood' });
    expect(sent.status).toBe(200);
    // The footer is on the last message.
    await harness.standIn.waitFor((request) => request.path === new URL(sent.responseUrl).pathname && JSON.stringify(request.body).includes('All 40 items'));
    const messages = harness.standIn.calls('response_url', sent.responseUrl);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(5); // a response_url takes 5 posts
    for (const message of messages) expectWithinLimits(message);

    // Only the first message has the header; the items follow in order across the messages.
    expect(messages.filter((message) => blocksOf(message.body).some((block) => block.type === 'header'))).toHaveLength(1);
    const labels = messages.flatMap((message) => itemSections(message.body)).map((text) => /· #(\d+)/.exec(text)![1]);
    expect(labels.length).toBeGreaterThan(20);
    expect(labels).toEqual(labels.map((_, index) => String(index + 1)));
    // What did not fit in five messages is announced, not silently dropped.
    if (labels.length < 40) expect(JSON.stringify(messages.at(-1)!.body)).toContain('The answer was cut here');
    // A single item too long for a section is cut with an ellipsis, its first highlight kept.
    const first = messages.flatMap((message) => itemSections(message.body))[0]!;
    expect(first).toMatch(/…”$/);
    expect(first).toContain('“*Item*');
  });

  test('with 25 items a page configured, a Slack page holds 20, and More pages on', async () => {
    const sent = await harness.client.slashCommand({ command: '/many' });
    const [page1] = await responses(harness, sent.responseUrl);
    expectWithinLimits(page1!);
    expect(harness.standIn.calls('response_url', sent.responseUrl)).toHaveLength(1);
    expect(itemSections(page1!.body)).toHaveLength(20);
    const click = await harness.client.blockAction({ value: moreButtonValue(page1!.body)! });
    const [page2] = await responses(harness, click.responseUrl);
    expectWithinLimits(page2!);
    expect(itemSections(page2!.body)).toHaveLength(20);
    expect(itemSections(page2!.body)[0]).toContain('Short 21');
  });
});
