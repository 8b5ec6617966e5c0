// Turns a feed's raw bytes into a string, choosing the charset the way a careful feed reader
// does: Danish and Norwegian sites still serve ISO-8859-1 and windows-1252 feeds, so æ ø å
// only survive when we decode by the declared charset before the XML parser sees the text.
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'declaration' | 'default' | 'fallback';

export interface DecodedFeed {
  readonly text: string;
  /** The iconv-lite name actually used ("utf8", "windows-1252", …). */
  readonly charset: string;
  /** Where the charset came from; 'fallback' = the declared UTF-8 was not valid UTF-8. */
  readonly source: CharsetSource;
}

const UTF8 = 'utf8';
const WINDOWS_1252 = 'windows-1252';

/**
 * Decodes feed bytes. Order: a byte-order mark, then the charset in the HTTP Content-Type,
 * then the XML declaration, else UTF-8. The BOM goes first (as in the XML spec and WHATWG):
 * nothing may precede `<?xml`, so a BOM can only mean what it says, while headers and
 * declarations are often left stale. Unknown charset names fall back to UTF-8; never throws.
 */
export function decodeFeed(bytes: Uint8Array, contentType?: string): DecodedFeed {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = sniffBom(buffer);
  if (bom) return { text: decodeWith(buffer.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };

  const declared = charsetFromXmlDeclaration(buffer);
  const fromHeader = normalizeCharset(charsetFromContentType(contentType));
  const fromDeclaration = normalizeCharset(declared);
  const chosen: { charset: string; source: CharsetSource } = fromHeader
    ? { charset: fromHeader, source: 'header' }
    : fromDeclaration
      ? { charset: fromDeclaration, source: 'declaration' }
      : { charset: UTF8, source: 'default' };

  // A server that says "charset=utf-8" (often a web-server default) over a latin-1 file would
  // turn every ø into U+FFFD. Invalid UTF-8 is unmistakable, so then trust the document's own
  // declaration, or windows-1252 (a superset of latin-1 for printable text) when it has none.
  if (chosen.charset === UTF8 && !isValidUtf8(buffer)) {
    const charset = fromDeclaration && fromDeclaration !== UTF8 ? fromDeclaration : WINDOWS_1252;
    return { text: stripBom(decodeWith(buffer, charset)), charset, source: 'fallback' };
  }
  return { text: stripBom(decodeWith(buffer, chosen.charset)), charset: chosen.charset, source: chosen.source };
}

/** The `charset` parameter of a Content-Type header, quotes removed; undefined when absent. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(contentType);
  const name = match?.[1] ?? match?.[2];
  return name?.trim() || undefined;
}

/** The `encoding` of an `<?xml …?>` declaration at the very start of the bytes. */
export function charsetFromXmlDeclaration(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every charset we read, so a latin-1 view of the head is enough.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1');
  const match = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1];
}

/**
 * A label iconv-lite knows, in its canonical spelling, or undefined. ISO-8859-1 and ASCII are
 * read as windows-1252, as browsers do: real "latin-1" feeds carry cp1252 curly quotes and
 * dashes in 0x80–0x9F, where true latin-1 has only invisible control codes.
 */
export function normalizeCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label.trim().toLowerCase();
  if (/^(?:utf-?8|unicode-1-1-utf-8)$/.test(name)) return UTF8;
  if (/^(?:iso[-_ ]?8859-1|iso8859-1|iso_8859-1(?::1987)?|latin-?1|l1|cp819|ibm819|us-ascii|ascii|windows-1252|cp1252|x-cp1252)$/.test(name)) {
    return WINDOWS_1252;
  }
  return iconv.encodingExists(name) ? name : undefined;
}

function sniffBom(buffer: Buffer): { charset: string; length: number } | undefined {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { charset: UTF8, length: 3 };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

function decodeWith(buffer: Buffer, charset: string): string {
  return iconv.decode(buffer, charset, { stripBOM: true });
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(buffer: Buffer): boolean {
  try {
    strictUtf8.decode(buffer);
    return true;
  } catch {
    return false;
  }
}
