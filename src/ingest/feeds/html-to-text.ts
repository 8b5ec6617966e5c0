// HTML fragments from feed items → plain paragraphs, and the small readers for rss-parser's
// loosely typed output (xml2js hands back strings or `{ _: text, $: attrs }`). Pure.

const DROPPED_ELEMENTS = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const COMMENTS = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
// Attribute values may hold ">" inside quotes; the alternatives never overlap, so no backtracking blow-up.
const TAG_REST = String.raw`\b(?:[^>"']|"[^"]*"|'[^']*')*>`;
const BLOCK_TAGS = new RegExp(
  String.raw`<\/?(?:p|br|div|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|hr|table|tr|section|article|header|footer|aside|figure|figcaption|main|nav)` +
    TAG_REST,
  'gi',
);
const CELL_TAGS = new RegExp(String.raw`<\/?(?:td|th)` + TAG_REST, 'gi');
const OTHER_TAGS = new RegExp(String.raw`<\/?[a-z][\w:-]*` + TAG_REST + String.raw`|<![^>]*>|<\?[^>]*>`, 'gi');

/**
 * Plain text from an HTML fragment: paragraphs (block elements, <br>, blank lines) separated by
 * "\n\n", whitespace collapsed inside each, scripts and styles dropped, entities decoded last so
 * an escaped "&lt;b&gt;" stays visible text instead of becoming a tag.
 */
export function htmlToText(html: string): string {
  const marked = html
    .replace(CDATA, '$1')
    .replace(COMMENTS, ' ')
    .replace(DROPPED_ELEMENTS, ' ')
    .replace(BLOCK_TAGS, '\n\n')
    .replace(CELL_TAGS, ' ')
    .replace(OTHER_TAGS, '');
  return marked
    .split(/\n\s*\n/)
    .map((paragraph) => decodeEntities(paragraph).replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** A one-line title: tags stripped, entities decoded, whitespace collapsed; undefined if empty. */
export function cleanTitle(raw: unknown): string | undefined {
  const text = textOf(raw);
  if (text === undefined) return undefined;
  return htmlToText(text).replace(/\s+/g, ' ') || undefined;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø', aring: 'å', Aring: 'Å',
  auml: 'ä', Auml: 'Ä', ouml: 'ö', Ouml: 'Ö', uuml: 'ü', Uuml: 'Ü', szlig: 'ß',
  aacute: 'á', Aacute: 'Á', agrave: 'à', Agrave: 'À', acirc: 'â', atilde: 'ã',
  eacute: 'é', Eacute: 'É', egrave: 'è', Egrave: 'È', ecirc: 'ê', euml: 'ë',
  iacute: 'í', igrave: 'ì', icirc: 'î', iuml: 'ï', oacute: 'ó', Oacute: 'Ó', ograve: 'ò', ocirc: 'ô', otilde: 'õ',
  uacute: 'ú', ugrave: 'ù', ucirc: 'û', ccedil: 'ç', Ccedil: 'Ç', ntilde: 'ñ', Ntilde: 'Ñ', yacute: 'ý',
  eth: 'ð', ETH: 'Ð', thorn: 'þ', THORN: 'Þ',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', hellip: '…', bull: '•', middot: '·', prime: '′',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', minus: '−',
  euro: '€', pound: '£', cent: '¢', yen: '¥', sect: '§', para: '¶', frac12: '½', frac14: '¼', frac34: '¾',
  sup2: '²', sup3: '³', iexcl: '¡', iquest: '¿', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f',
};

// HTML maps numeric references in 0x80–0x9F to windows-1252 ("&#150;" is an en dash), because
// that is what the pages that wrote them meant.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes named (&oslash;) and numeric (&#248; &#xE6;) character references; unknown names stay. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7});?|#[xX]([0-9a-fA-F]{1,6});?|([A-Za-z][A-Za-z0-9]{1,31});)/g, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED_ENTITIES[name as string] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec as string, 10) : Number.parseInt(hex as string, 16);
    if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1[code - 0x80]!;
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  });
}

/** A trimmed non-empty string; xml2js gives `{ _: text, $: attrs }` when an element has attributes. */
export function textOf(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { _?: unknown })._ : undefined;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The first value that still has text once its HTML is stripped ("<p></p>" does not count). */
export function firstPlainText(...values: unknown[]): string {
  for (const value of values) {
    const html = textOf(value);
    const text = html === undefined ? '' : htmlToText(html);
    if (text !== '') return text;
  }
  return '';
}
