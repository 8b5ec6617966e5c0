// Text and token normalisation shared by indexing and querying, so both sides agree on spelling.

/** Control characters other than tab/newline are never meaningful in articles or queries. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g;

/** NFC, no control characters, no zero-width marks. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(CONTROL, '');
}

/**
 * Lowercase plus Scandinavian normalisation: German/Swedish ä and ö are written æ and ø in
 * Danish and Norwegian, and "aa" is the old spelling of å (Aabenraa → åbenrå), so a query in
 * either spelling finds the other.
 */
export function foldToken(token: string): string {
  const folded = token.toLowerCase();
  // Most words need no folding: test with indexOf (cheap) before any regex replace.
  if (folded.indexOf('ä') < 0 && folded.indexOf('ö') < 0 && folded.indexOf('aa') < 0) return folded;
  return folded.replace(/ä/g, 'æ').replace(/ö/g, 'ø').replace(/aa/g, 'å');
}

/** The first letter is uppercase (a candidate proper noun). */
export function isCapitalized(token: string): boolean {
  const first = token.charAt(0);
  return first !== first.toLowerCase();
}

/** Two or more letters, all uppercase: an acronym such as USA or NATO (digits allowed: G20). */
export function isAcronym(token: string): boolean {
  // Fast path: a word whose first two characters are not both uppercase letters is no acronym.
  const first = token.charAt(0);
  const second = token.charAt(1);
  if (first === first.toLowerCase() || second === '' || (second === second.toLowerCase() && !/\d/.test(second))) return false;
  const letters = token.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}
