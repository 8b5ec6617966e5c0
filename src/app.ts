// What `almanak start` runs: the archive (ingesting corpus/ when it changed), every chat
// platform whose credentials are present, the digest scheduler, feed polling and watch alerts
// posting through them, and a graceful stop on SIGINT/SIGTERM. With no credentials at all it opens the local console.
import { randomBytes } from 'node:crypto';
import type { AlmanakConfig } from '../config/schema.ts';
import { registry } from '../commands/index.ts';
import { openArchive, type Archive } from './archive.ts';
import type { Clock, Logger } from './command/definition.ts';
import { createLedger } from './digests/ledger.ts';
import { startDigestScheduler, type DigestScheduler } from './digests/scheduler.ts';
import { createSubscriptionStore } from './digests/subscriptions.ts';
import { startLiveFeeds } from './feeds/live-feeds.ts';
import { ingest } from './ingest/ingest.ts';
import { readCredentials, type Credentials } from './platforms/credentials.ts';
import type { ChannelPoster, PlatformDeps, PlatformName, PlatformRuntime } from './platforms/types.ts';

export interface AppOptions {
  readonly config: AlmanakConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Called when no platform is configured: run the console until it ends. */
  readonly runConsole: (archive: Archive) => Promise<void>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  readonly stopSignal: Promise<string>;
  readonly onNotice?: (line: string) => void;
}

/** Names this process in the delivery ledgers, so a dead process's claims can be told apart. */
const instanceId = `${process.pid}-${randomBytes(3).toString('hex')}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startPlatforms(deps: PlatformDeps): Promise<PlatformRuntime[]> {
  const runtimes: PlatformRuntime[] = [];
  try {
    if (deps.credentials.slack) {
      const { startSlack } = await import('./platforms/slack/index.ts');
      runtimes.push(await startSlack(deps));
    }
    if (deps.credentials.discord) {
      const { startDiscord } = await import('./platforms/discord/index.ts');
      runtimes.push(await startDiscord(deps));
    }
  } catch (error) {
    await Promise.allSettled(runtimes.map((runtime) => runtime.stop()));
    throw error;
  }
  return runtimes;
}

/** Posters over the platforms' Web/REST APIs only (no receivers): for digests run by hand. */
export async function createPosters(credentials: Credentials, archive: Archive, clock: Clock, logger: Logger): Promise<Map<PlatformName, ChannelPoster>> {
  const posters = new Map<PlatformName, ChannelPoster>();
  if (credentials.slack) {
    const { createWebApiPoster } = await import('./platforms/slack/index.ts');
    posters.set('slack', createWebApiPoster(credentials.slack, archive, clock, logger));
  }
  if (credentials.discord) {
    const { createRestPoster } = await import('./platforms/discord/index.ts');
    posters.set('discord', createRestPoster(credentials.discord, archive, clock));
  }
  return posters;
}

/** Static subscriptions from config/ are written to the store on every start. */
export function applyConfiguredSubscriptions(archive: Archive, now: Date): void {
  const store = createSubscriptionStore(archive.db);
  for (const entry of archive.config.digest.subscriptions) {
    store.upsert(
      { channel: entry.channel, kind: entry.kind, time: entry.time, timeZone: entry.timeZone ?? archive.config.timeZone, days: entry.days, empty: entry.empty, origin: 'config' },
      now,
    );
  }
}

export function startDigests(archive: Archive, posters: ReadonlyMap<PlatformName, ChannelPoster>, logger: Logger, clock: Clock): Promise<DigestScheduler> {
  const { digest } = archive.config;
  return startDigestScheduler(
    {
      archive,
      ledger: createLedger(archive.db, instanceId),
      subscriptions: createSubscriptionStore(archive.db),
      posters,
      logger,
      clock,
      sleep,
    },
    { catchUpMs: digest.catchUpHours * 3_600_000, maxItems: digest.maxItems, retryAttempts: digest.retryAttempts, retryBaseMs: digest.retryBaseMs },
    logger,
  );
}

export async function runApp(options: AppOptions): Promise<number> {
  const { config, logger, clock } = options;
  const credentials: Credentials = readCredentials(options.env, config.slack.mode);
  const archive = openArchive(config);
  try {
    const report = await ingest(archive, [config.corpusDir]);
    if (report.added.length + report.updated.length > 0 || report.rejected.length > 0) {
      options.onNotice?.(
        `ingested ${config.corpusDir}/: added ${report.added.length}, updated ${report.updated.length}, skipped ${report.unchanged.length} (unchanged), rejected ${report.rejected.length}`,
      );
    }
    applyConfiguredSubscriptions(archive, clock.now());
    if (!credentials.slack && !credentials.discord) {
      await options.runConsole(archive);
      return 0;
    }
    const runtimes = await startPlatforms({ archive, registry, config, credentials, logger, clock });
    const posters = new Map(runtimes.map((runtime) => [runtime.name, runtime.poster] as const));
    const digests = await startDigests(archive, posters, logger, clock);
    const live = await startLiveFeeds({ archive, posters, logger, clock, sleep, instanceId });
    logger.info('almanak started', { platforms: runtimes.map((runtime) => runtime.name) });
    const signal = await options.stopSignal;
    logger.info('stopping', { signal });
    // Schedulers first (no new posts), then the platforms finish what is in flight.
    await Promise.all([digests.stop(), live.stop()]);
    await Promise.allSettled(runtimes.map((runtime) => runtime.stop()));
    logger.info('stopped');
    return 0;
  } finally {
    archive.close();
  }
}
