// A stand-in for Slack's side of the wire, on 127.0.0.1: the Web API methods almanak calls
// (auth.test, chat.postMessage, chat.update, conversations.open), response_url receivers, a
// record of every request, and failures injected per method and channel.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptWebSocket, type WebSocketPeer } from './websocket.ts';

export interface RecordedRequest {
  /** api: a Web API method; response_url: a post to a response_url. */
  readonly kind: 'api' | 'response_url';
  /** The Web API method ("chat.postMessage") or "response_url". */
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** Form or JSON body, with `blocks`/`attachments` parsed when they came as JSON strings. */
  readonly body: Record<string, unknown>;
  /** The raw body text as received. */
  readonly raw: string;
  readonly at: number;
  /** The HTTP status the stand-in answered. */
  readonly status: number;
  /** Whether the stand-in answered with success (2xx and, for the Web API, ok:true). */
  readonly ok: boolean;
  /** The body the stand-in answered with. */
  readonly reply: unknown;
}

export interface InjectedReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface Injection {
  /** A Web API method name, or "response_url". */
  readonly target: string;
  /** Only requests for this channel (body.channel). */
  readonly channel?: string;
  /** How many requests it applies to (default 1; Infinity for all). */
  readonly times?: number;
  readonly reply: InjectedReply;
}

/** Failures as Slack sends them. */
export const failures = {
  rateLimited: (retryAfterSeconds: number): InjectedReply => ({
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    body: { ok: false, error: 'ratelimited' },
  }),
  serverError: (status = 500): InjectedReply => ({ status, body: 'Internal Server Error' }),
  platform: (error: string): InjectedReply => ({ status: 200, body: { ok: false, error } }),
};

export interface SlackStandInOptions {
  readonly botToken?: string;
  readonly appToken?: string;
  readonly signingSecret?: string;
}

export interface SocketEnvelopeResult {
  readonly envelopeId: string;
  /** What the app sent back with its acknowledgement (the envelope id, maybe a payload). */
  readonly ack: Record<string, unknown>;
  readonly elapsedMs: number;
}

/** Slack's side of Socket Mode: apps.connections.open hands out a WebSocket URL on this server. */
export interface SocketModeSide {
  /** Resolves once an app has connected (and been sent `hello`). */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope and resolves with the app's acknowledgement. */
  send(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>, options?: { retryAttempt?: number; timeoutMs?: number }): Promise<SocketEnvelopeResult>;
}

export interface SlackStandIn {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** The Web API base to give almanak (SLACK_API_URL), ending in /api/. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly teamId: string;
  readonly botId: string;
  readonly botUserId: string;
  readonly requests: readonly RecordedRequest[];
  /** Users users.info reports as workspace admins (add to it freely). */
  readonly workspaceAdmins: Set<string>;
  readonly socketMode: SocketModeSide;
  /** A fresh response_url, as Slack puts in a slash command or button payload. */
  newResponseUrl(): string;
  inject(injection: Injection): void;
  clearInjections(): void;
  /** Requests to one method (or "response_url"), optionally only to one response_url. */
  calls(method: string, responseUrl?: string): RecordedRequest[];
  /** Resolves with the matching requests once `count` exist (default 1); rejects after timeoutMs. */
  waitFor(predicate: (request: RecordedRequest) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : { value };
  }
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments', 'metadata']) {
    if (typeof body[key] === 'string') {
      try {
        body[key] = JSON.parse(body[key] as string);
      } catch {
        // Left as sent: the test will see the string Slack would have rejected.
      }
    }
  }
  return body;
}

