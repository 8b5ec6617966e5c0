// The stand-in's gateway: HELLO, heartbeat ACKs, READY and GUILD_CREATE after IDENTIFY, an
// invalid session for RESUME (discord.js then identifies afresh), and dispatch of events to
// every identified connection. Plain JSON text frames (discord.js without zlib-sync).
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreatePayload, readyPayload, type World } from './world.ts';

export interface Identify {
  readonly token: string;
  readonly intents: number;
  readonly shard?: readonly [number, number];
}

interface Session {
  readonly socket: WebSocket;
  sequence: number;
  identified: boolean;
}

export function createGateway(world: World, options: { heartbeatIntervalMs: number; url: () => string }) {
  const server = new WebSocketServer({ noServer: true });
  const events = new EventEmitter();
  const sessions = new Set<Session>();
  const identifies: Identify[] = [];
  const heartbeats: number[] = [];

  const send = (session: Session, payload: unknown) => {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(payload));
  };
  const dispatchTo = (session: Session, t: string, d: unknown) => {
    session.sequence += 1;
    send(session, { op: 0, t, s: session.sequence, d });
  };

  server.on('connection', (socket) => {
    const session: Session = { socket, sequence: 0, identified: false };
    sessions.add(session);
    socket.on('close', () => {
      sessions.delete(session);
      events.emit('closed');
    });
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(4002, 'Decode error');
      let payload: { op?: number; d?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
      try {
        payload = JSON.parse(data.toString());
      } catch {
        return socket.close(4002, 'Decode error');
      }
      switch (payload.op) {
        case 1:
          heartbeats.push(Date.now());
          send(session, { op: 11 });
          break;
        case 2: {
          const d = payload.d ?? {};
          if (d.token !== world.token) return socket.close(4004, 'Authentication failed.');
          if (session.identified) return socket.close(4005, 'Already authenticated.');
          identifies.push({ token: d.token, intents: d.intents, shard: d.shard });
          session.identified = true;
          dispatchTo(session, 'READY', readyPayload(world, options.url()));
          // Without GUILD_CREATE for each unavailable guild, discord.js waits waitGuildTimeout.
          dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(world));
          events.emit('identified');
          break;
        }
        case 6:
          // No resumable sessions here: not resumable, so the client identifies again.
          send(session, { op: 9, d: false });
          break;
        default:
          break; // Presence updates, member requests, voice: not served.
      }
    });
    send(session, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs } });
  });

  return {
    events,
    identifies,
    heartbeats,
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req));
    },
    /** Sends a dispatch event to every identified connection; returns how many got it. */
    dispatch(t: string, d: unknown): number {
      let count = 0;
      for (const session of sessions) {
        if (!session.identified) continue;
        dispatchTo(session, t, d);
        count += 1;
      }
      return count;
    },
    get connections() {
      return [...sessions].filter((session) => session.identified).length;
    },
    async close() {
      for (const session of sessions) session.socket.terminate();
      sessions.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
