// What every Slack handler shares: the platform dependencies, a scrubbed logger, the retry
// policy, the in-flight counter, and how to turn a Slack caller into a dispatch context.
import type { Archive } from '../../archive.ts';
import type { Caller, Clock, Logger } from '../../command/definition.ts';
import type { DispatchContext } from '../../command/dispatch.ts';
import type { Reply } from '../../core/types.ts';
import { saveContinuation } from '../continuations.ts';
import type { PlatformDeps } from '../types.ts';
import type { ChannelManagerCheck } from './channel-managers.ts';
import type { InFlight } from './in-flight.ts';
import type { RetryPolicy } from './retry.ts';

/** Items one Slack message can always hold (2 blocks each, with header, text, footer, button). */
export const SLACK_MAX_PAGE_SIZE = 20;

/** What sending a reply needs (the poster for digests run by hand has no more than this). */
export interface DeliveryContext {
  /** For the continuations behind "More" buttons. */
  readonly archive: Archive;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  readonly inFlight: InFlight;
  /** response_url takes 5 posts; one answer uses at most this many. */
  readonly maxResponseMessages: number;
  /** Digests and DMs: at most this many messages for one reply. */
  readonly maxPostMessages: number;
}

export interface SlackAdapter extends DeliveryContext {
  readonly deps: PlatformDeps;
  readonly isChannelManager: ChannelManagerCheck;
}

export interface SlackCaller {
  readonly userId: string | undefined;
  readonly channelId: string | undefined;
  readonly isDirectMessage: boolean;
}

export async function dispatchContextFor(adapter: SlackAdapter, who: SlackCaller): Promise<DispatchContext> {
  const { config, archive, clock } = adapter.deps;
  const caller: Caller = {
    platform: 'slack',
    ...(who.userId ? { userId: who.userId } : {}),
    ...(who.channelId ? { channelId: who.channelId } : {}),
    isDirectMessage: who.isDirectMessage,
    // A direct message is no channel to manage (as on Discord).
    canManageChannel: !who.isDirectMessage && who.userId !== undefined && (await adapter.isChannelManager(who.userId)),
  };
  return {
    archive,
    clock,
    timeZone: config.timeZone,
    logger: adapter.logger,
    caller,
    // A page must fit one message, whatever pageSize the configuration asks for.
    pageSize: Math.min(config.pageSize, SLACK_MAX_PAGE_SIZE),
  };
}

/** Saves the reply's continuation (if any) and returns the id for its "More" button. */
export function moreIdFor(context: DeliveryContext, reply: Reply): string | undefined {
  if (!reply.next) return undefined;
  return saveContinuation(context.archive.db, reply.next, context.clock.now());
}
