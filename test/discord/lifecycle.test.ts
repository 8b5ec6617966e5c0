// The client's set-up and life: intents without privileged ones, Partials.Channel, no mentions by
// default, REST root from the credentials; heartbeats; a failed login; and a graceful stop that
// turns new requests away, finishes the ones in flight and closes the gateway connection.
import { GatewayIntentBits, Partials } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.ts';
import { CredentialError } from '../../src/platforms/credentials.ts';
import { DiscordStartError, startDiscord } from '../../src/platforms/discord/index.ts';
import type { RecordedRequest } from '../standins/discord/rest.ts';
import { startHarness, unhandledRejections, type Harness } from './harness.ts';
import { testRegistry } from './test-commands.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ registry: testRegistry, heartbeatIntervalMs: 100 });
});
afterAll(async () => {
  await h?.close();
});

const isCallback = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
const isEditOriginal = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`);

describe('client set-up', () => {
  it('identifies with Guilds and DirectMessages only: no privileged intent, no MessageContent', () => {
    const [identify] = h.standIn.gateway.identifies;
    expect(identify?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages);
    expect(identify!.intents & GatewayIntentBits.MessageContent).toBe(0);
    expect(identify!.intents & GatewayIntentBits.GuildMembers).toBe(0);
    expect(identify!.intents & GatewayIntentBits.GuildPresences).toBe(0);
  });

  it('uses Partials.Channel, allows no mentions, and talks to the REST root from the credentials', () => {
    const { options, rest } = h.runtime.client;
    expect(options.partials).toContain(Partials.Channel);
    expect(options.allowedMentions).toEqual({ parse: [] });
    expect(rest.options.api).toBe(h.standIn.apiUrl);
    expect(h.standIn.requests.find((r) => r.path === '/gateway/bot')?.headers.authorization).toBe(`Bot ${h.standIn.world.token}`);
  });

  it('keeps the connection alive: heartbeats are sent and acknowledged', async () => {
    const deadline = Date.now() + 2000;
    while (h.standIn.gateway.heartbeats.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.standIn.gateway.heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(h.runtime.client.ws.ping).toBeGreaterThanOrEqual(0);
    expect(h.standIn.gateway.connections).toBe(1);
  });
});

describe('start failures', () => {
  it('rejects a token Discord refuses with a start error, never logging the token', async () => {
    const lines: string[] = [];
    const token = `${h.standIn.world.token.slice(0, -4)}AAAA`;
    await expect(
      startDiscord(
        { ...h.deps, credentials: { discord: { ...h.standIn.credentials, token } }, logger: createLogger('info', (line) => lines.push(line)) },
        { readyTimeoutMs: 3000 },
      ),
    ).rejects.toBeInstanceOf(DiscordStartError);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).toContain('discord login failed');
  });

  it('needs Discord credentials', async () => {
    await expect(startDiscord({ ...h.deps, credentials: {} })).rejects.toBeInstanceOf(CredentialError);
  });
});

describe('stop()', () => {
  it('turns new requests away, finishes the one in flight, then disconnects', async () => {
    const { standIn, runtime } = h;
    const channel = standIn.world.channels.general;
    const slow = standIn.sendCommand('slow', {}, { channel });
    await standIn.waitForRequest(isCallback(slow.token));
    const stopped = runtime.stop();
    const late = standIn.sendCommand('help', {}, { channel });
    const turnedAway = await standIn.waitForRequest(isCallback(late.token));
    expect(turnedAway.body.type).toBe(4);
    expect(turnedAway.body.data.flags & 64).toBe(64);
    expect(turnedAway.body.data.embeds[0].title).toMatch(/restarting/);
    expect(standIn.gateway.connections).toBe(1); // still connected while the slow command runs
    await stopped;
    const edit = standIn.requests.find(isEditOriginal(slow.token));
    expect(edit?.status).toBe(200);
    expect(edit?.body.embeds[0].title).toBe('Slow answer');
    expect(standIn.gateway.connections).toBe(0);
    expect(h.logs.at(-1)?.message).toBe('discord stopped');
    await runtime.stop(); // a second stop is harmless
    expect(unhandledRejections).toEqual([]);
  });
});
