// Makes text from articles and from users safe to show in Discord: markdown characters are
// escaped so they show literally, and mention syntax (@everyone, <@id>, <#id>, …) is broken with a
// zero-width space, so nothing can ping anyone even where allowed_mentions would not apply.

const ZWSP = '\u200b';

/** @everyone, @here and the <@id> <@!id> <@&id> <#id> </cmd:id> <t:…> <:emoji:id> forms. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`).replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWSP}`);
}

/**
 * For markdown-rendered places (embed titles, descriptions, field names and values): every
 * inline markdown character is backslash-escaped, line-start markers (headings, quotes, lists,
 * subtext) too, and mentions are neutralised.
 */
export function escapeMarkdown(text: string): string {
  return neutraliseMentions(text)
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)([>#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** For places Discord shows as plain text (footers, author names): no markdown to escape. */
export function plainText(text: string): string {
  return neutraliseMentions(text);
}

/** A link target safe inside markdown `[text](url)`: http(s) only, without characters that end it. */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  } catch {
    return undefined;
  }
}
