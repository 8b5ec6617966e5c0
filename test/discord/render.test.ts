// The pure parts of the adapter, case by case: escaping, excerpts with highlights, packing a reply
// into messages within Discord's limits (also for random replies), interaction options to raw
// options, visibility, the rate-limit policy, and the in-flight tracker stop() relies on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply, ReplyItem } from '../../src/core/types.ts';
import { escapeMarkdown, neutraliseMentions, safeUrl } from '../../src/platforms/discord/escape.ts';
import { renderExcerpt } from '../../src/platforms/discord/excerpt.ts';
import { renderReply } from '../../src/platforms/discord/embeds.ts';
import { invocationFromOptions, focusedOption } from '../../src/platforms/discord/invocation.ts';
import { channelRateLimitPolicy } from '../../src/platforms/discord/rest-options.ts';
import { createInFlight } from '../../src/platforms/discord/in-flight.ts';
import { isPublicChannel, visibilityFor } from '../../src/platforms/discord/visibility.ts';
import { registry } from '../../commands/index.ts';
import { expectWithinLimits } from './limits-check.ts';

describe('escaping', () => {
  it('breaks every mention form with a zero-width space', () => {
    expect(neutraliseMentions('@everyone @here <@1> <@!2> <@&3> <#4> </cmd:5> <t:6:R> <:e:7> <a:e:8>')).toBe(
      '@\u200beveryone @\u200bhere <\u200b@1> <\u200b@!2> <\u200b@&3> <\u200b#4> <\u200b/cmd:5> <\u200bt:6:R> <\u200b:e:7> <\u200ba:e:8>',
    );
    expect(neutraliseMentions('mail me at a@b.dk, 3 < 4')).toBe('mail me at a@b.dk, 3 < 4');
  });

  it('escapes inline markdown everywhere and block markers at line starts only', () => {
    expect(escapeMarkdown('*a* _b_ ~~c~~ `d` ||e|| [f](g) \\')).toBe('\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\|\\|e\\|\\| \\[f\\](g) \\\\');
    expect(escapeMarkdown('# h\n> q\n- l\n  + m\n1. n\n-# small\nG20-møtet 2 > 1 #1')).toBe('\\# h\n\\> q\n\\- l\n  \\+ m\n1\\. n\n\\-# small\nG20-møtet 2 > 1 #1');
  });

  it('keeps only http(s) links, with characters that would end a markdown link encoded', () => {
    expect(safeUrl('https://a.dk/x(1)')).toBe('https://a.dk/x%281%29');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl(null)).toBeUndefined();
  });
});

