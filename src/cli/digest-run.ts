// `almanak digest run --date YYYY-MM-DD [--channel ID] [--dry-run]`: runs a day's digests by
// hand. Dry runs print what would be posted; real runs go through the same exactly-once
// delivery as the scheduler (so a digest already posted that day is not posted again).
import { findDigestKind } from '../../digests/index.ts';
import type { Archive } from '../archive.ts';
import type { Clock, Logger } from '../command/definition.ts';
import { parsePartialDate, precisionOf, type LocalDay } from '../core/dates.ts';
import { deliverOccurrence } from '../digests/delivery.ts';
import { createLedger } from '../digests/ledger.ts';
import { instantOf, parseTime } from '../digests/schedule.ts';
import { createSubscriptionStore, type Subscription } from '../digests/subscriptions.ts';
import type { ChannelPoster, PlatformName } from '../platforms/types.ts';
import { renderForTerminal } from '../render/terminal.ts';
import { UsageError } from './usage.ts';

export interface DigestRunOptions {
  readonly date?: string;
  readonly channel?: string;
  readonly dryRun: boolean;
}

export function parseRunDay(text: string | undefined): LocalDay {
  if (!text) throw new UsageError('digest run needs --date YYYY-MM-DD');
  const date = parsePartialDate(text);
  if (!date || precisionOf(date) !== 'day') throw new UsageError(`--date "${text.slice(0, 40)}" is not a day; use YYYY-MM-DD`);
  return { year: date.year, month: date.month!, day: date.day! };
}

function selectSubscriptions(archive: Archive, channel: string | undefined): Subscription[] {
  const all = createSubscriptionStore(archive.db).all();
  if (!channel) return all.filter((subscription) => subscription.status === 'active');
  return all.filter((subscription) => subscription.channel === channel || subscription.channel.endsWith(`:${channel}`));
}

export async function runDigestsByHand(
  archive: Archive,
  options: DigestRunOptions,
  deps: { posters: () => Promise<ReadonlyMap<PlatformName, ChannelPoster>>; logger: Logger; clock: Clock; write: (text: string) => void },
): Promise<number> {
  const day = parseRunDay(options.date);
  const subscriptions = selectSubscriptions(archive, options.channel);
  if (subscriptions.length === 0) {
    deps.write(options.channel ? `No digest subscription for channel ${options.channel}.\n` : 'No active digest subscriptions. Subscribe a channel with /digest subscribe.\n');
    return options.channel ? 1 : 0;
  }
  const { digest } = archive.config;
  if (options.dryRun) {
    for (const subscription of subscriptions) {
      const kind = findDigestKind(subscription.kind);
      if (!kind) continue;
      const built = kind.build(archive, day, { maxItems: digest.maxItems });
      const fate = built.empty && subscription.empty === 'skip' ? ' — empty day, would be skipped' : '';
      deps.write(`== ${subscription.channel} (${subscription.kind}, ${subscription.time} ${subscription.timeZone})${fate}\n`);
      deps.write(`${renderForTerminal(built.reply, { color: false })}\n`);
    }
    return 0;
  }
  const posters = await deps.posters();
  let failures = 0;
  for (const subscription of subscriptions) {
    const { hour, minute } = parseTime(subscription.time);
    const result = await deliverOccurrence(
      subscription,
      { day, at: instantOf(day, hour, minute, subscription.timeZone) },
      {
        archive,
        ledger: createLedger(archive.db, `cli-${process.pid}`),
        subscriptions: createSubscriptionStore(archive.db),
        posters,
        logger: deps.logger,
        clock: deps.clock,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
      { catchUpMs: Number.POSITIVE_INFINITY, maxItems: digest.maxItems, retryAttempts: digest.retryAttempts, retryBaseMs: digest.retryBaseMs },
      { now: deps.clock.now(), force: true },
    );
    if (result === 'failed' || result === 'channel-unavailable' || result === 'no-platform') failures += 1;
    deps.write(`${subscription.channel} ${subscription.kind}: ${result}\n`);
  }
  return failures > 0 ? 1 : 0;
}
