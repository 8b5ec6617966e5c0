// Just enough of a WebSocket server (RFC 6455) for the Socket Mode stand-in: the upgrade
// handshake, text frames both ways, ping → pong, and close. No extensions, no fragmentation.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface WebSocketPeer {
  send(text: string): void;
  close(): void;
  readonly closed: Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else if (length >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Completes the upgrade on `socket` and calls `onText` for every text message from the client. */
export function acceptWebSocket(request: IncomingMessage, socket: Duplex, onText: (text: string, peer: WebSocketPeer) => void): WebSocketPeer | undefined {
  const key = request.headers['sec-websocket-key'];
  if (typeof key !== 'string') {
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    return undefined;
  }
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));

  let buffer = Buffer.alloc(0);
  let open = true;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const peer: WebSocketPeer = {
    send(text) {
      if (open) socket.write(frame(0x1, Buffer.from(text, 'utf8')));
    },
    close() {
      if (!open) return;
      open = false;
      socket.write(frame(0x8, Buffer.from([0x03, 0xe8])));
      socket.end();
    },
    closed,
  };
  socket.on('close', () => {
    open = false;
    markClosed();
  });
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (buffer.length < 2) return;
      const opcode = buffer[0]! & 0x0f;
      const masked = (buffer[1]! & 0x80) !== 0;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskAt = offset;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (masked) for (let index = 0; index < payload.length; index += 1) payload[index]! ^= buffer[maskAt + (index % 4)]!;
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x1) onText(payload.toString('utf8'), peer);
      else if (opcode === 0x9 && open) socket.write(frame(0xa, payload));
      else if (opcode === 0x8) {
        if (open) {
          open = false;
          socket.write(frame(0x8, payload.subarray(0, 2)));
        }
        socket.end();
      }
    }
  });
  return peer;
}
