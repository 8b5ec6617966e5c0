// `almanak feeds poll [--feed URL]`: polls now, whatever the schedule, and returns a report to
// print. It records each poll like the scheduler does (so backfill, dedupe and failure counts
// stay true), but posts nothing unless it is given posters.
import type { Archive } from '../archive.ts';
import type { Clock, Logger } from '../command/definition.ts';
import { silentLogger } from '../logging.ts';
import type { ChannelPoster, PlatformName } from '../platforms/types.ts';
import { createFeedStore, type Feed } from './feed-store.ts';
import { checkFeedUrl } from './feed-url.ts';
import { polledFeedLabel, type PollResult } from './poll-feed.ts';
import { pollFeeds } from './poller.ts';
import { feedPolicyFrom, type FeedPolicy } from './policy.ts';

export interface HandPollDeps {
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly posters?: ReadonlyMap<PlatformName, ChannelPoster>;
  /** Default: from the archive's config. */
  readonly policy?: FeedPolicy;
}

export interface HandPollReport {
  /** Lines to print, ending in a newline. */
  readonly text: string;
  readonly results: readonly PollResult[];
  /** Feeds that failed, or 1 when the named feed is unknown: non-zero means exit non-zero. */
  readonly failed: number;
}

export async function pollFeedsByHand(archive: Archive, options: { readonly feedUrl?: string }, deps: HandPollDeps = {}): Promise<HandPollReport> {
  const clock = deps.clock ?? { now: () => new Date() };
  const store = createFeedStore(archive.db);
  store.syncConfigured(archive.config.feeds, clock.now());

  let feeds: Feed[];
  if (options.feedUrl !== undefined) {
    const checked = checkFeedUrl(options.feedUrl);
    if (!checked.ok) return { text: `feeds poll: ${checked.reason}\n`, results: [], failed: 1 };
    const feed = store.find(checked.url);
    if (!feed) {
      return { text: `feeds poll: ${checked.url} is not a feed almanak polls. Add it in config/ (feeds) or with /feeds add.\n`, results: [], failed: 1 };
    }
    feeds = [feed];
  } else {
    feeds = store.all();
    if (feeds.length === 0) return { text: 'feeds poll: no feeds. Add one in config/ (feeds) or with /feeds add <url>.\n', results: [], failed: 0 };
  }

  const results = await pollFeeds(
    feeds,
    {
      archive,
      feedStore: store,
      logger: deps.logger ?? silentLogger,
      clock,
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      ...(deps.posters ? { posters: deps.posters } : {}),
    },
    deps.policy ?? feedPolicyFrom(archive.config),
  );
  // Report in the order the feeds are listed, not the order the polls finished.
  const order = new Map(feeds.map((feed, index) => [feed.id, index]));
  results.sort((a, b) => order.get(a.feed.id)! - order.get(b.feed.id)!);
  const failed = results.filter((result) => result.status === 'failed').length;
  const lines = [`Polled ${feeds.length} feed${feeds.length === 1 ? '' : 's'}${failed > 0 ? `, ${failed} failed` : ''}:`, ...results.flatMap(describe)];
  return { text: `${lines.join('\n')}\n`, results, failed };
}

function describe(result: PollResult): string[] {
  const label = polledFeedLabel(result);
  const head = `  ${label}${label === result.feed.url ? '' : ` (${result.feed.url})`}: `;
  switch (result.status) {
    case 'read': {
      const counts = `${result.added} new, ${result.updated} updated, ${result.unchanged} unchanged${result.rejected.length > 0 ? `, ${result.rejected.length} rejected` : ''}`;
      const lines = [`${head}${counts}${result.backfill ? ' (first poll: stored without alerts)' : ''}`];
      for (const rejected of result.rejected.slice(0, 5)) lines.push(`    rejected ${rejected.origin}: ${rejected.reason}`);
      for (const warning of result.warnings.slice(0, 5)) lines.push(`    warning: ${warning}`);
      if (result.warnings.length > 5) lines.push(`    … and ${result.warnings.length - 5} more warnings`);
      return lines;
    }
    case 'not-modified':
      return [`${head}not modified since the last poll`];
    case 'failed':
      return [
        `${head}FAILED (${result.code}): ${result.reason}; ${result.consecutiveFailures} failure${result.consecutiveFailures === 1 ? '' : 's'} in a row, next try ${result.nextPollAt.slice(0, 16).replace('T', ' ')} UTC`,
      ];
    case 'aborted':
      return [`${head}stopped before it finished`];
  }
}
