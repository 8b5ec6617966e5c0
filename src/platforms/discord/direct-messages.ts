// Direct messages to the bot: the text is a command line ("/summit putin trump", "summit putin
// trump") or, when it names no command, a search; the answer goes back to the DM.
import type { Message } from 'discord.js';
import { dispatchLine } from '../../command/dispatch.ts';
import { discordCaller, type Adapter } from './adapter.ts';
import { NO_MENTIONS, outgoingMessages } from './outgoing.ts';
import { apologyReply } from './respond.ts';

/** Longer text is not a lookup; Discord itself allows 2,000 characters (4,000 with Nitro). */
const MAX_TEXT = 1000;

/** A DM from a person (not a bot, not ourselves) with text in it. */
export function isDirectMessageForUs(message: Message, botUserId: string | undefined): boolean {
  if (message.author.bot || message.author.id === botUserId || message.system || message.webhookId) return false;
  if (message.guildId !== null || !message.channel.isDMBased()) return false;
  return message.content.trim() !== '';
}

export async function handleDirectMessage(message: Message, adapter: Adapter): Promise<void> {
  const channel = message.channel;
  if (!channel.isSendable()) return;
  try {
    const caller = discordCaller({ userId: message.author.id, channelId: message.channelId, isDirectMessage: true, canManageChannel: false });
    const reply = await dispatchLine(adapter.deps.registry, message.content.trim().slice(0, MAX_TEXT), adapter.context(caller), 'search');
    for (const outgoing of outgoingMessages(reply, adapter.deps.archive, adapter.deps.clock)) {
      await channel.send({ embeds: outgoing.embeds, components: outgoing.components, allowedMentions: NO_MENTIONS });
    }
  } catch (error) {
    const errorId = adapter.fail('discord direct message failed', error, { message: message.id });
    try {
      const [apology] = outgoingMessages(apologyReply('message', errorId), adapter.deps.archive, adapter.deps.clock);
      await channel.send({ embeds: apology!.embeds, allowedMentions: NO_MENTIONS });
    } catch (sendError) {
      adapter.warn('discord apology not delivered', sendError, { errorId });
    }
  }
}
