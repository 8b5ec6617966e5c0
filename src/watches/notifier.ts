// Announces new matches of each channel's watches: at most one post per channel per batch
// interval, holding whatever matched since the last one, oldest first. Each article is claimed in
// the alert ledger before the post, so it reaches a channel at most once, across restarts.
import cron from 'node-cron';
import { randomBytes } from 'node:crypto';
import type { AlmanakConfig } from '../../config/schema.ts';
import type { Archive } from '../archive.ts';
import type { Clock, Logger } from '../command/definition.ts';
import { createFreshArticles, FRESH_RETENTION_MS } from '../feeds/fresh-articles.ts';
import { postWithRetries, type RetryPolicy } from '../feeds/post-with-retries.ts';
import { unqualify, type ChannelPoster, type PlatformName } from '../platforms/types.ts';
import { createAlertLedger, type AlertLedger } from './alert-ledger.ts';
import { alertReply, oldestFirst } from './alert-reply.ts';
import { matchWatch, type WatchMatch } from './match.ts';
import { createWatchStore, type Watch, type WatchStore } from './watch-store.ts';

export interface WatchNotifierDeps {
  readonly archive: Archive;
  readonly posters: ReadonlyMap<PlatformName, ChannelPoster>;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** Names this process in the ledger (claims by a process that died are retaken after a lease). */
  readonly instanceId?: string;
}

export interface WatchPolicy {
  readonly batchMinutes: number;
  /** Items shown in one post; further matches are counted in its footer. */
  readonly maxItems: number;
  readonly retry: RetryPolicy;
}

export function watchPolicyFrom(config: AlmanakConfig): WatchPolicy {
  return {
    batchMinutes: config.watch.batchMinutes,
    maxItems: config.digest.maxItems,
    retry: { attempts: config.digest.retryAttempts, baseMs: config.digest.retryBaseMs },
  };
}

export type ChannelResult = 'posted' | 'waiting' | 'nothing-new' | 'no-platform' | 'taken' | 'failed' | 'channel-unavailable';

export interface WatchNotifier {
  /** Posts every channel's batch that is due now (the sweep calls this; tests call it with their clock). */
  runDue(): Promise<Map<string, ChannelResult>>;
  /** New articles arrived: look now rather than at the next minute. */
  poke(): void;
  stop(): Promise<void>;
}

export function createWatchNotifier(deps: WatchNotifierDeps, policy: WatchPolicy): Pick<WatchNotifier, 'runDue'> {
  const watches = createWatchStore(deps.archive.db);
  const fresh = createFreshArticles(deps.archive.db);
  const ledger = createAlertLedger(deps.archive.db, deps.instanceId ?? `${process.pid}-${randomBytes(3).toString('hex')}`);
  return {
    async runDue() {
      const now = deps.clock.now();
      fresh.prune(now);
      const byChannel = new Map<string, Watch[]>();
      for (const watch of watches.active()) byChannel.set(watch.channel, [...(byChannel.get(watch.channel) ?? []), watch]);
      const results = new Map<string, ChannelResult>();
      for (const [channel, channelWatches] of byChannel) {
        try {
          results.set(channel, await notifyChannel(channel, channelWatches, { ...deps, watches, fresh, ledger }, policy));
        } catch (error) {
          deps.logger.error('watch alert crashed', { channel, error: error instanceof Error ? error.stack : String(error) });
          results.set(channel, 'failed');
        }
      }
      return results;
    },
  };
}

interface ChannelDeps extends WatchNotifierDeps {
  readonly watches: WatchStore;
  readonly fresh: ReturnType<typeof createFreshArticles>;
  readonly ledger: AlertLedger;
}

