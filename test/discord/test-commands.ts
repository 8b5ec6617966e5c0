// Commands that exist only in tests: one that throws, one that returns garbage (to break the
// adapter's own path), a slow one, an over-long one, one that echoes markup, and one that shows
// the caller the adapter built.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { commands } from '../../commands/index.ts';
import { defineCommand, type AnyCommand } from '../../src/command/definition.ts';
import { createRegistry } from '../../src/command/dispatch.ts';
import { infoReply, type Reply, type ReplyItem } from '../../src/core/types.ts';

export const HOSTILE = '@everyone @here look <@123> <@!124> <@&456> <#789> **bold** _it_ ~~gone~~ `code` ||spoiler|| [link](https://evil.example) \n> quote\n# heading\n- item';

const boom = defineCommand({
  name: 'boom',
  description: 'Always fails',
  usage: '/boom',
  examples: ['/boom'],
  options: [],
  schema: z.object({}),
  run() {
    throw new Error('kaboom: the handler broke');
  },
});

const garbage = defineCommand({
  name: 'garbage',
  description: 'Returns something that is not a reply',
  usage: '/garbage',
  examples: ['/garbage'],
  options: [],
  schema: z.object({}),
  run() {
    return null as unknown as Reply;
  },
});

const slow = defineCommand({
  name: 'slow',
  description: 'Takes a while',
  usage: '/slow',
  examples: ['/slow'],
  options: [],
  schema: z.object({}),
  async run() {
    await sleep(300);
    return infoReply('Slow answer', 'Done.');
  },
});

const echo = defineCommand({
  name: 'echo',
  description: 'Shows the text back in every part of a reply',
  usage: '/echo <text>',
  examples: ['/echo hi'],
  options: [{ name: 'text', description: 'Text', type: 'string', required: true, rest: true }],
  schema: z.object({ text: z.string() }),
  run({ text }) {
    const item: ReplyItem = {
      date: '2020-01',
      datePrecision: 'month',
      eventDate: null,
      title: text,
      source: text,
      language: 'en',
      excerpt: text,
      highlights: [[0, 9]],
      origin: text,
      link: null,
    };
    return { kind: 'results', title: `Echo: ${text}`, text, fields: [{ name: text, value: text }], items: [item], total: 1, footer: text };
  },
});

const whoami = defineCommand({
  name: 'whoami',
  description: 'Shows the caller as the adapter sees it',
  usage: '/whoami',
  examples: ['/whoami'],
  options: [],
  schema: z.object({}),
  run(_options, context) {
    return infoReply('Caller', JSON.stringify(context.caller));
  },
});

function longItem(n: number): ReplyItem {
  const excerpt = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(60)} end ${n}`;
  return {
    date: '2019-06-01',
    datePrecision: 'day',
    eventDate: '2019-07',
    title: `A very long title number ${n} `.repeat(20),
    source: 'Source '.repeat(50),
    language: 'en',
    excerpt,
    highlights: [[0, 5], [100, 130], [excerpt.length - 10, excerpt.length]],
    origin: `file_${n}.txt`,
    link: `https://example.org/article/${n}?q=(x)`,
    label: 'label '.repeat(30),
  };
}

export const LONG_ITEMS = 25;

const long = defineCommand({
  name: 'long',
  description: 'An answer longer than any one Discord message',
  usage: '/long',
  examples: ['/long'],
  options: [],
  schema: z.object({}),
  run() {
    return {
      kind: 'results',
      title: 'T'.repeat(400),
      text: 'Description text. '.repeat(400),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `Field ${i} `.repeat(40), value: `Value ${i} `.repeat(200) })),
      items: Array.from({ length: LONG_ITEMS }, (_, i) => longItem(i + 1)),
      total: LONG_ITEMS,
      footer: 'Footer '.repeat(400),
    };
  },
});

export const testCommands: readonly AnyCommand[] = [...commands, boom, garbage, slow, echo, whoami, long];
export const testRegistry = createRegistry(testCommands);
