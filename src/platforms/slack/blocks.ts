// Block Kit pieces for one neutral reply: header, text, fields, one section + context per item,
// footer and the "More" button, each already within Slack's per-block limits.
import type { types } from '@slack/bolt';
import type { Continuation, Reply, ReplyItem } from '../../core/types.ts';
import { codeSpan, cutToFit, escapeMrkdwn, linkTarget, mrkdwnLink } from './escape.ts';

export type SlackBlock = types.KnownBlock;

/** Slack's documented limits (docs.slack.dev, Block Kit reference). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
} as const;

/** Lengths we keep shorter than Slack allows, so one item never crowds out the rest. */
const TITLE_MAX = 300;
const LABEL_MAX = 150;
const ORIGIN_MAX = 300;
const CONTEXT_TEXT_MAX = 2000;

export const MORE_ACTION_ID = 'almanak_more';

/** mrkdwn text object; verbatim stops Slack from auto-linking names, channels and @mentions. */
export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** plain_text is not parsed for formatting, but entities and @here are defused all the same. */
export function plainText(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: cutToFit(text, max, escapePlain), emoji: false };
}

function escapePlain(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(?:here|channel|everyone)(?![\p{L}\p{N}]))/giu, '@\u2060');
}

export function headerBlock(title: string): SlackBlock {
  return { type: 'header', text: plainText(title.trim() === '' ? 'almanak' : title, SLACK_LIMITS.headerText) };
}

/** Text longer than one section goes into several, split at word boundaries. */
export function textBlocks(text: string): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const piece = splitPrefix(rest, SLACK_LIMITS.sectionText);
    blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(piece)) });
    rest = rest.slice(piece.length).trimStart();
  }
  return blocks;
}

/** The longest prefix (at a blank when one is near) whose escaped form fits in `max`. */
function splitPrefix(text: string, max: number): string {
  if (escapeMrkdwn(text).length <= max) return text;
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (escapeMrkdwn(text.slice(0, middle)).length <= max) low = middle;
    else high = middle - 1;
  }
  let end = low;
  if (end > 1 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
  const blank = text.lastIndexOf(' ', end);
  return text.slice(0, blank > end * 0.8 ? blank : end);
}

/** Label/value pairs (stats, help) as section fields: name in bold, value below. */
export function fieldBlocks(fields: Reply['fields']): SlackBlock[] {
  if (!fields || fields.length === 0) return [];
  const rendered = fields.map((field) => {
    const name = `*${cutToFit(field.name, 200)}*\n`;
    return mrkdwn(name + cutToFit(field.value, SLACK_LIMITS.fieldText - name.length));
  });
  const blocks: SlackBlock[] = [];
  for (let at = 0; at < rendered.length; at += SLACK_LIMITS.fieldsPerSection) {
    blocks.push({ type: 'section', fields: rendered.slice(at, at + SLACK_LIMITS.fieldsPerSection) });
  }
  return blocks;
}

/** Highlights that can be drawn: in range, in order, not overlapping, trimmed of blanks. */
function usableHighlights(item: ReplyItem): [number, number][] {
  const spans: [number, number][] = [];
  let last = 0;
  for (const [rawStart, rawEnd] of [...item.highlights].sort((a, b) => a[0] - b[0])) {
    let start = Math.max(rawStart, last);
    let end = Math.min(rawEnd, item.excerpt.length);
    while (start < end && /\s/.test(item.excerpt[start]!)) start += 1;
    while (end > start && /\s/.test(item.excerpt[end - 1]!)) end -= 1;
    if (start >= end) continue;
    spans.push([start, end]);
    last = end;
  }
  return spans;
}

/** The excerpt (or its first `length` characters) with highlighted spans in bold. */
function excerptMarkup(excerpt: string, spans: readonly [number, number][], length: number): string {
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start >= length) break;
    out += escapeMrkdwn(excerpt.slice(at, start));
    out += `*${escapeMrkdwn(excerpt.slice(start, Math.min(end, length)))}*`;
    at = Math.min(end, length);
  }
  return out + escapeMrkdwn(excerpt.slice(at, length));
}

/** "*2018-12* · VG · label", the title, then the quoted excerpt, cut to fit one section. */
export function itemSectionText(item: ReplyItem): string {
  const heading = [`*${cutToFit(item.date, 40)}*`, item.source ? cutToFit(item.source, LABEL_MAX) : '', item.label ? cutToFit(item.label, LABEL_MAX) : '']
    .filter(Boolean)
    .join(' · ');
  const title = item.title.trim() === '' ? '' : `${cutToFit(item.title, TITLE_MAX)}\n`;
  const before = `${heading}\n${title}“`;
  const budget = SLACK_LIMITS.sectionText - before.length - '”'.length;
  const spans = usableHighlights(item);
  const whole = excerptMarkup(item.excerpt, spans, item.excerpt.length);
  if (whole.length <= budget) return `${before}${whole}”`;
  // Too long: the longest prefix of the excerpt that fits with its highlights and an ellipsis.
  let low = 0;
  let high = item.excerpt.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (excerptMarkup(item.excerpt, spans, middle).length + 1 <= budget) low = middle;
    else high = middle - 1;
  }
  let end = low;
  if (end > 0 && /[\uD800-\uDBFF]/.test(item.excerpt[end - 1]!)) end -= 1;
  return `${before}${excerptMarkup(item.excerpt, spans, end)}…”`;
}

export function itemBlocks(item: ReplyItem): SlackBlock[] {
  const context: types.MrkdwnElement[] = [];
  if (item.eventDate) context.push(mrkdwn(`event: ${escapeMrkdwn(item.eventDate)}`));
  const origin = item.origin.length > ORIGIN_MAX ? `${item.origin.slice(0, ORIGIN_MAX)}…` : item.origin;
  // A usable link is shown as a link named by its origin; a file name as code.
  const where = item.link && linkTarget(item.link) ? mrkdwnLink(item.link, origin || item.link) : codeSpan(origin || 'source not named');
  context.push(mrkdwn(where.length > CONTEXT_TEXT_MAX ? codeSpan(origin.slice(0, ORIGIN_MAX)) : where));
  return [
    { type: 'section', text: mrkdwn(itemSectionText(item)) },
    { type: 'context', elements: context },
  ];
}

export function groupBlock(group: string): SlackBlock {
  return { type: 'section', text: mrkdwn(`*${cutToFit(group, 200)}*`) };
}

export function footerBlock(footer: string): SlackBlock {
  return { type: 'context', elements: [mrkdwn(cutToFit(footer, CONTEXT_TEXT_MAX))] };
}

/** The "More" button; its value is the id of the saved continuation, never the query itself. */
export function moreBlock(continuationId: string, next: Continuation, pageCount: number | undefined): SlackBlock {
  const label = pageCount ? `More (page ${next.page} of ${pageCount})` : 'More';
  return {
    type: 'actions',
    block_id: 'almanak_paging',
    elements: [
      {
        type: 'button',
        action_id: MORE_ACTION_ID,
        text: { type: 'plain_text', text: label.slice(0, SLACK_LIMITS.buttonText) },
        value: continuationId,
      },
    ],
  };
}
