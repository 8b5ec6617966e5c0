// Finds the source an article names in its dateline: "NEW YORK (VG) …", "OSLO (NTB): …",
// "KØBENHAVN /ritzau/ …". Only a dateline counts; a source quoted in the text does not.

export interface Dateline {
  readonly place: string;
  readonly source: string;
  /** Characters of the paragraph taken by the dateline, including the space after it. */
  readonly length: number;
}

const PARENTHESISED = /^(\p{Lu}[\p{Lu} .'’-]{1,40}?)\s*\(([\p{L}\p{N} .&-]{1,30})\)\s*[:–—-]?\s*/u;
const SLASHED = /^(\p{Lu}[\p{Lu} .'’-]{1,40}?)\s*\/\s*([\p{L}\p{N} .&-]{1,30}?)\s*\/\s*[:–—-]?\s*/u;

export function findDateline(paragraph: string): Dateline | undefined {
  const match = PARENTHESISED.exec(paragraph) ?? SLASHED.exec(paragraph);
  if (!match) return undefined;
  const place = match[1]!.trim();
  const source = match[2]!.trim();
  // A dateline's place is in capitals; "USA (…" at the start of a sentence is not one.
  if (place.replace(/[^\p{L}]/gu, '').length < 3) return undefined;
  return { place, source: source === source.toLowerCase() ? source.toUpperCase() : source, length: match[0].length };
}
