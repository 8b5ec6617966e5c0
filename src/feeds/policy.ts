// What the feed poller needs: its dependencies (injected, so tests bring a clock and a sleep) and
// its policy (from config/ feedPolicy, plus a few fixed knobs).
import type { AlmanakConfig } from '../../config/schema.ts';
import type { Archive } from '../archive.ts';
import type { Clock, Logger } from '../command/definition.ts';
import type { ChannelPoster, PlatformName } from '../platforms/types.ts';
import type { RetryPolicy } from './post-with-retries.ts';

export interface FeedPollDeps {
  readonly archive: Archive;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** Posters for admin notices. Without them (the CLI) notices are left for the running bot. */
  readonly posters?: ReadonlyMap<PlatformName, ChannelPoster>;
  /** Told after a poll stored fresh articles: the watch notifier's cue to look now. */
  readonly onFreshArticles?: () => void;
}

export interface FeedPolicy {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Failed polls in a row before the one notice to adminChannel. */
  readonly failureNoticeAfter: number;
  readonly maxBackoffMinutes: number;
  /** Qualified channel ("slack:C123") for notices; they are only logged without it. */
  readonly adminChannel?: string;
  /** Feeds polled at the same time, so one slow server does not hold up the rest. */
  readonly concurrency: number;
  readonly noticeRetry: RetryPolicy;
}

export function feedPolicyFrom(config: AlmanakConfig): FeedPolicy {
  const { feedPolicy } = config;
  return {
    timeoutMs: feedPolicy.timeoutMs,
    maxBytes: feedPolicy.maxBytes,
    failureNoticeAfter: feedPolicy.failureNoticeAfter,
    maxBackoffMinutes: feedPolicy.maxBackoffMinutes,
    ...(feedPolicy.adminChannel ? { adminChannel: feedPolicy.adminChannel } : {}),
    concurrency: 4,
    noticeRetry: { attempts: config.digest.retryAttempts, baseMs: config.digest.retryBaseMs },
  };
}
