// What a command is: a name, options described once (for chat platforms' registration and for
// the text parser), a zod schema that validates them, and a platform-blind handler.
import type { z } from 'zod';
import type { Archive } from '../archive.ts';
import type { Reply } from '../core/types.ts';

export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'integer' | 'boolean';
  readonly required?: boolean;
  /** Takes the free text of a command line (`/search putin trump` → query = "putin trump"). */
  readonly rest?: boolean;
  /** Offer completions (Discord autocomplete). */
  readonly autocomplete?: boolean;
  readonly choices?: readonly string[];
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Who is asking and where; platform adapters fill it in, the console leaves it local. */
export interface Caller {
  readonly platform: 'console' | 'slack' | 'discord' | 'cli';
  readonly userId?: string;
  readonly channelId?: string;
  readonly isDirectMessage?: boolean;
  /** The platform says this caller may manage the channel (Discord Manage Channels, Slack admin). */
  readonly canManageChannel?: boolean;
}

export interface CommandContext {
  readonly archive: Archive;
  readonly clock: Clock;
  readonly timeZone: string;
  readonly logger: Logger;
  readonly caller: Caller;
  /** 1-based page of a paged reply. */
  readonly page: number;
  readonly pageSize: number;
}

/** A verb under a command (/digest subscribe …); its name arrives as the `subcommand` option. */
export interface SubcommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
}

export interface CommandDefinition<Options = Record<string, unknown>> {
  readonly name: string;
  readonly description: string;
  readonly usage: string;
  readonly examples: readonly string[];
  /** Options of a command without subcommands. */
  readonly options: readonly OptionSpec[];
  /** When present, the first word after the command picks one, and `options` is unused. */
  readonly subcommands?: readonly SubcommandSpec[];
  readonly schema: z.ZodType<Options>;
  run(options: Options, context: CommandContext): Reply | Promise<Reply>;
  /** Completions for an option being typed (at most 25). */
  complete?(option: string, partial: string, context: Pick<CommandContext, 'archive'>): readonly string[];
}

/** Erases the options type so commands of different shapes fit one registry. */
export type AnyCommand = CommandDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function defineCommand<Options>(definition: CommandDefinition<Options>): CommandDefinition<Options> {
  return definition;
}
