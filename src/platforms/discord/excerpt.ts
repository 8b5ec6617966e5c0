// Renders an excerpt with its highlighted words in bold, escaped for Discord markdown, cut to
// fit a character budget without breaking a highlight's markers.
import type { Highlight } from '../../core/types.ts';
import { escapeMarkdown } from './escape.ts';
import { isHighSurrogate } from './limits.ts';

/** Sorted, clipped to the text, overlapping or touching spans merged. */
function normalise(highlights: readonly Highlight[], length: number): [number, number][] {
  const spans = highlights
    .map(([start, end]): [number, number] => [Math.max(0, start), Math.min(length, end)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

function bold(segment: string): string {
  // Markdown bold does not open or close next to a space: keep the spaces outside the markers.
  const match = /^(\s*)(.*?)(\s*)$/s.exec(segment)!;
  return match[2] ? `${match[1]}**${escapeMarkdown(match[2])}**${match[3]}` : segment;
}

function render(excerpt: string, spans: readonly [number, number][], upTo: number): string {
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start >= upTo) break;
    out += escapeMarkdown(excerpt.slice(at, start));
    out += bold(excerpt.slice(start, Math.min(end, upTo)));
    at = Math.min(end, upTo);
  }
  out += escapeMarkdown(excerpt.slice(at, upTo));
  return upTo < excerpt.length ? `${out.trimEnd()}…` : out;
}

/** The excerpt as Discord markdown, at most `max` characters long. */
export function renderExcerpt(excerpt: string, highlights: readonly Highlight[], max: number): string {
  const spans = normalise(highlights, excerpt.length);
  const full = render(excerpt, spans, excerpt.length);
  if (full.length <= max) return full;
  // Escaping makes the output longer than the input by an amount that depends on where the cut
  // falls, so search for the longest prefix whose rendering fits.
  let low = 0;
  let high = excerpt.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(excerpt, spans, mid).length <= max) low = mid;
    else high = mid - 1;
  }
  if (low > 0 && isHighSurrogate(excerpt.charCodeAt(low - 1))) low -= 1;
  const fitted = render(excerpt, spans, low);
  return fitted.length <= max ? fitted : '…';
}
