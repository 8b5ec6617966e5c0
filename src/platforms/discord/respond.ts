// Sends a reply through an interaction that has been deferred: the first message replaces the
// deferral (or the clicked message), the rest follow it, all with the same visibility.
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { errorReply, type Reply } from '../../core/types.ts';
import type { Adapter } from './adapter.ts';
import { NO_MENTIONS, outgoingMessages, type OutgoingMessage } from './outgoing.ts';

type Deferred = ChatInputCommandInteraction | ButtonInteraction;

const flagsFor = (ephemeral: boolean) => (ephemeral ? { flags: MessageFlags.Ephemeral as const } : {});

export async function sendMessages(interaction: Deferred, messages: readonly OutgoingMessage[], ephemeral: boolean): Promise<void> {
  const [first, ...rest] = messages;
  if (!first) return;
  await interaction.editReply({ embeds: first.embeds, components: first.components, allowedMentions: NO_MENTIONS });
  for (const message of rest) {
    await interaction.followUp({ embeds: message.embeds, components: message.components, allowedMentions: NO_MENTIONS, ...flagsFor(ephemeral) });
  }
}

/**
 * An error reply (wrong input, or a handler's apology) is for the caller only: when the deferral
 * was public, it is removed and the error sent as an ephemeral follow-up instead.
 */
export async function sendReply(interaction: Deferred, reply: Reply, ephemeral: boolean, adapter: Adapter): Promise<void> {
  const messages = outgoingMessages(reply, adapter.deps.archive, adapter.deps.clock);
  if (reply.kind === 'error' && !ephemeral && interaction.isChatInputCommand()) {
    await interaction.deleteReply();
    for (const message of messages) await interaction.followUp({ embeds: message.embeds, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
    return;
  }
  await sendMessages(interaction, messages, ephemeral);
}

export function apologyReply(what: string, errorId: string): Reply {
  return errorReply('Sorry, something went wrong', `That ${what} failed on our side. Error id: ${errorId}.`);
}

/** One short ephemeral apology, whatever state the interaction is in; never throws. */
export async function apologise(interaction: Deferred, what: string, errorId: string, adapter: Adapter, publicDeferral: boolean): Promise<void> {
  const [message] = outgoingMessages(apologyReply(what, errorId), adapter.deps.archive, adapter.deps.clock);
  const body = { embeds: message!.embeds, allowedMentions: NO_MENTIONS };
  try {
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
    } else if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied && !publicDeferral) {
      await interaction.editReply({ ...body, components: [] });
    } else {
      if (interaction.isChatInputCommand() && publicDeferral && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    }
  } catch (error) {
    adapter.warn('discord apology not delivered', error, { errorId });
  }
}
