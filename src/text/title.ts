// Derives an article's title from its first paragraph: the headline when there is one, else
// the lede's first sentence, cut at a word boundary.
import { splitSentences } from '../analysis/sentences.ts';

const MAX_TITLE = 150;

export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? room.slice(0, lastSpace) : room).replace(/[\s,;:–-]+$/, '')}…`;
}

export function deriveTitle(firstParagraph: string): string {
  const text = firstParagraph.trim();
  const first = splitSentences(text)[0];
  const candidate = text.length <= MAX_TITLE || !first ? text : text.slice(first.start, first.end);
  const sentences = splitSentences(candidate);
  // A lede of several sentences: its first sentence is the title.
  const chosen = sentences.length > 1 && sentences[0] ? candidate.slice(sentences[0].start, sentences[0].end) : candidate;
  return cutAtWord(chosen.replace(/\.$/, ''), MAX_TITLE);
}