async function notifyChannel(channel: string, channelWatches: readonly Watch[], deps: ChannelDeps, policy: WatchPolicy): Promise<ChannelResult> {
  const now = deps.clock.now();
  const batchMs = policy.batchMinutes * 60_000;
  if (!deps.ledger.slotOpen(channel, now, batchMs)) return 'waiting';

  const oldest = new Date(Math.max(now.getTime() - FRESH_RETENTION_MS, Math.min(...channelWatches.map((watch) => Date.parse(watch.activeSince)))));
  const candidates = deps.fresh.after(deps.ledger.channelState(channel).checkedThrough, oldest.toISOString());
  if (candidates.length === 0) return 'nothing-new';
  const checkedThrough = candidates[candidates.length - 1]!.seq;
  const handled = deps.ledger.handled(channel, candidates.map((candidate) => candidate.articleId), now);

  // One article matching two watches of the channel is announced once, under the older watch.
  const matches = new Map<number, WatchMatch>();
  for (const watch of channelWatches) {
    const eligible = candidates.filter((candidate) => candidate.foundAt >= watch.activeSince && !handled.has(candidate.articleId));
    for (const match of matchWatch(deps.archive, watch, eligible)) if (!matches.has(match.articleId)) matches.set(match.articleId, match);
  }
  if (matches.size === 0) {
    deps.ledger.advanceCursor(channel, checkedThrough);
    return 'nothing-new';
  }

  const target = unqualify(channel);
  if (!target || !deps.posters.has(target.platform)) return 'no-platform'; // kept for when the platform is back
  if (!deps.ledger.claimSlot(channel, now, batchMs)) return 'waiting';
  const claimed = [...matches.values()].sort(oldestFirst).filter((match) => deps.ledger.claim(channel, match.articleId, match.watch.id, now));
  const shown = claimed.slice(0, policy.maxItems);
  const over = claimed.slice(policy.maxItems);
  deps.ledger.mark(channel, over.map((match) => match.articleId), 'skipped', now, 'over the batch cap');
  if (shown.length === 0) {
    deps.ledger.advanceCursor(channel, checkedThrough);
    return 'taken';
  }

  const ids = shown.map((match) => match.articleId);
  deps.ledger.mark(channel, ids, 'posting', now);
  // Advanced only now: a process that dies before this point has its claims retaken after the lease.
  deps.ledger.advanceCursor(channel, checkedThrough);
  const outcome = await postWithRetries(deps.posters, channel, alertReply(shown, over.length), policy.retry, deps.sleep);
  const finished = deps.clock.now();
  const fields = { channel, articles: ids.length, watches: [...new Set(shown.map((match) => match.watch.id))] };
  if (outcome.ok) {
    deps.ledger.mark(channel, ids, 'posted', finished, outcome.messageId);
    deps.logger.info('watch alert posted', { ...fields, attempts: outcome.attempts });
    return 'posted';
  }
  deps.ledger.mark(channel, ids, 'failed', finished, outcome.message);
  if (outcome.reason === 'gone' || outcome.reason === 'forbidden') {
    deps.watches.pauseChannel(channel, `cannot post: ${outcome.message}`);
    deps.logger.warn('watch channel unavailable; its watches are paused', { ...fields, reason: outcome.reason, detail: outcome.message });
    return 'channel-unavailable';
  }
  deps.logger.error('watch alert failed', { ...fields, attempts: outcome.attempts, detail: outcome.message });
  return 'failed';
}

/** Starts the notifier: a look every minute, and at once whenever poke() says articles arrived. */
export async function startWatchNotifier(deps: WatchNotifierDeps, policy: WatchPolicy): Promise<WatchNotifier> {
  const notifier = createWatchNotifier(deps, policy);
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let running: Promise<Map<string, ChannelResult>> | undefined;
  let again = false;

  // One run at a time; a poke during a run asks for one more right after it.
  const runDue = (): Promise<Map<string, ChannelResult>> => {
    if (stopped) return Promise.resolve(new Map());
    if (running) {
      again = true;
      return running;
    }
    const work = notifier.runDue().catch((error: unknown) => {
      deps.logger.error('watch sweep crashed', { error: error instanceof Error ? error.stack : String(error) });
      return new Map<string, ChannelResult>();
    });
    running = work;
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      running = undefined;
      if (again && !stopped) {
        again = false;
        void runDue();
      }
    });
    return work;
  };

  const sweep = cron.schedule(
    '* * * * *',
    async () => {
      await runDue();
    },
    { name: 'watch sweep', noOverlap: true },
  );
  void runDue();
  return {
    runDue,
    poke: () => void runDue(),
    async stop() {
      stopped = true;
      await sweep.destroy();
      // A run started by a poke in the last moment may start another; wait until none is left.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