function send(response: ServerResponse, reply: InjectedReply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? { ok: true });
  response.writeHead(reply.status, {
    'Content-Type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...reply.headers,
  });
  response.end(text);
}

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const botToken = options.botToken ?? `xoxb-standin-${randomBytes(8).toString('hex')}`;
  const appToken = options.appToken ?? `xapp-1-standin-${randomBytes(8).toString('hex')}`;
  const signingSecret = options.signingSecret ?? randomBytes(16).toString('hex');
  const teamId = 'T0STANDIN';
  const botId = 'B0ALMANAK';
  const botUserId = 'U0ALMANAK';
  const requests: RecordedRequest[] = [];
  const workspaceAdmins = new Set<string>();
  let injections: { injection: Injection; left: number }[] = [];
  const waiters = new Set<() => void>();
  let messages = 0;
  const responseUrlUses = new Map<string, number>();
  let nextResponse = 0;
  let base = '';
  let socketPeer: WebSocketPeer | undefined;
  const socketWaiters = new Set<() => void>();
  const pendingAcks = new Map<string, (ack: Record<string, unknown>) => void>();
  let nextEnvelope = 0;

  function takeInjection(target: string, channel: unknown): InjectedReply | undefined {
    const found = injections.find(({ injection, left }) => left > 0 && injection.target === target && (injection.channel === undefined || injection.channel === channel));
    if (!found) return undefined;
    found.left -= 1;
    return found.injection.reply;
  }

  function record(entry: RecordedRequest): void {
    requests.push(entry);
    for (const wake of [...waiters]) wake();
  }

  function webApi(method: string, headers: IncomingHttpHeaders, body: Record<string, unknown>): InjectedReply {
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? (typeof body.token === 'string' ? body.token : undefined);
    const expected = method === 'apps.connections.open' ? appToken : botToken;
    if (bearer === undefined) return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (bearer !== expected) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    // Message timestamps as Slack writes them: seconds, a dot, six digits.
    const ts = () => {
      messages += 1;
      return `${1_700_000_000 + Math.floor(messages / 1_000_000)}.${String(messages % 1_000_000).padStart(6, '0')}`;
    };
    switch (method) {
      case 'auth.test':
        return { status: 200, body: { ok: true, url: 'https://standin.slack.invalid/', team: 'Stand-in', user: 'almanak', team_id: teamId, user_id: botUserId, bot_id: botId, is_enterprise_install: false } };
      case 'chat.postMessage': {
        if (typeof body.channel !== 'string' || body.channel === '') return { status: 200, body: { ok: false, error: 'channel_not_found' } };
        if (body.text === undefined && body.blocks === undefined) return { status: 200, body: { ok: false, error: 'no_text' } };
        const at = ts();
        return { status: 200, body: { ok: true, channel: body.channel, ts: at, message: { type: 'message', bot_id: botId, user: botUserId, text: body.text, blocks: body.blocks, ts: at } } };
      }
      case 'chat.update':
        if (typeof body.channel !== 'string' || typeof body.ts !== 'string') return { status: 200, body: { ok: false, error: 'message_not_found' } };
        return { status: 200, body: { ok: true, channel: body.channel, ts: body.ts, text: body.text } };
      case 'apps.connections.open':
        return { status: 200, body: { ok: true, url: `${base.replace(/^http/, 'ws')}/socket-mode?ticket=${randomBytes(6).toString('hex')}` } };
      case 'users.info': {
        const user = typeof body.user === 'string' ? body.user : '';
        if (!/^[UW][A-Z0-9]+$/.test(user)) return { status: 200, body: { ok: false, error: 'user_not_found' } };
        const admin = workspaceAdmins.has(user);
        return { status: 200, body: { ok: true, user: { id: user, team_id: teamId, name: user.toLowerCase(), deleted: false, is_bot: false, is_admin: admin, is_owner: false, is_primary_owner: false } } };
      }
      case 'conversations.open': {
        const users = typeof body.users === 'string' ? body.users : '';
        if (users === '') return { status: 200, body: { ok: false, error: 'users_list_not_supplied' } };
        return { status: 200, body: { ok: true, channel: { id: `D${users.split(',')[0]!.replace(/^U/, '')}` } } };
      }
      default:
        return { status: 200, body: { ok: false, error: 'unknown_method' } };
    }
  }

  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      let raw = '';
      try {
        raw = await readBody(request);
      } catch {
        send(response, { status: 413, body: 'too large' });
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = parseBody(raw, request.headers['content-type']);
      } catch {
        send(response, { status: 400, body: 'invalid_json' });
        return;
      }
      const api = /^\/api\/([\w.]+)$/.exec(path);
      const responseUrl = /^\/response\/[\w-]+$/.test(path);
      let reply: InjectedReply;
      let kind: RecordedRequest['kind'];
      let method: string;
      if (request.method === 'POST' && api) {
        kind = 'api';
        method = api[1]!;
        reply = takeInjection(method, body.channel) ?? webApi(method, request.headers, body);
      } else if (request.method === 'POST' && responseUrl) {
        kind = 'response_url';
        method = 'response_url';
        // Slack takes five posts to one response_url.
        const uses = (responseUrlUses.get(path) ?? 0) + 1;
        responseUrlUses.set(path, uses);
        reply = takeInjection('response_url', undefined) ?? (uses > 5 ? { status: 404, body: 'used_url' } : { status: 200, body: 'ok' });
      } else {
        send(response, { status: 404, body: 'not found' });
        return;
      }
      const ok = reply.status >= 200 && reply.status < 300 && !(typeof reply.body === 'object' && reply.body !== null && (reply.body as { ok?: unknown }).ok === false);
      record({ kind, method, path, headers: request.headers, body, raw, at: Date.now(), status: reply.status, ok, reply: reply.body });
      send(response, reply);
    })();
  });
  server.on('upgrade', (request, socket) => {
    if (!new URL(request.url ?? '/', 'http://127.0.0.1').pathname.startsWith('/socket-mode')) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const peer = acceptWebSocket(request, socket, (text) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return;
      }
      const envelopeId = typeof message.envelope_id === 'string' ? message.envelope_id : undefined;
      if (envelopeId) pendingAcks.get(envelopeId)?.(message);
    });
    if (!peer) return;
    socketPeer = peer;
    peer.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'standin', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0ALMANAK' } }));
    for (const wake of [...socketWaiters]) wake();
    void peer.closed.then(() => {
      if (socketPeer === peer) socketPeer = undefined;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiUrl: `${base}/api/`,
    botToken,
    appToken,
    signingSecret,
    teamId,
    botId,
    botUserId,
    requests,
    workspaceAdmins,
    socketMode: {
      connected(timeoutMs = 5000) {
        return new Promise((resolve, reject) => {
          const check = () => {
            if (!socketPeer) return;
            clearTimeout(timer);
            socketWaiters.delete(check);
            resolve();
          };
          const timer = setTimeout(() => {
            socketWaiters.delete(check);
            reject(new Error(`stand-in: no Socket Mode connection within ${timeoutMs} ms`));
          }, timeoutMs);
          socketWaiters.add(check);
          check();
        });
      },
      send(type, payload, { retryAttempt = 0, timeoutMs = 5000 } = {}) {
        const peer = socketPeer;
        if (!peer) return Promise.reject(new Error('stand-in: no Socket Mode connection'));
        nextEnvelope += 1;
        const envelopeId = `env-${nextEnvelope}-${randomBytes(4).toString('hex')}`;
        const started = performance.now();
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            pendingAcks.delete(envelopeId);
            reject(new Error(`stand-in: envelope ${envelopeId} not acknowledged within ${timeoutMs} ms`));
          }, timeoutMs);
          pendingAcks.set(envelopeId, (ack) => {
            clearTimeout(timer);
            pendingAcks.delete(envelopeId);
            resolve({ envelopeId, ack, elapsedMs: performance.now() - started });
          });
          peer.send(
            JSON.stringify({
              envelope_id: envelopeId,
              payload,
              type,
              accepts_response_payload: type !== 'events_api',
              ...(type === 'events_api' ? { retry_attempt: retryAttempt, retry_reason: retryAttempt > 0 ? 'timeout' : '' } : {}),
            }),
          );
        });
      },
    },
    newResponseUrl() {
      nextResponse += 1;
      return `${base}/response/${nextResponse}-${randomBytes(4).toString('hex')}`;
    },
    inject(injection) {
      injections.push({ injection, left: injection.times ?? 1 });
    },
    clearInjections() {
      injections = [];
    },
    calls(method, responseUrl) {
      const path = responseUrl ? new URL(responseUrl).pathname : undefined;
      return requests.filter((request) => request.method === method && (path === undefined || request.path === path));
    },
    waitFor(predicate, { count = 1, timeoutMs = 5000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.filter(predicate);
          if (found.length < count) return;
          finish();
          resolve(found);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`stand-in: waited ${timeoutMs} ms for ${count} matching request(s); saw ${requests.filter(predicate).length} (of ${requests.length} in all)`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      for (const wake of [...waiters]) waiters.delete(wake);
      socketPeer?.close();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
