// Sends a reply: to a response_url (slash commands, buttons) or with chat.postMessage (direct
// messages, digests). Preparing (render, save the "More" continuation) is kept apart from
// sending, so a caller can tell a failure of ours from a failure to reach Slack.
import type { webApi } from '@slack/bolt';
import type { Reply } from '../../core/types.ts';
import { moreIdFor, type DeliveryContext } from './adapter.ts';
import { renderReply, type SlackMessage } from './render.ts';
import { postToResponseUrl, type ResponsePayload } from './response-url.ts';
import { withRetry, type CallFailure } from './retry.ts';

export interface ResponseOptions {
  readonly responseType: 'ephemeral' | 'in_channel';
  /** Replace the message the button was on (with the first message of the reply). */
  readonly replaceOriginal?: boolean;
}

function onRetry(adapter: DeliveryContext, call: string) {
  return (failure: CallFailure, attempt: number, waitMs: number) =>
    adapter.logger.warn('slack call failed, retrying', { call, failure: failure.kind, detail: failure.message, attempt, waitMs });
}

export function prepareMessages(adapter: DeliveryContext, reply: Reply, maxMessages: number): SlackMessage[] {
  const moreId = moreIdFor(adapter, reply);
  return renderReply(reply, { ...(moreId ? { moreId } : {}), maxMessages });
}

export function prepareResponse(adapter: DeliveryContext, reply: Reply, options: ResponseOptions): ResponsePayload[] {
  return prepareMessages(adapter, reply, adapter.maxResponseMessages).map((message, index) => ({
    response_type: options.responseType,
    // Set whenever the caller decides, because a button's response_url would otherwise choose.
    ...(options.replaceOriginal !== undefined ? { replace_original: options.replaceOriginal && index === 0 } : {}),
    text: message.text,
    blocks: message.blocks,
  }));
}

export async function sendResponse(adapter: DeliveryContext, responseUrl: string, payloads: readonly ResponsePayload[]): Promise<void> {
  for (const payload of payloads) {
    await postToResponseUrl(responseUrl, payload, adapter.retry, { onRetry: onRetry(adapter, 'response_url') });
  }
}

export interface PostTarget {
  readonly channel: string;
  readonly threadTs?: string;
}

/** Posts the messages in order; returns the ts of the first. Throws the failing call's error. */
export async function postMessages(
  adapter: DeliveryContext,
  client: webApi.WebClient,
  target: PostTarget,
  messages: readonly SlackMessage[],
): Promise<string | undefined> {
  let first: string | undefined;
  for (const message of messages) {
    const result = await withRetry(
      () =>
        client.chat.postMessage({
          channel: target.channel,
          text: message.text,
          blocks: message.blocks,
          // Names and channels in the text never become mentions, notifications or links.
          parse: 'none',
          link_names: false,
          unfurl_links: false,
          unfurl_media: false,
          ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        }),
      adapter.retry,
      { onRetry: onRetry(adapter, 'chat.postMessage') },
    );
    first ??= typeof result.ts === 'string' ? result.ts : undefined;
  }
  return first;
}
