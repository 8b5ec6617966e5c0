// Application command JSON for Discord's bulk overwrite, generated from the same definitions the
// handlers run with: option types, required, autocomplete and choices come from OptionSpec, and
// every command (or subcommand) gets a `public` switch for answers everyone in the channel sees.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AnyCommand, OptionSpec } from '../../command/definition.ts';
import type { Registry } from '../../command/dispatch.ts';
import { cut, LIMITS } from './limits.ts';

export const PUBLIC_OPTION = 'public';

const TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

/** Lower case, only the characters Discord allows in names, 1–32 long. */
export function commandName(name: string): string {
  const clean = name
    .toLowerCase()
    .replace(/[^-_\p{L}\p{N}]/gu, '')
    .slice(0, LIMITS.commandName);
  return clean || 'command';
}

export function commandDescription(description: string, fallback: string): string {
  return cut(description.trim() || fallback, LIMITS.commandDescription);
}

/** Does the adapter add its own `public` option next to these (not when a command defines one)? */
export function addsPublicOption(specs: readonly OptionSpec[]): boolean {
  return !specs.some((spec) => spec.name === PUBLIC_OPTION);
}

function basicOption(spec: OptionSpec): APIApplicationCommandBasicOption {
  const base = {
    name: commandName(spec.name),
    description: commandDescription(spec.description, spec.name),
    required: spec.required === true,
  };
  const choices = spec.choices?.slice(0, LIMITS.choicesPerOption);
  switch (spec.type) {
    case 'boolean':
      return { ...base, type: TYPES.boolean };
    case 'integer':
      return choices
        ? { ...base, type: TYPES.integer, choices: choices.map((choice) => ({ name: cut(choice, LIMITS.choiceName), value: Number(choice) })) }
        : { ...base, type: TYPES.integer, ...(spec.autocomplete ? { autocomplete: true } : {}) };
    case 'string':
      // Discord forbids choices and autocomplete together; fixed choices win.
      return choices
        ? { ...base, type: TYPES.string, choices: choices.map((choice) => ({ name: cut(choice, LIMITS.choiceName), value: cut(choice, LIMITS.choiceValue) })) }
        : { ...base, type: TYPES.string, ...(spec.autocomplete ? { autocomplete: true } : {}) };
  }
}

const publicOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: PUBLIC_OPTION,
  description: 'true: everyone in the channel sees the answer; false: only you do',
  required: false,
};

/** Discord wants required options first; the order among each group is kept. */
function basicOptions(specs: readonly OptionSpec[]): APIApplicationCommandBasicOption[] {
  const options = [...specs.filter((spec) => spec.required), ...specs.filter((spec) => !spec.required)].map(basicOption);
  if (addsPublicOption(specs)) options.push(publicOption);
  return options.slice(0, LIMITS.optionsPerCommand);
}

export function commandPayload(command: AnyCommand): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options: APIApplicationCommandOption[] = command.subcommands
    ? command.subcommands.slice(0, LIMITS.optionsPerCommand).map((subcommand) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: commandName(subcommand.name),
        description: commandDescription(subcommand.description, subcommand.name),
        options: basicOptions(subcommand.options),
      }))
    : basicOptions(command.options);
  return {
    type: ApplicationCommandType.ChatInput,
    name: commandName(command.name),
    description: commandDescription(command.description, command.name),
    options,
    // Usable in servers and in a DM with the bot; installed to servers.
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

export function commandPayloads(registry: Registry): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return registry.commands.map(commandPayload);
}
