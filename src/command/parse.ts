// Reads a typed command line ("/search putin trump from:2018 lang:da") into a command name and
// raw option values, using the command's own option list: only its option names are options,
// everything else is free text for its `rest` option.
import { normalizeText } from '../analysis/normalize.ts';
import type { AnyCommand } from './definition.ts';

export interface CommandLine {
  readonly name: string;
  readonly args: string;
  /** Was it written as a slash command? */
  readonly slashed: boolean;
}

/** Options every paged command understands. */
export const RESERVED_OPTIONS = ['page'] as const;

export function splitCommandLine(line: string): CommandLine | undefined {
  const text = normalizeText(line).replace(/\s+/g, ' ').trim();
  const match = /^(\/?)([\p{L}\p{N}_-]+)(?:\s+(.*))?$/u.exec(text);
  if (!match) return undefined;
  return { name: match[2]!.toLowerCase(), args: match[3] ?? '', slashed: match[1] === '/' };
}

/** Words, keeping "quoted phrases" (straight or curly quotes) together. */
function words(args: string): string[] {
  const found: string[] = [];
  for (const match of args.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)) found.push(match[1] ?? match[2] ?? match[3]!);
  return found;
}

export function bindOptions(command: AnyCommand, args: string): Record<string, string> {
  const options: Record<string, string> = {};
  let tokens = words(args);
  let specs = command.options;
  if (command.subcommands) {
    const first = tokens[0]?.toLowerCase();
    const subcommand = command.subcommands.find((candidate) => candidate.name === first);
    if (first !== undefined) options.subcommand = first;
    if (subcommand) {
      specs = subcommand.options;
      tokens = tokens.slice(1);
    } else {
      return options;
    }
  }
  const named = new Set([...specs.filter((option) => !option.rest).map((option) => option.name), ...RESERVED_OPTIONS]);
  const rest = specs.find((option) => option.rest);
  const free: string[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const option = /^([a-z]+)[:=](.*)$/i.exec(token);
    if (option && named.has(option[1]!.toLowerCase())) {
      let value = option[2]!;
      // "from: 2018" — the value was typed after a space.
      if (value === '' && index + 1 < tokens.length) value = tokens[(index += 1)]!;
      options[option[1]!.toLowerCase()] = value;
    } else {
      free.push(token);
    }
  }
  if (rest && free.length > 0) options[rest.name] = free.join(' ');
  else if (free.length > 0) options['_extra'] = free.join(' ');
  return options;
}
