// Posts digests and alerts to a channel over REST: the rendered reply as one or more messages
// (never pinging anyone), with Discord's failures mapped to a PostOutcome.
import { REST, Routes } from 'discord.js';
import type { DiscordCredentials } from '../credentials.ts';
import { restOptions } from './rest-options.ts';
import type { Archive } from '../../archive.ts';
import type { Clock } from '../../command/definition.ts';
import type { Reply } from '../../core/types.ts';
import type { ChannelPoster, PostOutcome } from '../types.ts';
import { postFailure } from './errors.ts';
import { NO_MENTIONS, outgoingMessages } from './outgoing.ts';

export function createChannelPoster(rest: REST, archive: Archive, clock: Clock): ChannelPoster {
  return {
    platform: 'discord',
    async post(target: string, reply: Reply): Promise<PostOutcome> {
      // Accepts the qualified form ("discord:123") used where platforms meet, too.
      const channelId = target.replace(/^discord:/, '');
      if (!/^\d{15,22}$/.test(channelId)) return { ok: false, reason: 'gone', retryable: false, message: `"${channelId.slice(0, 40)}" is not a Discord channel id` };
      let firstId: string | undefined;
      // Posted one after another so the parts arrive in order; a failure stops the rest.
      for (const message of outgoingMessages(reply, archive, clock)) {
        try {
          const body = { embeds: message.embeds, components: message.components, allowed_mentions: NO_MENTIONS };
          const sent = (await rest.post(Routes.channelMessages(channelId), { body })) as { id?: string };
          firstId ??= sent.id;
        } catch (error) {
          return postFailure(error);
        }
      }
      return firstId ? { ok: true, messageId: firstId } : { ok: true };
    },
  };
}

/** A poster over REST alone (no gateway): for digests run by hand from the command line. */
export function createRestPoster(credentials: DiscordCredentials, archive: Archive, clock: Clock): ChannelPoster {
  return createChannelPoster(new REST(restOptions(credentials.apiUrl)).setToken(credentials.token), archive, clock);
}
