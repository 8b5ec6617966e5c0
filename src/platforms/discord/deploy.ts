// Registers the slash commands with Discord by bulk overwrite: globally, or in one server
// (a guild's commands update at once, handy while developing).
import { REST, Routes } from 'discord.js';
import type { Registry } from '../../command/dispatch.ts';
import { CredentialError, type Credentials } from '../credentials.ts';
import { commandPayloads } from './command-payloads.ts';
import { restOptions } from './rest-options.ts';

export interface DeployOptions {
  readonly credentials: Credentials;
  readonly registry: Registry;
  /** Register in this server only; global when left out. */
  readonly guildId?: string;
}

export interface DeployResult {
  readonly scope: 'global' | 'guild';
  readonly guildId?: string;
  /** The names Discord now has, as it answered. */
  readonly commands: readonly string[];
}

export async function deployCommands({ credentials, registry, guildId }: DeployOptions): Promise<DeployResult> {
  const discord = credentials.discord;
  if (!discord) throw new CredentialError('DISCORD_TOKEN and DISCORD_APPLICATION_ID are needed to deploy commands');
  if (guildId !== undefined && !/^\d{15,22}$/.test(guildId)) throw new CredentialError('the guild id is malformed: expected a numeric snowflake id');
  const rest = new REST(restOptions(discord.apiUrl)).setToken(discord.token);
  try {
    const route = guildId ? Routes.applicationGuildCommands(discord.applicationId, guildId) : Routes.applicationCommands(discord.applicationId);
    const answer = (await rest.put(route, { body: commandPayloads(registry) })) as readonly { name: string }[];
    return { scope: guildId ? 'guild' : 'global', ...(guildId ? { guildId } : {}), commands: answer.map((command) => command.name) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
