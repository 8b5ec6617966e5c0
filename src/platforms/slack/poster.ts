// Posts digests and alerts for everyone in a channel (chat.postMessage, split into several
// messages when long) and reports the outcome in neutral terms; it never throws.
import { webApi } from '@slack/bolt';
import type { Archive } from '../../archive.ts';
import type { Clock, Logger } from '../../command/definition.ts';
import type { Reply } from '../../core/types.ts';
import { createLogger } from '../../logging.ts';
import type { SlackCredentials } from '../credentials.ts';
import { unqualify, type ChannelPoster, type PostOutcome } from '../types.ts';
import type { DeliveryContext } from './adapter.ts';
import { webClientOptions } from './client-options.ts';
import { postMessages, prepareMessages } from './deliver.ts';
import { createInFlight } from './in-flight.ts';
import { logFailure, scrubbingLogger } from './log.ts';
import { failedPost } from './post-outcome.ts';
import { defaultRetryPolicy, type RetryPolicy } from './retry.ts';

/** Accepts "C123" or the qualified "slack:C123". */
function slackChannel(channelId: string): string {
  const qualified = unqualify(channelId);
  return qualified?.platform === 'slack' ? qualified.channelId : channelId;
}

export function createSlackPoster(adapter: DeliveryContext, client: webApi.WebClient): ChannelPoster {
  return {
    platform: 'slack',
    async post(channelId: string, reply: Reply): Promise<PostOutcome> {
      const channel = slackChannel(channelId);
      let messages;
      try {
        messages = prepareMessages(adapter, reply, adapter.maxPostMessages);
      } catch (error) {
        const errorId = logFailure(adapter.logger, 'slack: could not render a reply to post', error, { channel });
        return { ok: false, reason: 'error', retryable: false, message: `the reply could not be rendered (error id ${errorId})` };
      }
      try {
        const ts = await adapter.inFlight.track(() => postMessages(adapter, client, { channel }, messages));
        return ts ? { ok: true, messageId: ts } : { ok: true };
      } catch (error) {
        const outcome = failedPost(error);
        if (outcome.reason === 'error' && !outcome.retryable) {
          const errorId = logFailure(adapter.logger, 'slack: post failed', error, { channel });
          return { ...outcome, message: `${outcome.message} (error id ${errorId})` };
        }
        adapter.logger.warn('slack: post failed', { channel, reason: outcome.reason, detail: outcome.message, retryAfterMs: outcome.retryAfterMs });
        return outcome;
      }
    },
  };
}

/** Messages one digest or alert may take. */
export const MAX_POST_MESSAGES = 10;

/**
 * A poster over the Web API alone (no receiver, no auth.test): for digests run by hand from the
 * command line. Logs go to `logger` (warnings and errors on stderr by default), scrubbed.
 */
export function createWebApiPoster(
  credentials: SlackCredentials,
  archive: Archive,
  clock: Clock,
  logger: Logger = createLogger('warn'),
  retry: RetryPolicy = defaultRetryPolicy,
): ChannelPoster {
  const scrubbed = scrubbingLogger(logger, [credentials.botToken, credentials.signingSecret, credentials.appToken].filter((value): value is string => Boolean(value)));
  const context: DeliveryContext = { archive, clock, logger: scrubbed, retry, inFlight: createInFlight(), maxResponseMessages: 1, maxPostMessages: MAX_POST_MESSAGES };
  return createSlackPoster(context, new webApi.WebClient(credentials.botToken, webClientOptions(credentials.apiUrl, scrubbed)));
}
