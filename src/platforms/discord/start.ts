// Starts almanak on Discord: logs in over the gateway, routes interactions and DMs to the
// handlers, and offers a channel poster and a graceful stop.
import { Events, RESTEvents, type Client } from 'discord.js';
import { CredentialError } from '../credentials.ts';
import type { PlatformDeps, PlatformRuntime } from '../types.ts';
import { createAdapter } from './adapter.ts';
import { createDiscordClient } from './client.ts';
import { handleDirectMessage, isDirectMessageForUs } from './direct-messages.ts';
import { errorFields } from './errors.ts';
import { createInFlight } from './in-flight.ts';
import { handleInteraction } from './interactions.ts';
import { createChannelPoster } from './poster.ts';
import { DEFAULT_REST_TUNING, type RestTuning } from './rest-options.ts';

export interface DiscordStartOptions {
  readonly rest?: Partial<RestTuning>;
  /** How long stop() waits for handlers in flight before disconnecting anyway. */
  readonly stopTimeoutMs?: number;
  /** How long start waits for the gateway to be ready. */
  readonly readyTimeoutMs?: number;
}

export interface DiscordRuntime extends PlatformRuntime {
  readonly name: 'discord';
  readonly client: Client<true>;
  /** Resolves when no handler is running (tests; a stop() without disconnecting). */
  idle(timeoutMs?: number): Promise<boolean>;
}

export class DiscordStartError extends Error {
  readonly code = 'discord-start';
}

export async function startDiscord(deps: PlatformDeps, options: DiscordStartOptions = {}): Promise<DiscordRuntime> {
  const credentials = deps.credentials.discord;
  if (!credentials) throw new CredentialError('DISCORD_TOKEN and DISCORD_APPLICATION_ID are needed to start on Discord');
  const { logger } = deps;
  const client = createDiscordClient(credentials, { ...DEFAULT_REST_TUNING, ...options.rest });
  let stopping: Promise<void> | undefined;
  const adapter = createAdapter(deps, () => stopping === undefined);
  // The handlers catch their own failures; this is the net under them, so nothing is unhandled.
  const inFlight = createInFlight((error) => adapter.fail('discord handler failed', error));
  const secrets = [credentials.token];

  client.on(Events.InteractionCreate, (interaction) => inFlight.run(() => handleInteraction(interaction, adapter)));
  client.on(Events.MessageCreate, (message) =>
    inFlight.run(async () => {
      if (stopping || !isDirectMessageForUs(message, client.user?.id)) return;
      await handleDirectMessage(message, adapter);
    }),
  );
  client.on(Events.Error, (error) => logger.error('discord client error', { platform: 'discord', ...errorFields(error, secrets) }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { platform: 'discord', detail: message }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('discord gateway disconnected', { platform: 'discord', shardId, closeCode: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => logger.info('discord gateway reconnecting', { platform: 'discord', shardId }));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn('discord rate limited', { platform: 'discord', route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope }),
  );

  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = new Promise<void>((resolve, reject) => {
      client.once(Events.ClientReady, () => resolve());
      timer = setTimeout(() => reject(new DiscordStartError(`the Discord gateway was not ready within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    });
    await Promise.race([client.login(credentials.token).then(() => ready), ready]);
  } catch (error) {
    await client.destroy().catch(() => undefined);
    const fields = errorFields(error, secrets);
    logger.error('discord login failed', { platform: 'discord', ...fields });
    throw error instanceof DiscordStartError ? error : new DiscordStartError(`Discord login failed: ${String(fields.detail ?? 'unknown error')}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  logger.info('discord connected', { platform: 'discord', user: client.user?.id, guilds: client.guilds.cache.size });

  const ready = client as Client<true>;
  return {
    name: 'discord',
    client: ready,
    poster: createChannelPoster(client.rest, deps.archive, deps.clock),
    idle: (timeoutMs = 30_000) => inFlight.drain(timeoutMs),
    stop() {
      stopping ??= (async () => {
        const drained = await inFlight.drain(options.stopTimeoutMs ?? 10_000);
        if (!drained) logger.warn('discord stopped with handlers still running', { platform: 'discord', running: inFlight.size });
        await client.destroy();
        logger.info('discord stopped', { platform: 'discord' });
      })();
      return stopping;
    },
  };
}
