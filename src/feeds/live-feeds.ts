// Live feeds as one service for start-up: the feed poller and the watch notifier, wired so that
// a poll that stores fresh articles wakes the notifier at once. stop() stops both, waiting.
import type { AlmanakConfig } from '../../config/schema.ts';
import { startWatchNotifier, watchPolicyFrom, type WatchNotifier, type WatchNotifierDeps } from '../watches/notifier.ts';
import { feedPolicyFrom } from './policy.ts';
import { startFeedPoller, type FeedPoller } from './poller.ts';

export interface LiveFeeds {
  readonly feeds: FeedPoller;
  readonly watches: WatchNotifier;
  stop(): Promise<void>;
}

export async function startLiveFeeds(deps: WatchNotifierDeps, config: AlmanakConfig = deps.archive.config): Promise<LiveFeeds> {
  const watches = await startWatchNotifier(deps, watchPolicyFrom(config));
  const feeds = await startFeedPoller({ ...deps, onFreshArticles: () => watches.poke() }, feedPolicyFrom(config));
  return {
    feeds,
    watches,
    async stop() {
      await feeds.stop();
      await watches.stop();
    },
  };
}
