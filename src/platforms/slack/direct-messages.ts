// Direct messages to the bot: "summit putin trump", "/summit putin trump" or plain words (a
// search) are answered in the same conversation. Bots, the bot itself, edits, deletions and
// Events API retries of an event already handled are ignored.
import type { App, webApi } from '@slack/bolt';
import { dispatchLine } from '../../command/dispatch.ts';
import { dispatchContextFor, type SlackAdapter } from './adapter.ts';
import { apology } from './apology.ts';
import { postMessages, prepareMessages } from './deliver.ts';
import type { SeenEvents } from './event-dedupe.ts';
import { incomingText } from './incoming-text.ts';
import { logFailure } from './log.ts';
import type { SlackMessage } from './render.ts';

/** The fields of a `message` event we read; everything else is ignored. */
export interface DirectMessageEvent {
  readonly type: 'message';
  readonly channel: string;
  readonly channel_type?: string;
  readonly user?: string;
  readonly text?: string;
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly thread_ts?: string;
  readonly ts?: string;
}

/** Why a message event gets no answer, or undefined when it should get one. */
export function skipReason(event: DirectMessageEvent, botUserId: string | undefined): string | undefined {
  if (event.channel_type !== 'im') return 'not a direct message';
  if (event.subtype !== undefined) return `subtype ${event.subtype}`;
  if (event.bot_id !== undefined) return 'from a bot';
  if (!event.user) return 'no user';
  if (botUserId !== undefined && event.user === botUserId) return 'from this bot';
  if (!event.text || event.text.trim() === '') return 'no text';
  return undefined;
}

export function registerDirectMessages(app: App, adapter: SlackAdapter, seen: SeenEvents): void {
  app.event('message', async ({ event, body, context, client }) => {
    const message = event as unknown as DirectMessageEvent;
    const reason = skipReason(message, context.botUserId);
    if (reason !== undefined) return;
    const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId !== undefined && !seen.firstTime(eventId)) {
      adapter.logger.info('slack: event already handled, not answered again', { eventId, retryNum: context.retryNum });
      return;
    }
    await answerDirectMessage(adapter, client, message, context.botUserId);
  });
}

export async function answerDirectMessage(
  adapter: SlackAdapter,
  client: webApi.WebClient,
  event: DirectMessageEvent,
  botUserId: string | undefined,
): Promise<void> {
  const where = { event: 'message.im', user: event.user, channel: event.channel };
  let messages: SlackMessage[];
  try {
    const context = await dispatchContextFor(adapter, { userId: event.user, channelId: event.channel, isDirectMessage: true });
    const reply = await dispatchLine(adapter.deps.registry, incomingText(event.text ?? '', botUserId), context, 'search');
    messages = prepareMessages(adapter, reply, adapter.maxPostMessages);
  } catch (error) {
    const errorId = logFailure(adapter.logger, 'slack: direct message failed', error, where);
    messages = prepareMessages(adapter, apology('message', errorId), 1);
  }
  try {
    await postMessages(adapter, client, { channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) }, messages);
  } catch (error) {
    logFailure(adapter.logger, 'slack: could not post the answer to a direct message', error, where);
  }
}
