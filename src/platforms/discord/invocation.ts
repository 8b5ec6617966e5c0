// Turns the options of a chat input interaction into the raw options `dispatch` validates, named
// as in the command's definition (a `rest` option arrives as a plain string option under its own
// name), plus the caller's `public` choice, which belongs to the adapter and not to the command.
import { ApplicationCommandOptionType } from 'discord.js';
import type { AnyCommand, OptionSpec } from '../../command/definition.ts';
import type { Invocation } from '../../command/dispatch.ts';
import { addsPublicOption, PUBLIC_OPTION } from './command-payloads.ts';

/** The shape discord.js gives interaction options (CommandInteractionOption, API option data). */
export interface OptionData {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly options?: readonly OptionData[];
  readonly focused?: boolean;
}

export interface DiscordInvocation extends Invocation {
  /** The caller's `public` option, when given. */
  readonly visibility?: 'public' | 'ephemeral';
}

function specsFor(command: AnyCommand | undefined, subcommand: string | undefined): readonly OptionSpec[] {
  if (!command) return [];
  if (!command.subcommands) return command.options;
  return command.subcommands.find((candidate) => candidate.name === subcommand)?.options ?? [];
}

export function invocationFromOptions(commandName: string, command: AnyCommand | undefined, data: readonly OptionData[]): DiscordInvocation {
  const options: Record<string, unknown> = {};
  let list = data;
  const sub = data.find((option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup);
  if (sub) {
    options.subcommand = sub.name;
    list = sub.options ?? [];
    const inner = list.find((option) => option.type === ApplicationCommandOptionType.Subcommand);
    // A subcommand group: our definitions have none, so the inner name is passed on as a word.
    if (inner) {
      options.subcommand = `${sub.name} ${inner.name}`;
      list = inner.options ?? [];
    }
  }
  const adapterPublic = addsPublicOption(specsFor(command, sub?.name));
  let visibility: DiscordInvocation['visibility'];
  for (const option of list) {
    if (option.value === undefined) continue;
    if (adapterPublic && option.name === PUBLIC_OPTION && typeof option.value === 'boolean') {
      visibility = option.value ? 'public' : 'ephemeral';
      continue;
    }
    // Text typed at a console arrives as strings; Discord's numbers and booleans are given to the
    // same schemas, so they are passed the same way.
    options[option.name] = String(option.value);
  }
  return { command: commandName, options, ...(visibility ? { visibility } : {}) };
}

/** The option being typed in an autocomplete interaction. */
export function focusedOption(data: readonly OptionData[]): OptionData | undefined {
  for (const option of data) {
    if (option.focused) return option;
    const inner = option.options ? focusedOption(option.options) : undefined;
    if (inner) return inner;
  }
  return undefined;
}
