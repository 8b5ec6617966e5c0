// What every chat platform adapter provides to the rest of almanak, in neutral terms: a way to
// post a reply to a channel (digests, alerts) and a way to stop. Adapters translate; they hold
// no business logic.
import type { AlmanakConfig } from '../../config/schema.ts';
import type { Archive } from '../archive.ts';
import type { Clock, Logger } from '../command/definition.ts';
import type { Registry } from '../command/dispatch.ts';
import type { Reply } from '../core/types.ts';
import type { Credentials } from './credentials.ts';

export type PlatformName = 'slack' | 'discord';

/** Channel ids are prefixed by platform ("slack:C123", "discord:456") wherever they meet. */
export type QualifiedChannelId = `${PlatformName}:${string}`;

export function qualify(platform: PlatformName, channelId: string): QualifiedChannelId {
  return `${platform}:${channelId}`;
}

export function unqualify(id: string): { platform: PlatformName; channelId: string } | undefined {
  const match = /^(slack|discord):(.+)$/.exec(id);
  return match ? { platform: match[1] as PlatformName, channelId: match[2]! } : undefined;
}

export type PostOutcome =
  | { readonly ok: true; readonly messageId?: string }
  | {
      readonly ok: false;
      /** gone: channel removed or archived; forbidden: no permission; the rest may pass. */
      readonly reason: 'gone' | 'forbidden' | 'rate-limited' | 'error';
      readonly retryable: boolean;
      readonly retryAfterMs?: number;
      readonly message: string;
    };

export interface ChannelPoster {
  readonly platform: PlatformName;
  /** Posts a reply for everyone in the channel (split or paged within the platform's limits). */
  post(channelId: string, reply: Reply): Promise<PostOutcome>;
}

export interface PlatformDeps {
  readonly archive: Archive;
  readonly registry: Registry;
  readonly config: AlmanakConfig;
  readonly credentials: Credentials;
  readonly logger: Logger;
  readonly clock: Clock;
}

export interface PlatformRuntime {
  readonly name: PlatformName;
  readonly poster: ChannelPoster;
  /** Stop taking requests, finish the ones in flight, disconnect. */
  stop(): Promise<void>;
}
