// Splits text into word tokens with their offsets. Hyphenated compounds stay one token here
// (the analyser indexes their parts and the whole); a genitive "'s" is dropped (USA's → USA).

export interface RawToken {
  /** The token as written, without a genitive apostrophe-s. */
  readonly text: string;
  /** Offsets in the source string, UTF-16 code units, end exclusive. */
  readonly start: number;
  readonly end: number;
}

// Letters, marks and digits, joined by single hyphens or apostrophes inside a word.
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-‐‑'’][\p{L}\p{M}\p{N}]+)*/gu;
const GENITIVE_APOSTROPHE = /['’]s$/i;

export function tokenize(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const match of text.matchAll(WORD)) {
    let word = match[0];
    const start = match.index;
    if (word.includes("'") || word.includes('’')) {
      if (GENITIVE_APOSTROPHE.test(word)) word = word.slice(0, -2);
      // Other apostrophes (O'Brien) join the word; hyphens stay for the analyser to split.
      word = word.replace(/['’]/g, '');
    }
    if (word.length > 0) tokens.push({ text: word, start, end: match.index + match[0].length });
  }
  return tokens;
}

/** The parts of a hyphenated compound ("G20-topmødet" → ["G20", "topmødet"]). */
export function compoundParts(token: string): string[] {
  if (token.indexOf('-') < 0 && token.indexOf('‐') < 0 && token.indexOf('‑') < 0) return [token];
  return token.split(/[-‐‑]/).filter((part) => part.length > 0);
}
