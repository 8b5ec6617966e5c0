// Renders a neutral reply for a terminal: dates at their precision, source, title, excerpt with
// the highlights in bold (or *starred* when the output is not a terminal).
import type { Reply, ReplyItem } from '../core/types.ts';

export interface TerminalStyle {
  readonly color: boolean;
}

const BOLD = (text: string) => `\x1b[1m${text}\x1b[22m`;
const DIM = (text: string) => `\x1b[2m${text}\x1b[22m`;

function highlight(item: ReplyItem, style: TerminalStyle): string {
  let out = '';
  let at = 0;
  for (const [start, end] of item.highlights) {
    out += item.excerpt.slice(at, start);
    const word = item.excerpt.slice(start, end);
    out += style.color ? BOLD(word) : `*${word}*`;
    at = end;
  }
  return out + item.excerpt.slice(at);
}

function renderItem(item: ReplyItem, index: number, style: TerminalStyle): string {
  const header = [item.date, item.source ?? 'source not named', item.label].filter(Boolean).join(' · ');
  const lines = [
    `${String(index).padStart(2)}. ${style.color ? BOLD(header) : header}`,
    `    ${item.title}`,
    `    “${highlight(item, style)}”`,
  ];
  const meta = [item.eventDate ? `event: ${item.eventDate}` : '', item.link ?? item.origin].filter(Boolean).join(' · ');
  lines.push(`    ${style.color ? DIM(meta) : meta}`);
  return lines.join('\n');
}

export function renderForTerminal(reply: Reply, style: TerminalStyle): string {
  const parts: string[] = [style.color ? BOLD(reply.title) : reply.title];
  if (reply.text) parts.push(reply.text);
  if (reply.fields && reply.fields.length > 0) parts.push(reply.fields.map((field) => `  ${field.name}: ${field.value}`).join('\n'));
  const first = reply.page ? (reply.page.number - 1) * reply.page.size + 1 : 1;
  if (reply.items.length > 0) parts.push(reply.items.map((item, i) => renderItem(item, first + i, style)).join('\n\n'));
  const footer = [reply.footer, reply.next ? `more: add page:${reply.next.page}` : ''].filter(Boolean).join(' · ');
  if (footer) parts.push(style.color ? DIM(footer) : footer);
  return `${parts.join('\n\n')}\n`;
}
