// Sentence boundaries in news text, as offsets, so excerpts can quote the original characters.
// Abbreviations (St. Petersburg, bl.a.), initials (J. Smith) and ordinals (17. maj) do not end
// a sentence.

export interface Span {
  readonly start: number;
  readonly end: number;
}

const ABBREVIATIONS = new Set(
  `st dr mr mrs ms nr no bl.a f.eks fx ca kl jf mv osv dvs evt inkl ekskl prof gen sen rep u.s jr sr vs etc e.g i.e
  pr ang vedr hr fr mill mia mrd kr tlf mio pga iflg jan feb mar apr jun jul aug sep sept okt oct nov dec des ph.d
  lt col capt sgt gov pres`
    .split(/\s+/)
    .filter(Boolean),
);

// End punctuation, then closing quotes or brackets, then whitespace.
const BOUNDARY = /[.!?…]+['"’”»)\]]*\s+/g;
// What may start a new sentence: an uppercase letter, a digit, an opening quote or a dash.
const SENTENCE_START = /^['"‘“«(\[]?[\p{Lu}\p{N}–—-]/u;

function endsWithAbbreviation(text: string, dotIndex: number): boolean {
  const before = text.slice(Math.max(0, dotIndex - 12), dotIndex);
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
  if (word.length === 0) return false;
  // A single capital letter is an initial (Vladimir V. Putin).
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Sentence spans within `text` (trimmed of surrounding whitespace), in order. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const punctuationAt = match.index;
    const next = match.index + match[0].length;
    if (next >= text.length) break;
    if (!SENTENCE_START.test(text.slice(next, next + 2))) continue;
    if (text[punctuationAt] === '.' && endsWithAbbreviation(text, punctuationAt)) continue;
    const end = match.index + match[0].trimEnd().length;
    pushTrimmed(text, start, end, spans);
    start = next;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  if (end > start) spans.push({ start, end });
}