describe('renderExcerpt', () => {
  it('bolds highlighted spans, merging touching ones and keeping spaces outside the markers', () => {
    expect(renderExcerpt('Trump mødte Putin i juli', [[0, 5], [12, 17]], 1000)).toBe('**Trump** mødte **Putin** i juli');
    expect(renderExcerpt('ab cd', [[0, 3], [3, 5]], 1000)).toBe('**ab cd**');
    expect(renderExcerpt('a *b* c', [[2, 5]], 1000)).toBe('a **\\*b\\*** c');
  });

  it('cuts to the budget with an ellipsis, never leaving a highlight open', () => {
    const text = `${'ord '.repeat(100)}Putin ${'ord '.repeat(100)}`;
    const start = text.indexOf('Putin');
    for (const max of [20, 50, 404, 406, 410, 500]) {
      const out = renderExcerpt(text, [[start, start + 5]], max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      expect((out.match(/\*\*/g) ?? []).length % 2).toBe(0);
    }
  });

  it('does not split a surrogate pair', () => {
    const out = renderExcerpt('😀'.repeat(50), [], 21);
    expect(out).toBe(`${'😀'.repeat(10)}…`);
  });
});

const item = (overrides: Partial<ReplyItem> = {}): ReplyItem => ({
  date: '2018-12',
  datePrecision: 'month',
  eventDate: '2018-11',
  title: 'Title',
  source: 'VG',
  language: 'no',
  excerpt: 'Trump mødte Putin.',
  highlights: [[0, 5]],
  origin: 'a.txt',
  link: null,
  ...overrides,
});

describe('renderReply', () => {
  it('shows a reply as one embed: title, text, one field per item numbered from the page, footer', () => {
    const [message, ...rest] = renderReply({
      kind: 'results',
      title: 'Meetings: putin, trump',
      text: 'Oldest first.',
      items: [item(), item({ date: 'undated', source: null, eventDate: null, link: 'https://vg.no/a' })],
      total: 4,
      page: { number: 2, size: 2, count: 2 },
      footer: '3–4 of 4 articles',
    });
    expect(rest).toEqual([]);
    const [embed] = message!.embeds;
    expect(embed).toMatchObject({ title: 'Meetings: putin, trump', description: 'Oldest first.', footer: { text: '3–4 of 4 articles' } });
    expect(embed!.fields!.map((f) => f.name)).toEqual(['3\\. 2018-12 · VG', '4\\. undated · source not named']);
    expect(embed!.fields![0]!.value).toBe('**Title**\n“**Trump** mødte Putin.”\nevent: 2018-11 · a.txt');
    expect(embed!.fields![1]!.value).toBe('**[Title](https://vg.no/a)**\n“**Trump** mødte Putin.”');
  });

  it('keeps every item, in order, within every limit, for any reply', () => {
    const text = fc.string({ maxLength: 3000, unit: fc.constantFrom('a', ' ', '*', '@', '<', '\n', 'ø', '😀', '#', '_') });
    const arbitraryItem = fc.record({ title: text, source: fc.option(text, { nil: null }), excerpt: text, origin: text, label: fc.option(text, { nil: undefined }) }).map(({ label, ...rest }) => {
      const at = Math.floor(rest.excerpt.length / 3);
      return item({ ...rest, ...(label !== undefined ? { label } : {}), highlights: [[at, at + 10], [0, 2]] });
    });
    const reply = fc.record({
      title: text,
      text: fc.option(fc.string({ maxLength: 6000 }), { nil: undefined }),
      fields: fc.array(fc.record({ name: text, value: text }), { maxLength: 30 }),
      items: fc.array(arbitraryItem, { maxLength: 25 }),
      footer: fc.option(fc.string({ maxLength: 2500 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(reply, (r) => {
        const full: Reply = { kind: 'results', total: r.items.length, ...r };
        const messages = renderReply(full);
        for (const message of messages) expectWithinLimits(message);
        const names = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? [])).map((f) => f.name);
        const numbered = names.slice(r.fields.length).map((name) => Number(/^(\d+)\\\./.exec(name)?.[1]));
        expect(numbered).toEqual(r.items.map((_, i) => i + 1));
      }),
      { numRuns: 60 },
    );
  });
});

describe('interaction options', () => {
  it('maps options by name, as strings, and takes the adapter\'s public option out', () => {
    const summit = registry.find('summit');
    expect(invocationFromOptions('summit', summit, [{ name: 'names', type: 3, value: 'putin trump' }, { name: 'public', type: 5, value: true }])).toEqual({
      command: 'summit',
      options: { names: 'putin trump' },
      visibility: 'public',
    });
    expect(invocationFromOptions('x', undefined, [{ name: 'n', type: 4, value: 5 }, { name: 'b', type: 5, value: false }]).options).toEqual({ n: '5', b: 'false' });
  });

  it('names the subcommand as the `subcommand` option', () => {
    expect(invocationFromOptions('digest', undefined, [{ name: 'subscribe', type: 1, options: [{ name: 'time', type: 3, value: '08:00' }, { name: 'public', type: 5, value: false }] }])).toEqual({
      command: 'digest',
      options: { subcommand: 'subscribe', time: '08:00' },
      visibility: 'ephemeral',
    });
  });

  it('finds the focused option, inside a subcommand too', () => {
    expect(focusedOption([{ name: 'sub', type: 1, options: [{ name: 'a', type: 3, value: 'x' }, { name: 'b', type: 3, value: 'pu', focused: true }] }])?.name).toBe('b');
  });
});

describe('visibility', () => {
  it('is ephemeral unless the channel is public (plain or qualified id), the caller asks, or it is a DM', () => {
    expect(isPublicChannel(['discord:42'], '42')).toBe(true);
    expect(isPublicChannel(['42'], '43')).toBe(false);
    expect(visibilityFor({ publicChannel: false, directMessage: false })).toBe('ephemeral');
    expect(visibilityFor({ publicChannel: true, directMessage: false })).toBe('public');
    expect(visibilityFor({ requested: 'ephemeral', publicChannel: true, directMessage: false })).toBe('ephemeral');
    expect(visibilityFor({ requested: 'public', publicChannel: false, directMessage: false })).toBe('public');
    expect(visibilityFor({ publicChannel: false, directMessage: true })).toBe('public');
  });
});

describe('rate-limit policy', () => {
  const data = (route: string, retryAfter: number) => ({ route, retryAfter, timeToReset: 0, sublimitTimeout: 0, global: false, method: 'POST', url: '', majorParameter: '', hash: '', limit: 1, scope: 'user' as const });
  it('rejects only long waits on channel routes; interaction responses always wait', () => {
    const policy = channelRateLimitPolicy(2000);
    expect(policy(data('/channels/:id/messages', 30_000))).toBe(true);
    expect(policy(data('/channels/:id/messages', 500))).toBe(false);
    expect(policy(data('/interactions/:id/:token/callback', 30_000))).toBe(false);
    expect(policy(data('/webhooks/:id/:token/messages/:id', 30_000))).toBe(false);
  });
});

describe('in-flight tracker', () => {
  it('hands escaped errors (thrown or rejected) to its net, and drains tasks started while draining', async () => {
    const errors: unknown[] = [];
    const inFlight = createInFlight((error) => errors.push(error));
    let release!: () => void;
    inFlight.run(() => new Promise<void>((resolve) => (release = resolve)));
    inFlight.run(() => {
      throw new Error('sync');
    });
    inFlight.run(async () => {
      throw new Error('async');
    });
    const drained = inFlight.drain(1000);
    inFlight.run(async () => undefined);
    setTimeout(() => release(), 10);
    expect(await drained).toBe(true);
    expect(inFlight.size).toBe(0);
    expect(errors.map((error) => (error as Error).message)).toEqual(['sync', 'async']);
  });

  it('gives up waiting after the time-out', async () => {
    const inFlight = createInFlight(() => undefined);
    inFlight.run(() => new Promise<void>(() => undefined));
    expect(await inFlight.drain(20)).toBe(false);
  });
});
