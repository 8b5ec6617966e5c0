import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeFeed, normalizeCharset } from '../../src/ingest/feeds/decode.ts';

const DANISH = 'æ ø å Æ Ø Å';
const xml = (encoding: string | undefined, body: string) =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss version="2.0"><channel><title>${body}</title></channel></rss>`;

describe('decodeFeed', () => {
  it('reads UTF-8 without a declaration or BOM', () => {
    const decoded = decodeFeed(Buffer.from(xml(undefined, DANISH), 'utf8'));
    expect(decoded.text).toContain(DANISH);
    expect(decoded.source).toBe('default');
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('UTF-8', DANISH), 'utf8')]);
    const decoded = decodeFeed(bytes);
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain(DANISH);
    expect(decoded.source).toBe('bom');
  });

  it('reads UTF-16 with a BOM', () => {
    const bytes = iconv.encode(xml('UTF-16', DANISH), 'utf-16le', { addBOM: true });
    const decoded = decodeFeed(bytes);
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain(DANISH);
  });

  it('uses the XML declaration: ISO-8859-1', () => {
    const bytes = iconv.encode(xml('ISO-8859-1', DANISH), 'latin1');
    expect(bytes.includes(0xf8)).toBe(true); // ø is one byte: really latin-1 on the wire
    const decoded = decodeFeed(bytes);
    expect(decoded.text).toContain(DANISH);
    expect(decoded.source).toBe('declaration');
  });

  it('uses the XML declaration with single quotes', () => {
    const bytes = iconv.encode(`<?xml version='1.0' encoding='iso-8859-1'?><a>${DANISH}</a>`, 'latin1');
    expect(decodeFeed(bytes).text).toContain(DANISH);
  });

  it('uses the Content-Type charset when the declaration has none', () => {
    const bytes = iconv.encode(xml(undefined, DANISH), 'latin1');
    const decoded = decodeFeed(bytes, 'application/rss+xml; charset=ISO-8859-1');
    expect(decoded.text).toContain(DANISH);
    expect(decoded.source).toBe('header');
  });

  it('honours a header charset that no fallback would guess (ISO-8859-15: 0xA4 is €)', () => {
    const bytes = iconv.encode(xml(undefined, 'Pris: 5 €'), 'iso-8859-15');
    expect(decodeFeed(bytes, 'text/xml; charset=ISO-8859-15').text).toContain('Pris: 5 €');
  });

  it('prefers the Content-Type charset over the declaration', () => {
    // Declared UTF-8 in the document, served (correctly) as latin-1 by the server.
    const bytes = iconv.encode(xml('UTF-8', DANISH), 'latin1');
    const decoded = decodeFeed(bytes, 'text/xml; charset="iso-8859-1"');
    expect(decoded.text).toContain(DANISH);
    expect(decoded.source).toBe('header');
  });

  it('reads windows-1252 curly quotes, dashes and the euro sign', () => {
    const text = '“Det går godt” – ‘sagde’ hun… 5 €';
    const decoded = decodeFeed(iconv.encode(xml('windows-1252', text), 'windows-1252'));
    expect(decoded.text).toContain(text);
  });

  it('reads "ISO-8859-1" as windows-1252, as browsers do (curly quotes in 0x80–0x9F)', () => {
    const decoded = decodeFeed(iconv.encode(xml('ISO-8859-1', '“Køge”'), 'windows-1252'));
    expect(decoded.text).toContain('“Køge”');
  });

  it('falls back to UTF-8 for an unknown charset name, without throwing', () => {
    const bytes = Buffer.from(xml('x-no-such-charset', DANISH), 'utf8');
    const decoded = decodeFeed(bytes, 'text/xml; charset=klingon');
    expect(decoded.text).toContain(DANISH);
    expect(decoded.charset).toBe('utf8');
  });

  it('rescues latin-1 bytes a server mislabels as UTF-8', () => {
    const bytes = iconv.encode(xml('ISO-8859-1', DANISH), 'latin1');
    const decoded = decodeFeed(bytes, 'text/xml; charset=utf-8');
    expect(decoded.text).toContain(DANISH);
    expect(decoded.source).toBe('fallback');
  });

  it('reads undeclared, unlabelled latin-1 as windows-1252 rather than producing U+FFFD', () => {
    const decoded = decodeFeed(iconv.encode(xml(undefined, DANISH), 'latin1'));
    expect(decoded.text).toContain(DANISH);
    expect(decoded.text).not.toContain('\ufffd');
  });

  it('round-trips any string as UTF-8, with or without BOM', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.boolean(), (body, bom) => {
        const doc = `<?xml version="1.0" encoding="utf-8"?><a>${body}</a>`;
        const bytes = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(doc, 'utf8')]);
        expect(decodeFeed(bytes).text).toBe(doc);
      }),
    );
  });

  it('round-trips any latin-1 printable string declared as ISO-8859-1', () => {
    const latin1Char = fc.integer({ min: 0x20, max: 0xff }).filter((c) => c < 0x7f || c >= 0xa0).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.array(latin1Char).map((cs) => cs.join('')), (body) => {
        const doc = `<?xml version="1.0" encoding="ISO-8859-1"?><a>${body}</a>`;
        expect(decodeFeed(iconv.encode(doc, 'latin1')).text).toBe(doc);
      }),
    );
  });
});

describe('charset labels', () => {
  it('reads charset parameters', () => {
    expect(charsetFromContentType('application/rss+xml; charset=ISO-8859-1')).toBe('ISO-8859-1');
    expect(charsetFromContentType('text/xml;charset="utf-8"')).toBe('utf-8');
    expect(charsetFromContentType('text/xml')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });

  it('normalizes known names and refuses unknown ones', () => {
    expect(normalizeCharset('UTF-8')).toBe('utf8');
    expect(normalizeCharset('latin1')).toBe('windows-1252');
    expect(normalizeCharset('Windows-1252')).toBe('windows-1252');
    expect(normalizeCharset('ISO-8859-15')).toBe('iso-8859-15');
    expect(normalizeCharset('bogus')).toBeUndefined();
  });
});
