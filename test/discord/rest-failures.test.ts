// Rate limits and failures against the stand-in: discord.js waits out 429s (retry_after) on the
// interaction callback, the webhook edit and channel posts; 5xx are retried a bounded number of
// times with growing pauses, then logged (never a crash); the channel poster maps Discord's
// errors to PostOutcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import { dispatch } from '../../src/command/dispatch.ts';
import { dispatchContext } from '../../src/cli/context.ts';
import { silentLogger } from '../../src/logging.ts';
import type { Reply } from '../../src/core/types.ts';
import { REST } from 'discord.js';
import { createChannelPoster } from '../../src/platforms/discord/index.ts';
import { restOptions } from '../../src/platforms/discord/rest-options.ts';
import { missingAccess, missingPermissions, rateLimited, serverError, unknownChannel } from '../standins/discord/injections.ts';
import type { RecordedRequest } from '../standins/discord/rest.ts';
import { startHarness, TEST_REST, unhandledRejections, type Harness } from './harness.ts';

let h: Harness;
let summit: Reply;
beforeAll(async () => {
  h = await startHarness();
  summit = await dispatch(registry, { command: 'summit', options: { names: 'putin trump' } }, dispatchContext(h.fixture.archive, silentLogger, { platform: 'discord' }));
});
afterAll(async () => {
  await h?.close();
});

