// Slash commands: every registry command arrives as /name. Acknowledge at once (Slack allows
// 3 s), then dispatch the text and answer through the command's response_url.
import type { App, SlashCommand } from '@slack/bolt';
import { dispatch } from '../../command/dispatch.ts';
import { bindOptions } from '../../command/parse.ts';
import { dispatchContextFor, type SlackAdapter } from './adapter.ts';
import { apology } from './apology.ts';
import { prepareResponse, sendResponse } from './deliver.ts';
import { incomingText } from './incoming-text.ts';
import { logFailure } from './log.ts';
import type { ResponsePayload } from './response-url.ts';
import { responseTypeFor, takeVisibility } from './visibility.ts';

export function registerSlashCommands(app: App, adapter: SlackAdapter): void {
  // One listener for all: a command Slack knows but the registry lost still gets the help.
  app.command(/^\/[\p{L}\p{N}_-]+$/u, async ({ command, ack }) => {
    await ack();
    await answerSlashCommand(adapter, command);
  });
}

export async function answerSlashCommand(adapter: SlackAdapter, command: SlashCommand): Promise<void> {
  const name = command.command.replace(/^\//, '').toLowerCase();
  const where = { command: name, user: command.user_id, channel: command.channel_id };
  let payloads: ResponsePayload[];
  try {
    const { registry, config } = adapter.deps;
    const { text, public: wanted } = takeVisibility(incomingText(command.text ?? ''));
    const definition = registry.find(name);
    const context = await dispatchContextFor(adapter, {
      userId: command.user_id,
      channelId: command.channel_id,
      isDirectMessage: command.channel_name === 'directmessage',
    });
    const reply = await dispatch(registry, { command: name, options: definition ? bindOptions(definition, text) : {} }, context);
    const responseType = responseTypeFor(reply, wanted, { channelId: command.channel_id, channelName: command.channel_name }, config);
    payloads = prepareResponse(adapter, reply, { responseType });
  } catch (error) {
    const errorId = logFailure(adapter.logger, 'slack: slash command failed', error, where);
    payloads = prepareResponse(adapter, apology(`/${name}`, errorId), { responseType: 'ephemeral' });
  }
  try {
    await sendResponse(adapter, command.response_url, payloads);
  } catch (error) {
    logFailure(adapter.logger, 'slack: could not deliver the answer to response_url', error, where);
  }
}
