// Renders a neutral reply as Discord embeds: a head embed (title, text), one field per label/value
// pair and per item, a footer; packed into as many messages as Discord's limits require.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Reply, ReplyItem } from '../../core/types.ts';
import { escapeMarkdown, plainText, safeUrl } from './escape.ts';
import { renderExcerpt } from './excerpt.ts';
import { cut, embedCharacters, LIMITS } from './limits.ts';

const COLOURS: Record<Reply['kind'], number> = { results: 0x2f6fdf, info: 0x6b7280, error: 0xd14343 };

/** One message's worth of embeds; the caller adds components and flags. */
export interface RenderedMessage {
  readonly embeds: APIEmbed[];
}

function field(name: string, value: string): APIEmbedField {
  // Discord rejects empty field names and values.
  return { name: cut(name, LIMITS.fieldName) || '\u200b', value: cut(value, LIMITS.fieldValue) || '\u200b' };
}

/** Longer links are left out: a field value holds 1,024 characters in all. */
const MAX_LINK = 300;

export function itemField(item: ReplyItem, number: number): APIEmbedField {
  const name = `${number}\\. ${escapeMarkdown([item.date, item.source ?? 'source not named', item.label].filter(Boolean).join(' · '))}`;
  const link = safeUrl(item.link);
  const url = link && link.length <= MAX_LINK ? link : undefined;
  const title = escapeMarkdown(cut(item.title, 200));
  const heading = url ? `**[${title}](${url})**` : `**${title}**`;
  const meta = escapeMarkdown(cut([item.eventDate ? `event: ${item.eventDate}` : '', url ? '' : item.origin].filter(Boolean).join(' · '), 200));
  const frame = `${heading}\n“”${meta ? `\n${meta}` : ''}`;
  const excerpt = renderExcerpt(item.excerpt, item.highlights, LIMITS.fieldValue - frame.length);
  return field(name, `${heading}\n“${excerpt}”${meta ? `\n${meta}` : ''}`);
}

function fieldLength(entry: APIEmbedField): number {
  return entry.name.length + entry.value.length;
}

/**
 * The reply as one or more messages. Everything is kept: what does not fit one embed goes to the
 * next (25 fields each), what does not fit one message (10 embeds, 6,000 characters) to the next.
 */
export function renderReply(reply: Reply): RenderedMessage[] {
  const colour = COLOURS[reply.kind];
  const footerText = cut(plainText(reply.footer ?? ''), LIMITS.footer);
  const title = cut(escapeMarkdown(reply.title), LIMITS.title);
  // The footer goes on the last embed; every message keeps room for it, as the last is not known yet.
  const budget = LIMITS.embedCharactersPerMessage - footerText.length;
  const description = reply.text ? cut(escapeMarkdown(reply.text), Math.min(LIMITS.description, budget - title.length)) : undefined;

  const first = reply.page ? (reply.page.number - 1) * reply.page.size + 1 : 1;
  const fields = [
    ...(reply.fields ?? []).map((entry) => field(escapeMarkdown(entry.name), escapeMarkdown(entry.value))),
    ...reply.items.map((item, index) => itemField(item, first + index)),
  ];

  const messages: APIEmbed[][] = [];
  let embeds: APIEmbed[] = [{ color: colour, ...(title ? { title } : {}), ...(description ? { description } : {}) }];
  let current = embeds[0]!;
  let used = embedCharacters(current);
  const newMessage = () => {
    messages.push(embeds);
    current = { color: colour };
    embeds = [current];
    used = 0;
  };
  for (const entry of fields) {
    const size = fieldLength(entry);
    if (used + size > budget) newMessage();
    else if ((current.fields?.length ?? 0) >= LIMITS.fieldsPerEmbed) {
      if (embeds.length >= LIMITS.embedsPerMessage) newMessage();
      else {
        current = { color: colour };
        embeds.push(current);
      }
    }
    current.fields = [...(current.fields ?? []), entry];
    used += size;
  }
  if (footerText) current.footer = { text: footerText };
  messages.push(embeds);
  return messages.map((list) => ({ embeds: list }));
}
