// Slack sends message and command text in its own markup: & < > as entities, links and
// mentions in angle brackets. This turns it back into what the person typed.

/** Plain text from Slack's wire format; a leading mention of the bot itself is dropped. */
export function incomingText(text: string, botUserId?: string): string {
  let plain = text;
  if (botUserId) plain = plain.replace(new RegExp(`^\\s*<@${botUserId}(?:\\|[^>]*)?>[:,]?\\s*`), '');
  plain = plain
    // <https://x|label> → label; <https://x> → https://x; <@U1|name> → @name; <#C1|name> → #name
    .replace(/<([^<>|]*)\|([^<>]*)>/g, (_m, target: string, label: string) => (target.startsWith('@') ? `@${label}` : target.startsWith('#') ? `#${label}` : label))
    .replace(/<([^<>]*)>/g, (_m, target: string) => target)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return plain.trim();
}
