// Slash commands end to end: the real discord.js client against the stand-in Discord, with the
// bundled corpus. Timing of the first response, the Putin–Trump timeline, visibility, the caller,
// escaping, allowed mentions, autocomplete, handler failures and the adapter's own failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../standins/discord/rest.ts';
import { PERMISSIONS } from '../standins/discord/world.ts';
import { messageBodies, startHarness, unhandledRejections, type Harness } from './harness.ts';
import { expectWithinLimits } from './limits-check.ts';
import { HOSTILE, LONG_ITEMS, testRegistry } from './test-commands.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ registry: testRegistry, publicChannels: (world) => [world.channels.news.id] });
});
afterAll(async () => {
  await h?.close();
});

const isCallback = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
const isEditOriginal = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`);
const fieldsOf = (body: { embeds?: { fields?: { name: string; value: string }[] }[] }) => (body.embeds ?? []).flatMap((embed) => embed.fields ?? []);
const textOf = (body: unknown) => JSON.stringify(body);

describe('/summit putin trump', () => {
  it('acknowledges within 3 s and answers with the four meetings in date order', async () => {
    const { standIn } = h;
    const sent = standIn.sendCommand('summit', { names: 'putin trump' }, { channel: standIn.world.channels.general });
    const first = await standIn.waitForRequest(isCallback(sent.token));
    expect(first.at - sent.sentAt).toBeLessThan(3000);
    expect(first.status).toBe(204);
    expect(first.body.type).toBe(5); // deferred: the answer follows as an edit
    expect(first.headers.authorization).toBeUndefined(); // interaction callbacks carry no bot token

    const edit = await standIn.waitForRequest(isEditOriginal(sent.token));
    expect(edit.rawPath).toContain('/messages/%40original');
    const fields = fieldsOf(edit.body);
    expect(fields).toHaveLength(4);
    expect(fields.map((field) => /^\d+\\?\. (\d{4}-\d{2}|undated)/.exec(field.name)?.[1])).toEqual(['2017-05', '2018-12', 'undated', 'undated']);
    // 2017-05 (VG): they agreed to try to meet at the G20 meeting in Hamburg in July.
    expect(fields[0]!.value).toMatch(/Hamburg/);
    expect(fields[0]!.value).toMatch(/G20/);
    expect(fields[0]!.value).toMatch(/juli/);
    // 2018-12: Trump cancelled a planned meeting with Putin in November (G20, Argentina).
    expect(fields[1]!.value).toMatch(/aflyste/);
    expect(fields[1]!.value).toMatch(/november/);
    // The undated two (in either order): a proposed summit around the G20 in Japan, and Putin offering to meet.
    const undated = [fields[2]!.value, fields[3]!.value].sort();
    expect(undated.some((value) => /Japan/.test(value))).toBe(true);
    expect(undated.some((value) => /signalisert sin vilje/.test(value))).toBe(true);
    // The stand-in's copy of the message now holds the answer.
    const [message] = standIn.messagesFor(sent.token);
    expect(fieldsOf(message!)).toHaveLength(4);
  });
});

describe('visibility and caller', () => {
  const flagsOfCallback = async (token: string) => ((await h.standIn.waitForRequest(isCallback(token))).body.data?.flags ?? 0) & 64;

  it('is ephemeral by default, public in a configured public channel or with public:true', async () => {
    const { standIn } = h;
    const { general, news } = standIn.world.channels;
    expect(await flagsOfCallback(standIn.sendCommand('help', {}, { channel: general }).token)).toBe(64);
    expect(await flagsOfCallback(standIn.sendCommand('help', {}, { channel: news }).token)).toBe(0);
    expect(await flagsOfCallback(standIn.sendCommand('help', { public: true }, { channel: general }).token)).toBe(0);
    expect(await flagsOfCallback(standIn.sendCommand('help', { public: false }, { channel: news }).token)).toBe(64);
  });

  it('passes the Discord caller to the handler, with Manage Channels as canManageChannel', async () => {
    const { standIn } = h;
    const ask = async (where: Parameters<typeof standIn.sendCommand>[2]) => {
      const sent = standIn.sendCommand('whoami', {}, where);
      const edit = await standIn.waitForRequest(isEditOriginal(sent.token));
      return JSON.parse((edit.body.embeds[0].description as string).replace(/\\(.)/g, '$1')) as Record<string, unknown>;
    };
    const { alice, bob } = standIn.world.users;
    const channel = standIn.world.channels.general;
    expect(await ask({ user: alice, channel, permissions: PERMISSIONS.manager })).toEqual({ platform: 'discord', userId: alice.id, channelId: channel.id, isDirectMessage: false, canManageChannel: true });
    expect(await ask({ user: bob, channel, permissions: PERMISSIONS.member })).toMatchObject({ userId: bob.id, canManageChannel: false, isDirectMessage: false });
    expect(await ask({ user: bob })).toMatchObject({ userId: bob.id, channelId: standIn.world.dmChannel(bob).id, isDirectMessage: true });
  });
});

describe('nothing pings, markup shows literally', () => {
  it('escapes markdown and neutralises mentions in every part of a reply', async () => {
    const { standIn } = h;
    const sent = standIn.sendCommand('echo', { text: HOSTILE }, { channel: standIn.world.channels.general });
    const edit = await standIn.waitForRequest(isEditOriginal(sent.token));
    const embed = edit.body.embeds[0];
    const shown = [embed.title, embed.description, ...fieldsOf(edit.body).flatMap((f) => [f.name, f.value]), embed.footer.text];
    for (const text of shown) {
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/<[@#]/);
    }
    expect(embed.description).toContain('@\u200beveryone');
    expect(embed.description).toContain('@\u200bhere');
    expect(embed.description).toContain('<\u200b@123>');
    expect(embed.description).toContain('<\u200b@&456>');
    expect(embed.description).toContain('<\u200b#789>');
    expect(embed.description).toContain('\\*\\*bold\\*\\*');
    expect(embed.description).toContain('\\_it\\_');
    expect(embed.description).toContain('\\~\\~gone\\~\\~');
    expect(embed.description).toContain('\\`code\\`');
    expect(embed.description).toContain('\\|\\|spoiler\\|\\|');
    expect(embed.description).toContain('\\[link\\](https://evil.example)');
    expect(embed.description).toContain('\n\\> quote\n\\# heading\n\\- item');
    // The footer is plain text in Discord: mentions broken, no backslashes shown.
    expect(embed.footer.text).toContain('**bold**');
    // The highlighted span is bold around escaped text.
    expect(fieldsOf(edit.body).at(-1)!.value).toContain('“**@\u200beveryone**');
  });

  it('escapes the text a user typed when it is echoed in an error', async () => {
    const { standIn } = h;
    const sent = standIn.sendCommand('search', { query: 'putin', from: '<@123> @everyone *x*' }, { channel: standIn.world.channels.general });
    const edit = await standIn.waitForRequest(isEditOriginal(sent.token));
    const text = textOf(edit.body.embeds);
    expect(text).toContain('is not a date');
    expect(text).toContain('<\u200b@123> @\u200beveryone \\\\*x\\\\*');
  });
});

describe('autocomplete', () => {
  it('offers Putin for "pu" within Discord\'s 3 s, at most 25 choices', async () => {
    const { standIn } = h;
    const sent = standIn.sendAutocomplete('summit', 'names', 'pu', { channel: standIn.world.channels.general });
    const answer = await standIn.waitForRequest(isCallback(sent.token));
    expect(answer.at - sent.sentAt).toBeLessThan(3000);
    expect(answer.body.type).toBe(8);
    const choices = answer.body.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((choice) => choice.value)).toContain('Putin');
  });

  it('completes the last word of a multi-word names option, keeping the words before it', async () => {
    const { standIn } = h;
    const sent = standIn.sendAutocomplete('summit', 'names', 'putin tr', { channel: standIn.world.channels.general });
    const answer = await standIn.waitForRequest(isCallback(sent.token));
    expect((answer.body.data.choices as { value: string }[]).map((choice) => choice.value)).toContain('putin Trump');
  });
});

describe('an answer longer than one message', () => {
  it('keeps every item and stays within every embed limit, in follow-ups with the same visibility', async () => {
    const { standIn, runtime } = h;
    const sent = standIn.sendCommand('long', {}, { channel: standIn.world.channels.general });
    await standIn.waitForRequest(isEditOriginal(sent.token));
    await runtime.idle();
    const requests = standIn.requestsFor(sent.token).filter((r) => r.method !== 'POST' || !r.path.endsWith('/callback'));
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) {
      expect(request.status).toBe(200);
      expectWithinLimits(request.body);
      if (request.method === 'POST') expect(request.body.flags & 64).toBe(64);
    }
    const numbers = requests.flatMap((r) => fieldsOf(r.body)).map((f) => /^(\d+)\\?\. 2019-06-01/.exec(f.name)?.[1]).filter(Boolean).map(Number);
    expect(numbers).toEqual(Array.from({ length: LONG_ITEMS }, (_, i) => i + 1));
  });
});

describe('failures', () => {
  it('answers a failing handler with a short ephemeral apology whose error id is in the log with a stack', async () => {
    const { standIn } = h;
    const sent = standIn.sendCommand('boom', {}, { channel: standIn.world.channels.general });
    const edit = await standIn.waitForRequest(isEditOriginal(sent.token));
    expect((await standIn.waitForRequest(isCallback(sent.token))).body.data.flags & 64).toBe(64);
    const errorId = /Error id: ([0-9a-f]{8})/.exec(edit.body.embeds[0].description)?.[1];
    expect(errorId).toBeDefined();
    expect(textOf(edit.body)).not.toContain('kaboom');
    const logged = h.logs.find((line) => line.errorId === errorId);
    expect(logged?.level).toBe('error');
    expect(String(logged?.error)).toContain('kaboom');
    expect(String(logged?.error)).toMatch(/\n\s+at /);
  });

  it('keeps the apology to the caller when the deferral was public', async () => {
    const { standIn, runtime } = h;
    const sent = standIn.sendCommand('boom', {}, { channel: standIn.world.channels.news });
    await standIn.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(sent.token));
    await runtime.idle();
    const requests = standIn.requestsFor(sent.token);
    expect(requests.map((r) => r.method)).toEqual(['POST', 'DELETE', 'POST']);
    expect(requests[0]!.body.data?.flags ?? 0).toBe(0);
    expect(requests[2]!.body.flags & 64).toBe(64);
    expect(requests[2]!.body.embeds[0].description).toMatch(/Error id: [0-9a-f]{8}/);
  });

  it('catches a failure in the adapter itself, logs it with an id and stack, and apologises', async () => {
    const { standIn } = h;
    const sent = standIn.sendCommand('garbage', {}, { channel: standIn.world.channels.general });
    const edit = await standIn.waitForRequest(isEditOriginal(sent.token));
    const errorId = /Error id: ([0-9a-f]{8})/.exec(edit.body.embeds[0].description)?.[1];
    const logged = h.logs.find((line) => line.errorId === errorId);
    expect(logged?.message).toBe('discord command failed');
    expect(String(logged?.error)).toMatch(/TypeError[\s\S]*\n\s+at /);
  });

  it('answers an unknown command with the help, ephemerally', async () => {
    const { standIn } = h;
    const sent = standIn.sendCommand('nosuch', {}, { channel: standIn.world.channels.general });
    const edit = await standIn.waitForRequest(isEditOriginal(sent.token));
    expect(edit.body.embeds[0].title).toContain('Unknown command /nosuch');
  });
});

describe('everything this file sent', () => {
  it('allows no mentions on any message, and stays within the limits', async () => {
    await h.runtime.idle();
    const bodies = messageBodies(h.standIn);
    expect(bodies.length).toBeGreaterThan(10);
    for (const { body } of bodies) {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expectWithinLimits(body);
    }
  });

  it('never logged a token, and left no unhandled rejection', () => {
    const log = h.rawLogs.join('\n');
    expect(log).not.toContain(h.standIn.world.token);
    for (const request of h.standIn.requests) {
      const token = /\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(request.path)?.[1];
      if (token) expect(log).not.toContain(token);
    }
    expect(unhandledRejections).toEqual([]);
  });
});
