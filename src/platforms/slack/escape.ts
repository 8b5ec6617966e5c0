// Turns untrusted text (article excerpts, echoed queries) into Slack mrkdwn that shows as typed:
// no formatting, no links and, above all, no @channel/@here/@everyone or user mentions.

const ZERO_WIDTH_SPACE = '\u200B';
const WORD_JOINER = '\u2060';

/**
 * Escapes text for a mrkdwn (or plain_text) field. &, <, > become entities, which also defuses
 * `<!channel>`, `<@U123>` and `<url|label>`. Formatting characters get a zero-width space on
 * each side: whether Slack takes that space as a word character or as a blank, the marker then
 * can neither open nor close bold, italic, strike or code.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (marker) => `${ZERO_WIDTH_SPACE}${marker}${ZERO_WIDTH_SPACE}`)
    .replace(/@(?=(?:here|channel|everyone)(?![\p{L}\p{N}]))/giu, `@${WORD_JOINER}`);
}

/** A URL safe to put inside `<url|label>`, or undefined when it is not http(s). */
export function linkTarget(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/** `<url|label>` when the URL is usable, otherwise the escaped label alone. */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  const target = url ? linkTarget(url) : undefined;
  const text = escapeMrkdwn(label).replace(/\|/g, '¦');
  return target ? `<${target}|${text}>` : text;
}

/**
 * The longest prefix of `text` whose escaped form, plus `suffix`, fits in `max` characters, cut
 * at a word boundary when one is near. Escaping is per character, so cutting the raw text never
 * splits an entity or a neutralised marker.
 */
export function cutToFit(text: string, max: number, render: (raw: string) => string = escapeMrkdwn, suffix = '…'): string {
  if (render(text).length <= max) return render(text);
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (render(text.slice(0, middle)).length + suffix.length <= max) low = middle;
    else high = middle - 1;
  }
  let end = low;
  // Never leave half of a surrogate pair.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
  const space = text.lastIndexOf(' ', end);
  if (space > end * 0.8) end = space;
  return `${render(text.slice(0, end).trimEnd())}${suffix}`;
}

/**
 * Inline code: Slack applies no formatting inside, so names like 002_e209.txt stay copyable.
 * A backtick would end the span and is swapped for a look-alike; entities are still needed.
 */
export function codeSpan(text: string): string {
  const inner = text
    .replace(/`/g, 'ˋ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(?:here|channel|everyone)(?![\p{L}\p{N}]))/giu, `@${WORD_JOINER}`);
  return `\`${inner}\``;
}
