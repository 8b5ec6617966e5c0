// Delivers one subscription's digest for its latest due occurrence, at most once: claim in the
// ledger, build, post with bounded retries, record the outcome. A channel the bot can no longer
// post to pauses its subscription instead of being retried forever.
import { findDigestKind } from '../../digests/index.ts';
import type { Archive } from '../archive.ts';
import type { Clock, Logger } from '../command/definition.ts';
import type { Reply } from '../core/types.ts';
import type { ChannelPoster, PlatformName } from '../platforms/types.ts';
import { unqualify } from '../platforms/types.ts';
import type { Ledger } from './ledger.ts';
import { formatLocalDay, latestOccurrence, type Occurrence } from './schedule.ts';
import type { Subscription, SubscriptionStore } from './subscriptions.ts';

export interface DeliveryDeps {
  readonly archive: Archive;
  readonly ledger: Ledger;
  readonly subscriptions: SubscriptionStore;
  readonly posters: ReadonlyMap<PlatformName, ChannelPoster>;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface DeliveryPolicy {
  readonly catchUpMs: number;
  readonly maxItems: number;
  readonly retryAttempts: number;
  readonly retryBaseMs: number;
}

export type DeliveryResult =
  | 'posted'
  | 'not-due'
  | 'already-handled'
  | 'paused'
  | 'no-platform'
  | 'skipped-empty'
  | 'skipped-too-late'
  | 'failed'
  | 'channel-unavailable';

/** Later than this after the scheduled minute, a post is marked late. */
const LATE_AFTER_MS = 2 * 60_000;

export async function deliverIfDue(subscription: Subscription, deps: DeliveryDeps, policy: DeliveryPolicy): Promise<DeliveryResult> {
  if (subscription.status !== 'active') return 'paused';
  const now = deps.clock.now();
  const occurrence = latestOccurrence(subscription, now);
  // Subscribed (or resumed) after it: that occurrence was never promised.
  if (!occurrence || occurrence.at.getTime() < Date.parse(subscription.activeSince)) return 'not-due';
  return deliverOccurrence(subscription, occurrence, deps, policy, { now, force: false });
}

/** Delivers a given occurrence; `force` (digest run by hand) ignores the catch-up window. */
export async function deliverOccurrence(
  subscription: Subscription,
  occurrence: Occurrence,
  deps: DeliveryDeps,
  policy: DeliveryPolicy,
  options: { readonly now: Date; readonly force: boolean },
): Promise<DeliveryResult> {
  const { now } = options;
  const key = { channel: subscription.channel, kind: subscription.kind, localDate: formatLocalDay(occurrence.day) };
  const existing = deps.ledger.get(key);
  if (existing && existing.status !== 'claimed') return 'already-handled';

  const target = unqualify(subscription.channel);
  const poster = target ? deps.posters.get(target.platform) : undefined;
  if (!target || !poster) return 'no-platform';

  const age = now.getTime() - occurrence.at.getTime();
  const late = age > LATE_AFTER_MS;
  if (!deps.ledger.claim(key, occurrence.at, now, late)) return 'already-handled';
  const fields = { channel: subscription.channel, kind: subscription.kind, localDate: key.localDate };

  if (!options.force && age > policy.catchUpMs) {
    deps.ledger.mark(key, 'skipped', now, `missed by ${Math.round(age / 60_000)} min, beyond the catch-up window`);
    deps.logger.warn('digest skipped: missed beyond the catch-up window', { ...fields, scheduledFor: occurrence.at.toISOString() });
    return 'skipped-too-late';
  }

  const kind = findDigestKind(subscription.kind);
  if (!kind) {
    deps.ledger.mark(key, 'failed', now, `unknown digest kind ${subscription.kind}`);
    return 'failed';
  }
  const built = kind.build(deps.archive, occurrence.day, { maxItems: policy.maxItems });
  if (built.empty && subscription.empty === 'skip') {
    deps.ledger.mark(key, 'skipped', now, 'nothing for this day');
    return 'skipped-empty';
  }
  const reply: Reply = late
    ? { ...built.reply, text: [built.reply.text, `Posted late: almanak was not running at ${subscription.time} ${subscription.timeZone}.`].filter(Boolean).join('\n') }
    : built.reply;

  deps.ledger.mark(key, 'posting', now);
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await poster.post(target.channelId, reply);
    if (outcome.ok) {
      deps.ledger.mark(key, 'posted', deps.clock.now(), outcome.messageId, attempt);
      deps.logger.info('digest posted', { ...fields, attempts: attempt, late });
      return 'posted';
    }
    if (outcome.reason === 'gone' || outcome.reason === 'forbidden') {
      deps.ledger.mark(key, 'failed', deps.clock.now(), outcome.message, attempt);
      deps.subscriptions.pause(subscription.channel, subscription.kind, `cannot post: ${outcome.message}`);
      deps.logger.warn('digest channel unavailable; subscription paused', { ...fields, reason: outcome.reason, detail: outcome.message });
      return 'channel-unavailable';
    }
    if (!outcome.retryable || attempt >= policy.retryAttempts) {
      deps.ledger.mark(key, 'failed', deps.clock.now(), outcome.message, attempt);
      deps.logger.error('digest post failed', { ...fields, attempts: attempt, detail: outcome.message });
      return 'failed';
    }
    const backoff = outcome.retryAfterMs ?? policy.retryBaseMs * 2 ** (attempt - 1);
    deps.logger.warn('digest post failed; retrying', { ...fields, attempt, retryInMs: backoff, detail: outcome.message });
    await deps.sleep(backoff);
  }
}
