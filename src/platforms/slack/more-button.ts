// The "More" button: loads the saved continuation by the id in the button's value, runs the
// command for the next page and replaces the message the button was on with it.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { dispatch } from '../../command/dispatch.ts';
import { errorReply, type Reply } from '../../core/types.ts';
import { loadContinuation } from '../continuations.ts';
import { dispatchContextFor, type SlackAdapter } from './adapter.ts';
import { apology } from './apology.ts';
import { MORE_ACTION_ID } from './blocks.ts';
import { prepareResponse, sendResponse } from './deliver.ts';
import { logFailure } from './log.ts';
import type { ResponsePayload } from './response-url.ts';

export function registerMoreButton(app: App, adapter: SlackAdapter): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: MORE_ACTION_ID }, async ({ ack, body, action }) => {
    await ack();
    await showNextPage(adapter, body, action.value ?? '');
  });
}

export async function showNextPage(adapter: SlackAdapter, body: BlockAction, continuationId: string): Promise<void> {
  const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  const ephemeral = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral !== false;
  const where = { action: MORE_ACTION_ID, user: body.user.id, channel: channelId };
  let payloads: ResponsePayload[];
  try {
    const continuation = loadContinuation(adapter.deps.archive.db, continuationId);
    let reply: Reply;
    if (!continuation) {
      reply = errorReply('This button has expired', 'Run the command again to see more.');
    } else {
      const context = await dispatchContextFor(adapter, { userId: body.user.id, channelId, isDirectMessage: channelId?.startsWith('D') ?? false });
      reply = await dispatch(adapter.deps.registry, { command: continuation.command, options: { ...continuation.options, page: continuation.page } }, context);
    }
    // A failed page is told to the clicker alone and leaves the message as it was.
    const replace = reply.kind !== 'error';
    payloads = prepareResponse(adapter, reply, { responseType: replace && !ephemeral ? 'in_channel' : 'ephemeral', replaceOriginal: replace });
  } catch (error) {
    const errorId = logFailure(adapter.logger, 'slack: More button failed', error, where);
    payloads = prepareResponse(adapter, apology('page', errorId), { responseType: 'ephemeral', replaceOriginal: false });
  }
  try {
    await sendResponse(adapter, body.response_url, payloads);
  } catch (error) {
    logFailure(adapter.logger, 'slack: could not deliver the next page to response_url', error, where);
  }
}
