// A stand-in Discord on 127.0.0.1: REST under /api/v10 and the gateway at /gateway on one port.
// Tests (and run.ts, for a person) drive it: send slash commands, autocomplete, button clicks
// and DMs through the gateway, read what the bot sent back, inject failures.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createGateway, type Gateway } from './gateway.ts';
import type { InjectionRule } from './injections.ts';
import {
  autocompleteInteraction,
  buttonInteraction,
  commandInteraction,
  directMessage,
  typedOptions,
  type BotMessage,
  type InteractionOption,
  type InteractionPayload,
  type OptionValue,
  type Where,
} from './payloads.ts';
import { createRest, type RecordedRequest, type RestSide } from './rest.ts';
import { createWorld, type FakeUser, type World } from './world.ts';

export interface StandInOptions {
  /** Sent in HELLO; long by default so tests see no heartbeats unless they ask. */
  readonly heartbeatIntervalMs?: number;
  readonly port?: number;
}

export interface SentInteraction {
  readonly id: string;
  readonly token: string;
  /** performance.now() when the event was written to the gateway. */
  readonly sentAt: number;
  readonly payload: InteractionPayload;
}

export interface DiscordStandIn {
  readonly world: World;
  readonly port: number;
  /** REST root for discord.js (`rest.api`, DISCORD_API_URL): http://127.0.0.1:PORT/api */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly credentials: { readonly token: string; readonly applicationId: string; readonly apiUrl: string };
  readonly rest: RestSide;
  readonly gateway: Gateway;
  readonly requests: readonly RecordedRequest[];
  inject(rule: InjectionRule): void;
  /** Resolves once a client has identified (READY and GUILD_CREATE sent). */
  identified(timeoutMs?: number): Promise<void>;
  sendCommand(name: string, options?: Readonly<Record<string, OptionValue>> | readonly InteractionOption[], where?: Partial<Where>): SentInteraction;
  sendAutocomplete(name: string, option: string, partial: string, where?: Partial<Where>): SentInteraction;
  clickButton(message: BotMessage, customId: string, where?: Partial<Where>): SentInteraction;
  sendDirectMessage(author: FakeUser, content: string): { id: string; channelId: string; sentAt: number };
  /** The first request matching, already received or still to come. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Requests made with an interaction's token (callback, webhook edits and follow-ups). */
  requestsFor(token: string): RecordedRequest[];
  /** Messages created under an interaction's token, in order: the original, then follow-ups. */
  messagesFor(token: string): BotMessage[];
  close(): Promise<void>;
}

export async function startDiscordStandIn(options: StandInOptions = {}): Promise<DiscordStandIn> {
  const world = createWorld();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const rest = createRest(world, gatewayUrl);
  const gateway = createGateway(world, { heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, url: gatewayUrl });
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    rest.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://stand-in').pathname === '/gateway') gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  const apiUrl = `http://127.0.0.1:${port}/api`;

  const where = (partial: Partial<Where> = {}): Where => ({ user: partial.user ?? world.users.alice, ...(partial.channel ? { channel: partial.channel } : {}), ...(partial.permissions ? { permissions: partial.permissions } : {}) });
  const registeredId = (name: string) =>
    ([...rest.commands.guild.values()].flat().concat(rest.commands.global) as { id?: string; name?: string }[]).find((command) => command.name === name)?.id;

  const send = (payload: InteractionPayload, componentMessageId?: string): SentInteraction => {
    rest.expectInteraction({ id: payload.id, token: payload.token, channelId: payload.channel_id, ...(componentMessageId ? { componentMessageId } : {}) });
    const sentAt = performance.now();
    if (gateway.dispatch('INTERACTION_CREATE', payload) === 0) throw new Error('stand-in: no client is connected to the gateway');
    return { id: payload.id, token: payload.token, sentAt, payload };
  };

  const waitForRequest = (predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000) => {
    const found = rest.requests.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<RecordedRequest>((resolve, reject) => {
      const listener = (request: RecordedRequest) => {
        if (!predicate(request)) return;
        clearTimeout(timer);
        rest.events.off('request', listener);
        resolve(request);
      };
      const timer = setTimeout(() => {
        rest.events.off('request', listener);
        reject(new Error(`stand-in: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      rest.events.on('request', listener);
    });
  };

  return {
    world,
    port,
    apiUrl,
    gatewayUrl: gatewayUrl(),
    credentials: { token: world.token, applicationId: world.applicationId, apiUrl },
    rest,
    gateway,
    requests: rest.requests,
    inject: (rule) => rest.inject(rule),
    async identified(timeoutMs = 5000) {
      if (gateway.connections > 0) return;
      await once(gateway.events, 'identified', { signal: AbortSignal.timeout(timeoutMs) });
    },
    sendCommand(name, values = {}, at) {
      const options = Array.isArray(values) ? (values as readonly InteractionOption[]) : typedOptions(values as Record<string, OptionValue>);
      const id = registeredId(name);
      return send(commandInteraction(world, where(at), { name, options, ...(id ? { id } : {}) }));
    },
    sendAutocomplete(name, option, partial, at) {
      const id = registeredId(name);
      return send(autocompleteInteraction(world, where(at), { name, options: [{ name: option, type: 3, value: partial, focused: true }], ...(id ? { id } : {}) }));
    },
    clickButton(message, customId, at) {
      return send(buttonInteraction(world, where(at), message, customId), message.id);
    },
    sendDirectMessage(author, content) {
      const payload = directMessage(world, author, content);
      const sentAt = performance.now();
      if (gateway.dispatch('MESSAGE_CREATE', payload) === 0) throw new Error('stand-in: no client is connected to the gateway');
      return { id: payload.id, channelId: payload.channel_id, sentAt };
    },
    waitForRequest,
    requestsFor: (token) => rest.requests.filter((request) => request.path.includes(`/${token}`)),
    messagesFor(token) {
      const state = rest.interaction(token);
      if (!state) return [];
      const ids = [...(state.originalId ? [state.originalId] : []), ...state.followUps];
      return ids.map((id) => rest.messages.get(id)).filter((message): message is BotMessage => message !== undefined);
    },
    async close() {
      await gateway.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