const isCallback = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
const isEditOriginal = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`);
const ORIGINAL = /\/messages\/@original$/;

describe('429s are waited out', () => {
  it('retries the interaction callback after its retry_after, still acknowledging within 3 s', async () => {
    const { standIn } = h;
    standIn.inject({ method: 'POST', path: /\/callback$/, responses: [rateLimited(0.2)] });
    const sent = standIn.sendCommand('summit', { names: 'putin trump' }, { channel: standIn.world.channels.general });
    const edit = await standIn.waitForRequest(isEditOriginal(sent.token));
    const callbacks = standIn.requests.filter(isCallback(sent.token));
    expect(callbacks.map((r) => r.status)).toEqual([429, 204]);
    expect(callbacks[1]!.at - callbacks[0]!.at).toBeGreaterThanOrEqual(200);
    expect(callbacks[1]!.at - sent.sentAt).toBeLessThan(3000);
    expect(edit.body.embeds[0].fields).toHaveLength(4);
  });

  it('waits out a global 429 on the edit', async () => {
    const { standIn } = h;
    standIn.inject({ method: 'PATCH', path: ORIGINAL, responses: [rateLimited(0.1, { global: true })] });
    const sent = standIn.sendCommand('help', {}, { channel: standIn.world.channels.general });
    await standIn.waitForRequest((r) => isEditOriginal(sent.token)(r) && r.status === 200);
    const edits = standIn.requests.filter(isEditOriginal(sent.token));
    expect(edits.map((r) => r.status)).toEqual([429, 200]);
    expect(edits[1]!.at - edits[0]!.at).toBeGreaterThanOrEqual(100);
  });
});

describe('5xx', () => {
  it('retries with growing pauses and succeeds', async () => {
    const { standIn } = h;
    standIn.inject({ method: 'PATCH', path: ORIGINAL, responses: [serverError(503), serverError(502)] });
    const sent = standIn.sendCommand('help', {}, { channel: standIn.world.channels.general });
    await standIn.waitForRequest((r) => isEditOriginal(sent.token)(r) && r.status === 200);
    const edits = standIn.requests.filter(isEditOriginal(sent.token));
    expect(edits.map((r) => r.status)).toEqual([503, 502, 200]);
    expect(edits[1]!.at - edits[0]!.at).toBeGreaterThanOrEqual(TEST_REST.backoffMs - 5);
    expect(edits[2]!.at - edits[1]!.at).toBeGreaterThanOrEqual(2 * TEST_REST.backoffMs - 5);
  });

  it('gives up after `retries`, logs the failure with an id, and apologises with the same id', async () => {
    const { standIn, runtime } = h;
    standIn.inject({ method: 'PATCH', path: ORIGINAL, responses: [serverError(), serverError(), serverError()] });
    const sent = standIn.sendCommand('help', {}, { channel: standIn.world.channels.general });
    await standIn.waitForRequest((r) => isEditOriginal(sent.token)(r) && r.status === 200);
    await runtime.idle();
    const edits = standIn.requests.filter(isEditOriginal(sent.token));
    expect(edits.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    const errorId = /Error id: ([0-9a-f]{8})/.exec(edits[3]!.body.embeds[0].description)?.[1];
    const logged = h.logs.find((line) => line.errorId === errorId);
    expect(logged).toMatchObject({ level: 'error', message: 'discord command failed', status: 500 });
    expect(String(logged?.url)).toContain('/webhooks/');
    expect(String(logged?.url)).not.toContain(sent.token);
  });

  it('survives when even the apology cannot be delivered', async () => {
    const { standIn, runtime } = h;
    standIn.inject({ method: 'PATCH', path: ORIGINAL, responses: Array.from({ length: 6 }, () => serverError()) });
    const sent = standIn.sendCommand('help', {}, { channel: standIn.world.channels.general });
    await standIn.waitForRequest(isCallback(sent.token));
    await runtime.idle();
    expect(standIn.requests.filter(isEditOriginal(sent.token)).map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 500]);
    expect(h.logs.some((line) => line.message === 'discord apology not delivered')).toBe(true);
    expect(unhandledRejections).toEqual([]);
  });
});

describe('channel poster', () => {
  const post = (channelId: string, reply: Reply = summit) => h.runtime.poster.post(channelId, reply);
  const channel = () => h.standIn.world.channels.news.id;
  const messagesPath = () => `/channels/${channel()}/messages`;

  it('posts the reply as embeds that ping no one', async () => {
    const outcome = await post(channel());
    expect(outcome).toMatchObject({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
    const request = await h.standIn.waitForRequest((r) => r.method === 'POST' && r.path === messagesPath() && r.status === 200);
    expect(request.body.allowed_mentions).toEqual({ parse: [] });
    expect(request.body.embeds[0].fields).toHaveLength(4);
    expect(h.runtime.poster.platform).toBe('discord');
  });

  it('waits out a short 429 on a channel message and then posts', async () => {
    h.standIn.inject({ method: 'POST', path: messagesPath(), responses: [rateLimited(0.15)] });
    const started = performance.now();
    expect(await post(channel())).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('returns rate-limited with retryAfterMs, at once, for a long 429', async () => {
    h.standIn.inject({ method: 'POST', path: messagesPath(), responses: [rateLimited(30)] });
    const started = performance.now();
    const outcome = await post(channel());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome).toMatchObject({ ok: false, reason: 'rate-limited', retryable: true });
    expect(outcome.ok === false && outcome.retryAfterMs).toBeGreaterThanOrEqual(30_000);
  });

  it('maps 10003 Unknown Channel to gone, 50001 and 50013 to forbidden', async () => {
    h.standIn.inject({ method: 'POST', path: messagesPath(), responses: [unknownChannel(), missingAccess(), missingPermissions()] });
    expect(await post(channel())).toMatchObject({ ok: false, reason: 'gone', retryable: false });
    expect(await post(channel())).toMatchObject({ ok: false, reason: 'forbidden', retryable: false });
    expect(await post(channel())).toMatchObject({ ok: false, reason: 'forbidden', retryable: false });
    expect(await post('123456789012345678')).toMatchObject({ ok: false, reason: 'gone' }); // the stand-in's own 404
    expect(await post('not-a-channel')).toMatchObject({ ok: false, reason: 'gone' });
  });

  it('maps a lasting 5xx to a retryable error after the bounded retries', async () => {
    h.standIn.inject({ method: 'POST', path: messagesPath(), responses: [serverError(), serverError(), serverError()] });
    const before = h.standIn.requests.length;
    expect(await post(channel())).toMatchObject({ ok: false, reason: 'error', retryable: true });
    expect(h.standIn.requests.slice(before).filter((r) => r.path === messagesPath()).map((r) => r.status)).toEqual([500, 500, 500]);
  });

  it('maps a network failure to a retryable error', async () => {
    const rest = new REST(restOptions('http://127.0.0.1:1/api', TEST_REST)).setToken(h.standIn.world.token);
    const poster = createChannelPoster(rest, h.fixture.archive, { now: () => new Date() });
    expect(await poster.post(channel(), summit)).toMatchObject({ ok: false, reason: 'error', retryable: true });
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  });

  it('splits a long reply over several messages, each within the limits', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ ...summit.items[i % 4]!, excerpt: `${'Ord og ord. '.repeat(120)}${i}` }));
    const before = h.standIn.requests.length;
    expect(await post(channel(), { ...summit, items, total: 20, footer: '1–20 of 20' })).toMatchObject({ ok: true });
    const posts = h.standIn.requests.slice(before).filter((r) => r.path === messagesPath());
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.flatMap((r) => r.body.embeds.flatMap((e: { fields?: unknown[] }) => e.fields ?? []))).toHaveLength(20);
    expect(unhandledRejections).toEqual([]);
  });
});
