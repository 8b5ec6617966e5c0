// Shows what the bot sent as plain text, for a person watching the stand-in.
import type { RecordedRequest } from './rest.ts';

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}
interface Body {
  content?: string;
  embeds?: Embed[];
  components?: { components?: { label?: string; custom_id?: string }[] }[];
  flags?: number;
}

/** Discord's escapes and zero-width spaces removed, as a person would see the message. */
const shown = (text: string) => text.replace(/\\([\\*_~`|[\]>#+.-])/g, '$1').replace(/\u200b/g, '');

export function describeMessage(body: Body): string {
  const lines: string[] = [];
  if (body.content) lines.push(shown(body.content));
  for (const embed of body.embeds ?? []) {
    if (embed.title) lines.push(`# ${shown(embed.title)}`);
    if (embed.description) lines.push(shown(embed.description));
    for (const field of embed.fields ?? []) lines.push(`  ${shown(field.name)}`, ...shown(field.value).split('\n').map((line) => `     ${line}`));
    if (embed.footer) lines.push(`  — ${embed.footer.text.replace(/\u200b/g, '')}`);
  }
  const buttons = (body.components ?? []).flatMap((row) => row.components ?? []);
  if (buttons.length > 0) lines.push(`  [${buttons.map((button) => button.label).join('] [')}]  (type "more" to click)`);
  return lines.join('\n');
}

/** One line or block for a request the bot made, or undefined for the ones not worth showing. */
export function describeRequest(request: RecordedRequest): string | undefined {
  const failed = request.status >= 400 ? ` → ${request.status}${request.injected ? ' (injected)' : ''}` : '';
  if (request.path.endsWith('/callback')) {
    const type = request.body?.type;
    const ephemeral = ((request.body?.data?.flags ?? 0) & 64) === 64 ? ' (only you)' : '';
    if (type === 5) return `· deferred${ephemeral}${failed}`;
    if (type === 6) return `· deferred update${failed}`;
    if (type === 8) return `· choices: ${(request.body.data.choices as { value: string }[]).map((c) => c.value).join(', ') || '(none)'}${failed}`;
    if (type === 4 || type === 7) return `${describeMessage(request.body.data)}${ephemeral}${failed}`;
    return `· callback type ${type}${failed}`;
  }
  if (request.method === 'PATCH' || (request.method === 'POST' && /^\/(webhooks|channels)\//.test(request.path))) {
    const ephemeral = ((request.body?.flags ?? 0) & 64) === 64 ? '\n  (only you)' : '';
    return `${describeMessage(request.body ?? {})}${ephemeral}${failed}`;
  }
  if (request.method === 'DELETE') return `· deleted ${request.path.split('/').at(-1)}${failed}`;
  if (request.method === 'PUT' && request.path.endsWith('/commands')) return `· ${(request.body as unknown[]).length} commands registered`;
  return undefined;
}
