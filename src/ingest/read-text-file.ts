// Reads an article file as text, refusing what is not one: too large, binary, unreadable.
// Bytes that are not UTF-8 are read as windows-1252, the usual legacy encoding of Danish and
// Norwegian pages, with a warning.
import { readFileSync, statSync } from 'node:fs';
import iconv from 'iconv-lite';

export class UnreadableFile extends Error {
  readonly code = 'unreadable';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readTextFile(path: string, maxBytes: number): { text: string; warning?: string } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new UnreadableFile((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message);
  }
  if (size > maxBytes) throw new UnreadableFile(`file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UnreadableFile((error as Error).message);
  }
  if (bytes.includes(0)) throw new UnreadableFile('binary file (contains NUL bytes), not article text');
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { text: iconv.decode(bytes, 'windows-1252'), warning: 'not valid UTF-8; read as windows-1252' };
  }
}
