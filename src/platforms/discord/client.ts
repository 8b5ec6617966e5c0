// The discord.js client almanak runs: slash commands, buttons and DMs only. Guilds (for
// interactions in servers) and DirectMessages intents, with Partials.Channel because a DM channel
// is not cached before its first message; no privileged intent: DM text to the bot arrives
// without MessageContent.
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { DiscordCredentials } from '../credentials.ts';
import { DEFAULT_REST_TUNING, restOptions, type RestTuning } from './rest-options.ts';

export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages] as const;

export function createDiscordClient(credentials: DiscordCredentials, tuning: RestTuning = DEFAULT_REST_TUNING): Client {
  return new Client({
    intents: [...INTENTS],
    partials: [Partials.Channel],
    // Nothing almanak sends may ping anyone; set here and again on every message.
    allowedMentions: { parse: [] },
    rest: restOptions(credentials.apiUrl, tuning),
  });
}
