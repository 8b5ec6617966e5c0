// Test set-up: the bundled corpus archive, the stand-in Discord, and almanak's real Discord
// adapter (unmodified discord.js) connected to it, with every log line kept for assertions.
import { registry as defaultRegistry } from '../../commands/index.ts';
import type { Registry } from '../../src/command/dispatch.ts';
import type { Clock } from '../../src/command/definition.ts';
import { createLogger } from '../../src/logging.ts';
import { startDiscord, type DiscordRuntime, type DiscordStartOptions } from '../../src/platforms/discord/index.ts';
import type { PlatformDeps } from '../../src/platforms/types.ts';
import { corpusArchive, type TestArchive } from '../support/archive.ts';
import type { AlmanakConfig } from '../../config/schema.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../standins/discord/server.ts';
import type { World } from '../standins/discord/world.ts';

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

export interface Harness {
  readonly standIn: DiscordStandIn;
  readonly runtime: DiscordRuntime;
  readonly fixture: TestArchive;
  readonly deps: PlatformDeps;
  readonly logs: LogLine[];
  readonly rawLogs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly registry?: Registry;
  readonly archive?: Partial<AlmanakConfig>;
  readonly publicChannels?: (world: World) => string[];
  readonly start?: DiscordStartOptions;
  readonly clock?: Clock;
  readonly heartbeatIntervalMs?: number;
}

/** Rejections nobody handled, in this test process: the adapter must leave none. */
export const unhandledRejections: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandledRejections.push(reason));

/** Fast retries for tests: the same policy, shorter pauses. */
export const TEST_REST = { retries: 2, backoffMs: 25, maxBackoffMs: 100, maxChannelRateLimitWaitMs: 2000, timeoutMs: 5000 };

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fixture = await corpusArchive(options.archive);
  const standIn = await startDiscordStandIn(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {});
  const rawLogs: string[] = [];
  const logs: LogLine[] = [];
  const logger = createLogger('info', (line) => {
    rawLogs.push(line);
    logs.push(JSON.parse(line) as LogLine);
  });
  const deps: PlatformDeps = {
    archive: fixture.archive,
    registry: options.registry ?? defaultRegistry,
    config: { ...fixture.archive.config, discord: { publicChannels: options.publicChannels?.(standIn.world) ?? [] } },
    credentials: { discord: standIn.credentials },
    logger,
    clock: options.clock ?? { now: () => new Date() },
  };
  let runtime: DiscordRuntime;
  try {
    runtime = await startDiscord(deps, { stopTimeoutMs: 5000, readyTimeoutMs: 5000, ...options.start, rest: { ...TEST_REST, ...options.start?.rest } });
  } catch (error) {
    await standIn.close();
    fixture.cleanup();
    throw error;
  }
  return {
    standIn,
    runtime,
    fixture,
    deps,
    logs,
    rawLogs,
    async close() {
      await runtime.stop();
      await standIn.close();
      fixture.cleanup();
    },
  };
}

/** Every body the bot sent that carries a message (not deferrals or autocomplete answers). */
export function messageBodies(standIn: DiscordStandIn): { path: string; method: string; body: Record<string, any> }[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return standIn.requests
    .filter((request) => request.body && typeof request.body === 'object')
    .map((request) => ({ path: request.path, method: request.method, body: request.path.endsWith('/callback') ? request.body.data : request.body }))
    .filter((entry) => entry.body && (Array.isArray(entry.body.embeds) || typeof entry.body.content === 'string'));
}
