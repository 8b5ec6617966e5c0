// Commands that exist only in tests, added to the real registry: one that waits for the test,
// one that throws, one that returns a broken reply, one with hostile text, and two that are
// far too long for one Slack message.
import { z } from 'zod';
import { commands } from '../../commands/index.ts';
import { defineCommand, type AnyCommand } from '../../src/command/definition.ts';
import { createRegistry, type Registry } from '../../src/command/dispatch.ts';
import { pageInfo } from '../../src/command/paging.ts';
import { infoReply, type Reply, type ReplyItem } from '../../src/core/types.ts';

/** /slow answers only when `gate.open()` is called. */
export const gate = { open: (): void => undefined };
const slow = defineCommand({
  name: 'slow',
  description: 'Answers when the test says so',
  usage: '/slow',
  examples: ['/slow'],
  options: [],
  schema: z.object({}),
  async run() {
    await new Promise<void>((resolve) => {
      gate.open = resolve;
    });
    return infoReply('Slow answer', 'Done at last.');
  },
});

const explode = defineCommand({
  name: 'explode',
  description: 'Throws inside the handler',
  usage: '/explode',
  examples: ['/explode'],
  options: [],
  schema: z.object({}),
  run(): Reply {
    throw new Error('handler blew up');
  },
});

/** Returns a reply the renderer cannot draw: the failure is in the adapter's own code path. */
const malformed = defineCommand({
  name: 'malformed',
  description: 'Returns a broken reply',
  usage: '/malformed',
  examples: ['/malformed'],
  options: [],
  schema: z.object({}),
  run(): Reply {
    return { kind: 'results', title: 'Broken', items: null, total: 1 } as unknown as Reply;
  },
});

export const HOSTILE =
  'Alert <!channel> and <!here|here> and <!everyone>, @here @channel @everyone, *bold* _it_ ~del~ `code`, ping <@U123> in <#C456|general> & <https://evil.example|click>';

const hostile = defineCommand({
  name: 'hostile',
  description: 'An item whose article text tries to ping everyone',
  usage: '/hostile',
  examples: ['/hostile'],
  options: [],
  schema: z.object({}),
  run(): Reply {
    return {
      kind: 'results',
      title: 'Title <!everyone> @here',
      text: HOSTILE,
      items: [
        {
          date: '2018-12',
          datePrecision: 'month',
          eventDate: '2018-11',
          title: 'Headline *bold* <@U123>',
          source: 'Source @channel',
          language: 'da',
          excerpt: HOSTILE,
          // "channel" (inside <!channel>) and "bold" are highlighted.
          highlights: [
            [8, 15],
            [78, 82],
          ],
          origin: 'file_<!here>.txt',
          link: null,
        },
      ],
      total: 1,
      footer: 'Footer @everyone',
    };
  },
});

const LONG = 'Topmødet & G20 <i> Hamburg '.repeat(200); // 5,400 characters, entities included

export function longItem(index: number): ReplyItem {
  const excerpt = `Item ${index}: ${LONG}`;
  return {
    date: `2000-${String((index % 12) + 1).padStart(2, '0')}`,
    datePrecision: 'month',
    eventDate: null,
    title: `Title ${index} ${'x'.repeat(400)}`,
    source: 'Stand-in News',
    language: 'da',
    excerpt,
    highlights: [
      [0, 4],
      [excerpt.length - 8, excerpt.length - 1],
    ],
    origin: `flood-${index}.txt`,
    link: null,
    label: `#${index}`,
  };
}

/** 40 huge items in one unpaged reply, with a long title, text and many fields. */
const flood = defineCommand({
  name: 'flood',
  description: 'An answer far too long for one Slack message',
  usage: '/flood',
  examples: ['/flood'],
  options: [],
  schema: z.object({}),
  run(): Reply {
    return {
      kind: 'results',
      title: `A title far longer than a Slack header allows ${'T'.repeat(300)}`,
      text: 'Introduction. '.repeat(600),
      fields: Array.from({ length: 12 }, (_, index) => ({ name: `Field ${index}`, value: 'value '.repeat(500) })),
      items: Array.from({ length: 40 }, (_, index) => longItem(index + 1)),
      total: 40,
      footer: 'All 40 items',
    };
  },
});

/** A paged command honouring the page size it is given, with 60 short items in all. */
const many = defineCommand({
  name: 'many',
  description: 'Sixty short items, paged',
  usage: '/many',
  examples: ['/many'],
  options: [],
  schema: z.object({}),
  run(_options, context): Reply {
    const start = (context.page - 1) * context.pageSize;
    const items = Array.from({ length: 60 }, (_, index) => ({ ...longItem(index + 1), excerpt: `Short ${index + 1}`, highlights: [], title: `Item ${index + 1}` }));
    return {
      kind: 'results',
      title: 'Many',
      items: items.slice(start, start + context.pageSize),
      total: 60,
      page: pageInfo(60, context.page, context.pageSize),
      footer: `page ${context.page}`,
    };
  },
});

export const testCommands: readonly AnyCommand[] = [slow, explode, malformed, hostile, flood, many];

/** The real registry plus the test commands. */
export function testRegistry(): Registry {
  return createRegistry([...commands, ...testCommands]);
}
