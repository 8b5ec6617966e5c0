// Discord's published size limits for messages, embeds, commands and autocomplete, in one place
// so the renderer, the command payloads and the tests agree on them.

export const LIMITS = {
  embedsPerMessage: 10,
  /** Title, description, field names and values, footer text and author name of all embeds together. */
  embedCharactersPerMessage: 6000,
  title: 256,
  description: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  customId: 100,
  commandName: 32,
  commandDescription: 100,
  optionsPerCommand: 25,
  choicesPerOption: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** The parts of an embed Discord counts towards the 6,000-character limit. */
export interface CountedEmbed {
  readonly title?: string;
  readonly description?: string;
  readonly fields?: readonly { readonly name: string; readonly value: string }[];
  readonly footer?: { readonly text: string };
  readonly author?: { readonly name: string };
}

export function embedCharacters(embed: CountedEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** Cuts text to at most `max` UTF-16 units, ending in an ellipsis, never splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
