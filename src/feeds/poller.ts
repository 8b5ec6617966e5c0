// Polls feeds on time: a sweep every minute polls each feed whose next poll is due (its interval,
// or its backoff after failures), a few at a time, claiming each poll in the store first so two
// instances never poll one feed at once. stop() cancels requests under way and waits for them.
import cron from 'node-cron';
import { sendFeedNotice } from './admin-notices.ts';
import { createFeedStore, type Feed, type FeedStore } from './feed-store.ts';
import { pollFeed, type PollResult } from './poll-feed.ts';
import type { FeedPollDeps, FeedPolicy } from './policy.ts';

export interface FeedPoller {
  /** Polls every feed that is due now (the sweep calls this; tests call it with their clock). */
  runDue(): Promise<PollResult[]>;
  stop(): Promise<void>;
}

/** A claimed poll not finished by then belongs to a process that died. */
const LEASE_MARGIN_MS = 60_000;

/** Polls the given feeds now, whatever their schedule (the sweep and `feeds poll` by hand). */
export async function pollFeeds(
  feeds: readonly Feed[],
  deps: FeedPollDeps & { readonly feedStore: FeedStore; readonly signal?: AbortSignal; readonly claim?: boolean },
  policy: FeedPolicy,
): Promise<PollResult[]> {
  const results: PollResult[] = [];
  const queue = [...feeds];
  const worker = async () => {
    for (let feed = queue.shift(); feed; feed = queue.shift()) {
      if (deps.signal?.aborted) return;
      const result = await pollOne(feed, deps, policy);
      if (result) results.push(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(policy.concurrency, queue.length)) }, worker));
  return results;
}

async function pollOne(
  feed: Feed,
  deps: FeedPollDeps & { readonly feedStore: FeedStore; readonly signal?: AbortSignal; readonly claim?: boolean },
  policy: FeedPolicy,
): Promise<PollResult | undefined> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + policy.timeoutMs + LEASE_MARGIN_MS);
  if (deps.claim && !deps.feedStore.claim(feed, leaseUntil)) return undefined;
  let result: PollResult;
  try {
    result = await pollFeed(feed, { archive: deps.archive, feeds: deps.feedStore, now, ...(deps.signal ? { signal: deps.signal } : {}) }, policy);
  } catch (error) {
    // A bug or a store failure, not the feed's fault: leave the lease to expire and retry then.
    deps.logger.error('feed poll crashed', { feed: feed.url, error: error instanceof Error ? error.stack : String(error) });
    return undefined;
  }
  if (result.status === 'aborted') {
    if (deps.claim) deps.feedStore.release(feed, leaseUntil);
    return result;
  }
  log(result, deps);
  if (deps.posters) {
    await sendFeedNotice(result, { feeds: deps.feedStore, posters: deps.posters, logger: deps.logger, sleep: deps.sleep }, policy).catch((error: unknown) => {
      deps.logger.error('feed notice crashed', { feed: feed.url, error: error instanceof Error ? error.stack : String(error) });
    });
  }
  if (result.status === 'read' && result.fresh.length > 0) deps.onFreshArticles?.();
  return result;
}

function log(result: PollResult, deps: FeedPollDeps): void {
  const feed = result.feed.url;
  if (result.status === 'failed') {
    deps.logger.warn('feed poll failed', { feed, code: result.code, reason: result.reason, failures: result.consecutiveFailures, nextPollAt: result.nextPollAt });
  } else if (result.status === 'read') {
    const { added, updated, unchanged, backfill } = result;
    deps.logger.info('feed polled', { feed, added, updated, unchanged, backfill, rejected: result.rejected.length, warnings: result.warnings.slice(0, 5) });
  }
}

export function createFeedPoller(deps: FeedPollDeps, policy: FeedPolicy, signal?: AbortSignal): Pick<FeedPoller, 'runDue'> {
  const feedStore = createFeedStore(deps.archive.db);
  return {
    runDue: () => pollFeeds(feedStore.due(deps.clock.now()), { ...deps, feedStore, claim: true, ...(signal ? { signal } : {}) }, policy),
  };
}

/** Starts polling: config/ feeds written to the store, a first sweep at once, then every minute. */
export async function startFeedPoller(deps: FeedPollDeps, policy: FeedPolicy): Promise<FeedPoller> {
  createFeedStore(deps.archive.db).syncConfigured(deps.archive.config.feeds, deps.clock.now());
  const shutdown = new AbortController();
  const poller = createFeedPoller(deps, policy, shutdown.signal);
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const runDue = (): Promise<PollResult[]> => {
    if (stopped) return Promise.resolve([]);
    const work = poller.runDue().catch((error: unknown) => {
      deps.logger.error('feed sweep crashed', { error: error instanceof Error ? error.stack : String(error) });
      return [];
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  const sweep = cron.schedule(
    '* * * * *',
    async () => {
      await runDue();
    },
    { name: 'feed sweep', noOverlap: true },
  );
  void runDue();
  return {
    runDue,
    async stop() {
      stopped = true;
      await sweep.destroy();
      shutdown.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
