import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanTitle, decodeEntities, htmlToText } from '../../src/ingest/feeds/html-to-text.ts';

describe('htmlToText', () => {
  it('turns block elements into paragraph breaks and collapses whitespace inside paragraphs', () => {
    const html = '<h1>Topmøde</h1>\n<p>Første   linje\n   fortsætter.</p><div>Boks</div><ul><li>Et</li><li>To</li></ul><blockquote>Citat</blockquote>';
    expect(htmlToText(html)).toBe('Topmøde\n\nFørste linje fortsætter.\n\nBoks\n\nEt\n\nTo\n\nCitat');
  });

  it('treats <br> (any spelling) as a paragraph break', () => {
    expect(htmlToText('a<br>b<BR/>c<br />d')).toBe('a\n\nb\n\nc\n\nd');
  });

  it('drops scripts, styles and comments entirely, content included', () => {
    const html = '<p>Før</p><script type="text/javascript">var x = "<p>nej</p>";</script><style>p{color:red}</style><!-- <p>skjult</p> --><p>Efter</p>';
    expect(htmlToText(html)).toBe('Før\n\nEfter');
  });

  it('drops an unclosed script to the end', () => {
    expect(htmlToText('<p>Tekst</p><script>tracker()')).toBe('Tekst');
  });

  it('removes inline tags without adding spaces, but keeps table cells apart', () => {
    expect(htmlToText('<p>K<b>ø</b>benhavn <a href="/x" title="a > b">link</a></p>')).toBe('København link');
    expect(htmlToText('<table><tr><td>Oslo</td><td>Bergen</td></tr></table>')).toBe('Oslo Bergen');
  });

  it('decodes entities after stripping, so escaped markup stays visible text', () => {
    expect(htmlToText('<p>&lt;b&gt; er et tag &amp; &quot;ø&quot;</p>')).toBe('<b> er et tag & "ø"');
  });

  it('decodes Danish named and numeric entities', () => {
    expect(htmlToText('<p>&aelig;&oslash;&aring; &AElig;&Oslash;&Aring; &#248;&#xE6;&#xe5;&#229;</p>')).toBe('æøå ÆØÅ øæåå');
  });

  it('turns &nbsp; into an ordinary space when collapsing', () => {
    expect(htmlToText('12&nbsp;000&nbsp;&nbsp;kroner')).toBe('12 000 kroner');
  });

  it('keeps plain text with blank lines as paragraphs, and a lone "<" as text', () => {
    expect(htmlToText('Første afsnit.\n\nAndet afsnit, 3 < 5.')).toBe('Første afsnit.\n\nAndet afsnit, 3 < 5.');
  });

  it('returns "" for markup without text', () => {
    expect(htmlToText('<p> </p><div><br/></div>')).toBe('');
  });

  it('never leaves tags, blank paragraphs or untrimmed paragraphs behind', () => {
    const piece = fc.oneof(
      fc.constantFrom('<p>', '</p>', '<br/>', '<div class="x">', '</div>', '<b>', '</b>', '<li>', '&amp;', '&oslash;', '&#230;', '\n', '  ', '\n\n'),
      fc.string({ unit: fc.constantFrom('a', 'æ', 'ø', 'å', ' ', '.', 'Z') }),
    );
    fc.assert(
      fc.property(fc.array(piece).map((ps) => ps.join('')), (html) => {
        const text = htmlToText(html);
        expect(text).not.toMatch(/<\/?[a-z]/i);
        for (const paragraph of text === '' ? [] : text.split('\n\n')) {
          expect(paragraph).not.toBe('');
          expect(paragraph).toBe(paragraph.trim());
          expect(paragraph).not.toMatch(/\s{2,}|\n/);
        }
      }),
    );
  });

  it('finishes quickly on pathological input', () => {
    const start = Date.now();
    htmlToText('<a title="'.repeat(2000) + 'x'.repeat(10_000));
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('decodeEntities', () => {
  it('leaves unknown names and bare ampersands alone', () => {
    expect(decodeEntities('AT&T &nosuch; R&D')).toBe('AT&T &nosuch; R&D');
  });

  it('maps numeric references in 0x80–0x9F to windows-1252 and invalid ones to U+FFFD', () => {
    expect(decodeEntities('&#150; &#147;x&#148; &#0; &#xD800;')).toBe('– “x” \ufffd \ufffd');
  });

  it('decodes once only (no double decoding)', () => {
    expect(decodeEntities('&amp;oslash;')).toBe('&oslash;');
  });
});

describe('cleanTitle', () => {
  it('strips tags, decodes entities and puts everything on one line', () => {
    expect(cleanTitle('  <em>Topm&oslash;de</em>\n i  Bruxelles ')).toBe('Topmøde i Bruxelles');
    expect(cleanTitle('<p>To</p><p>afsnit</p>')).toBe('To afsnit');
  });

  it('is undefined for nothing', () => {
    expect(cleanTitle('   ')).toBeUndefined();
    expect(cleanTitle(undefined)).toBeUndefined();
    expect(cleanTitle({ $: { type: 'html' } })).toBeUndefined();
  });
});
