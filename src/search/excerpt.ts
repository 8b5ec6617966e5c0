// Builds the excerpt shown for a passage: at most 300 characters, cut at word boundaries with
// "…", with the words that match the query marked as highlight ranges.
import { tokenize } from '../analysis/tokenize.ts';
import type { Highlight } from '../core/types.ts';

export const MAX_EXCERPT = 300;
const ELLIPSIS = '…';
const LEAD_IN = 60;

export interface Excerpt {
  readonly excerpt: string;
  readonly highlights: readonly Highlight[];
}

/** `isMatch` decides which words light up (the analyser's notion of "same word"). */
export function buildExcerpt(passage: string, isMatch: (word: string) => boolean, max = MAX_EXCERPT): Excerpt {
  const text = passage.replace(/\s+/g, ' ').trim();
  const marks: Highlight[] = tokenize(text)
    .filter((token) => isMatch(token.text))
    .map((token) => [token.start, token.end] as const);
  if (text.length <= max) return { excerpt: text, highlights: marks };

  // Try a window before each highlight and keep the one that shows the most of them.
  const starts = marks.length > 0 ? marks.map(([start]) => Math.max(0, start - LEAD_IN)) : [0];
  let best = { from: 0, to: 0, shown: -1 };
  for (const candidate of starts) {
    const from = wordStartAtOrBefore(text, candidate);
    const room = max - (from > 0 ? 1 : 0) - 1;
    const to = wordEndAtOrBefore(text, from + room, from);
    const shown = marks.filter(([s, e]) => s >= from && e <= to).length;
    if (shown > best.shown) best = { from, to, shown };
  }
  const prefix = best.from > 0 ? ELLIPSIS : '';
  const suffix = best.to < text.length ? ELLIPSIS : '';
  // `from` is a word start and `to` a word end, so the slice needs no trimming.
  const body = text.slice(best.from, best.to);
  const shift = prefix.length - best.from;
  const highlights = marks
    .filter(([s, e]) => s >= best.from && e <= best.to)
    .map(([s, e]) => [s + shift, e + shift] as const);
  return { excerpt: `${prefix}${body}${suffix}`, highlights };
}

function wordStartAtOrBefore(text: string, at: number): number {
  if (at <= 0) return 0;
  const space = text.lastIndexOf(' ', at);
  return space < 0 ? 0 : space + 1;
}

function wordEndAtOrBefore(text: string, at: number, floor: number): number {
  if (at >= text.length) return text.length;
  const space = text.lastIndexOf(' ', at);
  // One unbroken "word" longer than the excerpt: cut it hard rather than show nothing.
  return space <= floor ? at : space;
}
