// The stand-in's REST API (/api/v10/…): records every request, answers injected failures first,
// and otherwise keeps just enough state (messages, interaction responses, registered commands)
// to answer as Discord does.
import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { matches, type Injection, type InjectionRule } from './injections.ts';
import { botMessage, type BotMessage } from './payloads.ts';
import { snowflake } from './snowflake.ts';
import type { World } from './world.ts';

export interface RecordedRequest {
  readonly seq: number;
  readonly method: string;
  /** Decoded, without /api/v10: /webhooks/1/tok/messages/@original */
  readonly path: string;
  /** As sent: /api/v10/webhooks/1/tok/messages/%40original */
  readonly rawPath: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** performance.now() when the request arrived. */
  readonly at: number;
  readonly status: number;
  readonly injected: boolean;
}

interface InteractionState {
  readonly id: string;
  readonly token: string;
  readonly channelId: string;
  /** For buttons: the message the button is on. */
  readonly componentMessageId?: string;
  acknowledged: boolean;
  originalId?: string;
  /** Ids of the follow-up messages sent with this token, in order. */
  readonly followUps: string[];
}

export const API_PREFIX = '/api/v10';

export function createRest(world: World, gatewayUrl: () => string) {
  const events = new EventEmitter();
  const requests: RecordedRequest[] = [];
  const rules: InjectionRule[] = [];
  const messages = new Map<string, BotMessage>();
  const interactions = new Map<string, InteractionState>();
  const commands = { global: [] as unknown[], guild: new Map<string, unknown[]>() };
  let seq = 0;

  const errorBody = (status: number, message: string, code = 0) => ({ status, body: { message, code } });

  function store(message: BotMessage): BotMessage {
    messages.set(message.id, message);
    return message;
  }

  function patch(id: string, body: Record<string, unknown>): BotMessage | undefined {
    const message = messages.get(id);
    if (!message) return undefined;
    const next = {
      ...message,
      ...(typeof body.content === 'string' ? { content: body.content } : {}),
      ...(Array.isArray(body.embeds) ? { embeds: body.embeds } : {}),
      ...(Array.isArray(body.components) ? { components: body.components } : {}),
      // A deferred response loses its "loading" flag when edited.
      flags: message.flags & ~128,
      edited_timestamp: new Date().toISOString(),
    };
    messages.set(id, next);
    return next;
  }

  function registerCommands(body: unknown): unknown[] {
    return (Array.isArray(body) ? body : []).map((command: Record<string, unknown>) => ({ id: snowflake(), application_id: world.applicationId, version: snowflake(), ...command }));
  }

  /** The real answer, when no failure is injected. */
  function answer(method: string, path: string, body: any, headers: IncomingHttpHeaders): { status: number; body?: unknown } {
    const authorised = headers.authorization === `Bot ${world.token}`;
    const needsAuth = !/^\/(interactions|webhooks)\//.test(path);
    if (needsAuth && !authorised) return errorBody(401, '401: Unauthorized');
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      return { status: 200, body: { url: gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } } };
    }
    if (method === 'GET' && path === '/gateway') return { status: 200, body: { url: gatewayUrl() } };
    if (method === 'GET' && path === '/users/@me') return { status: 200, body: { ...world.bot, verified: true, mfa_enabled: false, flags: 0 } };
    if (method === 'GET' && path === '/applications/@me') return { status: 200, body: { id: world.applicationId, name: 'almanak', flags: 0, bot: world.bot, description: '' } };
    if ((m = /^\/applications\/(\d+)\/commands$/.exec(path))) {
      if (m[1] !== world.applicationId) return errorBody(403, 'Missing Access', 50001);
      if (method === 'PUT') return { status: 200, body: (commands.global = registerCommands(body)) };
      if (method === 'GET') return { status: 200, body: commands.global };
    }
    if ((m = /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/.exec(path))) {
      if (m[1] !== world.applicationId) return errorBody(403, 'Missing Access', 50001);
      if (m[2] !== world.guild.id) return errorBody(404, 'Unknown Guild', 10004);
      if (method === 'PUT') {
        const registered = registerCommands(body);
        commands.guild.set(m[2], registered);
        return { status: 200, body: registered };
      }
      if (method === 'GET') return { status: 200, body: commands.guild.get(m[2]) ?? [] };
    }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const state = interactions.get(m[2]!);
      if (!state || state.id !== m[1]) return errorBody(404, 'Unknown interaction', 10062);
      if (state.acknowledged) return errorBody(400, 'Interaction has already been acknowledged.', 40060);
      state.acknowledged = true;
      const data = (body?.data ?? {}) as Record<string, unknown>;
      switch (body?.type) {
        case 4:
          state.originalId = store(botMessage(world, state.channelId, data, { interaction: true })).id;
          break;
        case 5:
          state.originalId = store(botMessage(world, state.channelId, {}, { interaction: true, flags: (typeof data.flags === 'number' ? data.flags : 0) | 128 })).id;
          break;
        case 6:
          state.originalId = state.componentMessageId;
          break;
        case 7:
          state.originalId = state.componentMessageId;
          if (state.originalId) patch(state.originalId, data);
          break;
        case 8:
          break;
        default:
          return errorBody(400, 'Invalid Form Body', 50035);
      }
      return { status: 204 };
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/.exec(path))) {
      const state = interactions.get(m[2]!);
      if (!state || m[1] !== world.applicationId) return errorBody(404, 'Unknown Webhook', 10015);
      const id = m[3] === '@original' ? state.originalId : m[3];
      const message = id ? messages.get(id) : undefined;
      if (!id || !message) return errorBody(404, 'Unknown Message', 10008);
      if (method === 'GET') return { status: 200, body: message };
      if (method === 'PATCH') return { status: 200, body: patch(id, body ?? {}) };
      if (method === 'DELETE') {
        messages.delete(id);
        return { status: 204 };
      }
    }
    if (method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      const state = interactions.get(m[2]!);
      if (!state || m[1] !== world.applicationId) return errorBody(404, 'Unknown Webhook', 10015);
      if (!state.acknowledged) return errorBody(404, 'Unknown Webhook', 10015);
      const message = store(botMessage(world, state.channelId, body ?? {}, { interaction: true }));
      state.followUps.push(message.id);
      return { status: 200, body: message };
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      if (!world.findChannel(m[1]!)) return errorBody(404, 'Unknown Channel', 10003);
      return { status: 200, body: store(botMessage(world, m[1]!, body ?? {})) };
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      const channel = world.findChannel(m[1]!);
      return channel ? { status: 200, body: channel } : errorBody(404, 'Unknown Channel', 10003);
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = Object.values(world.users).find((person) => person.id === body?.recipient_id);
      return recipient ? { status: 200, body: world.dmChannel(recipient) } : errorBody(400, 'Invalid Recipient(s)', 50033);
    }
    return errorBody(404, '404: Not Found');
  }

  function takeInjection(method: string, path: string): Injection | undefined {
    const index = rules.findIndex((rule) => matches(rule, method, path));
    if (index < 0) return undefined;
    const rule = rules[index]!;
    const injection = rule.responses.shift();
    if (rule.responses.length === 0) rules.splice(index, 1);
    return injection;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = url.pathname;
    let path = decodeURIComponent(rawPath);
    if (!path.startsWith(API_PREFIX)) {
      res.writeHead(404).end();
      return;
    }
    path = path.slice(API_PREFIX.length);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const injection = takeInjection(method, path);
    const result = injection ?? answer(method, path, body, req.headers);
    const recorded: RecordedRequest = {
      seq: (seq += 1),
      method,
      path,
      rawPath,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      at,
      status: result.status,
      injected: injection !== undefined,
    };
    requests.push(recorded);
    const headers: Record<string, string> = { ...(injection?.headers ?? {}) };
    if (result.body !== undefined && result.status !== 204) headers['content-type'] = 'application/json';
    res.writeHead(result.status, headers);
    res.end(result.body !== undefined && result.status !== 204 ? JSON.stringify(result.body) : undefined);
    events.emit('request', recorded);
  }

  return {
    handle,
    events,
    requests,
    messages,
    commands,
    inject(rule: InjectionRule) {
      rules.push({ ...rule, responses: [...rule.responses] });
    },
    clearInjections() {
      rules.length = 0;
    },
    expectInteraction(state: { id: string; token: string; channelId: string; componentMessageId?: string }) {
      interactions.set(state.token, { ...state, acknowledged: false, followUps: [] });
    },
    interaction(token: string) {
      const state = interactions.get(token);
      return state ? { ...state, followUps: [...state.followUps] } : undefined;
    },
    storeMessage: store,
  };
}

export type RestSide = ReturnType<typeof createRest>;
