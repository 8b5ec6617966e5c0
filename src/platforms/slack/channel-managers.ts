// Who may manage a channel's digests, watches and feeds on Slack: the users named in
// config.slack.admins, and workspace admins and owners (users.info, scope users:read). Answers
// are cached for a while, so a burst of commands costs one lookup per person.
import type { webApi } from '@slack/bolt';
import type { AlmanakConfig } from '../../../config/schema.ts';
import type { Clock, Logger } from '../../command/definition.ts';
import { describeFailure } from './retry.ts';

export type ChannelManagerCheck = (userId: string) => Promise<boolean>;

const KEEP_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 1000;

export function createChannelManagerCheck(client: webApi.WebClient, config: AlmanakConfig, clock: Clock, logger: Logger): ChannelManagerCheck {
  const cache = new Map<string, { readonly manager: boolean; readonly until: number }>();
  return async (userId) => {
    if (config.slack.admins.includes(userId)) return true;
    const now = clock.now().getTime();
    const cached = cache.get(userId);
    if (cached && cached.until > now) return cached.manager;
    let manager: boolean;
    try {
      const { user } = await client.users.info({ user: userId });
      manager = user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
    } catch (error) {
      // Not knowing is not being allowed; the next command asks again.
      logger.warn('slack: could not look up whether a user is a workspace admin', { user: userId, detail: describeFailure(error).message });
      return false;
    }
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(userId, { manager, until: now + KEEP_MS });
    return manager;
  };
}
