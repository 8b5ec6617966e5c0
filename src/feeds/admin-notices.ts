// Tells the admin channel about a feed that keeps failing: one notice when its failures in a row
// reach the threshold, one more when it works again; never one per failure. The claim in the
// feed's row comes before the post, so a restart or a second instance cannot repeat a notice.
import type { Logger } from '../command/definition.ts';
import { infoReply, type Reply } from '../core/types.ts';
import type { ChannelPoster, PlatformName } from '../platforms/types.ts';
import { failureNoticeDue } from './backoff.ts';
import { feedLabel, type FeedStore } from './feed-store.ts';
import { polledFeedLabel, type PollResult } from './poll-feed.ts';
import type { FeedPolicy } from './policy.ts';
import { postWithRetries } from './post-with-retries.ts';

export interface NoticeDeps {
  readonly feeds: FeedStore;
  readonly posters: ReadonlyMap<PlatformName, ChannelPoster>;
  readonly logger: Logger;
  readonly sleep: (ms: number) => Promise<void>;
}

export type NoticeSent = 'failing' | 'recovered' | undefined;

export async function sendFeedNotice(result: PollResult, deps: NoticeDeps, policy: FeedPolicy): Promise<NoticeSent> {
  const { feed } = result;
  if (result.status === 'failed') {
    if (!failureNoticeDue(result.consecutiveFailures, policy.failureNoticeAfter, feed.failureNoticed)) return undefined;
    if (!deps.feeds.claimFailureNotice(feed.id)) return undefined;
    await deliver(failingNotice(result), 'feed failing', deps, policy, { feed: feed.url, failures: result.consecutiveFailures, reason: result.reason });
    return 'failing';
  }
  if (result.status === 'read' || result.status === 'not-modified') {
    if (!feed.failureNoticed || !deps.feeds.claimRecoveryNotice(feed.id)) return undefined;
    const reply = infoReply(
      `Feed recovered: ${polledFeedLabel(result)}`,
      `${feed.url} was read again after ${plural(feed.consecutiveFailures, 'failed poll')} in a row; it is polled every ${feed.intervalMinutes} min again.`,
    );
    await deliver(reply, 'feed recovered', deps, policy, { feed: feed.url });
    return 'recovered';
  }
  return undefined;
}

function failingNotice(result: Extract<PollResult, { status: 'failed' }>): Reply {
  const { feed } = result;
  return infoReply(
    `Feed failing: ${feedLabel(feed)}`,
    `${feed.url} has failed ${plural(result.consecutiveFailures, 'poll')} in a row. Last error: ${result.reason}. ` +
      `almanak keeps trying, less often each time (next at ${result.nextPollAt.slice(0, 16).replace('T', ' ')} UTC), ` +
      'and says so here once it works again. /feeds list shows every feed\'s state.',
  );
}

async function deliver(reply: Reply, what: string, deps: NoticeDeps, policy: FeedPolicy, fields: Record<string, unknown>): Promise<void> {
  if (!policy.adminChannel) {
    deps.logger.warn(`${what} (no feedPolicy.adminChannel to tell)`, { ...fields, notice: reply.text });
    return;
  }
  const outcome = await postWithRetries(deps.posters, policy.adminChannel, reply, policy.noticeRetry, deps.sleep);
  if (outcome.ok) deps.logger.info(`${what}: admin channel told`, { ...fields, channel: policy.adminChannel });
  else deps.logger.error(`${what}: could not tell the admin channel`, { ...fields, channel: policy.adminChannel, detail: outcome.message });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
