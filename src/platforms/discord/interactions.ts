// Slash commands, autocomplete and "More" buttons: each becomes a dispatch through the registry,
// answered within Discord's time limits, with failures logged under an error id and apologised for.
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { dispatch } from '../../command/dispatch.ts';
import { infoReply } from '../../core/types.ts';
import { loadContinuation } from '../continuations.ts';
import { discordCaller, type Adapter } from './adapter.ts';
import { parseMoreCustomId } from './buttons.ts';
import { invocationFromOptions, focusedOption, type OptionData } from './invocation.ts';
import { LIMITS } from './limits.ts';
import { NO_MENTIONS, outgoingMessages } from './outgoing.ts';
import { apologise, sendMessages, sendReply } from './respond.ts';
import { isPublicChannel, visibilityFor } from './visibility.ts';

const RESTARTING = infoReply('almanak is restarting', 'Try again in a minute.');

function callerOf(interaction: ChatInputCommandInteraction | ButtonInteraction) {
  return discordCaller({
    userId: interaction.user.id,
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
    isDirectMessage: !interaction.inGuild(),
    canManageChannel: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
  });
}

export async function handleInteraction(interaction: Interaction, adapter: Adapter): Promise<void> {
  if (interaction.isChatInputCommand()) return handleCommand(interaction, adapter);
  if (interaction.isAutocomplete()) return handleAutocomplete(interaction, adapter);
  if (interaction.isButton()) return handleButton(interaction, adapter);
}

async function handleCommand(interaction: ChatInputCommandInteraction, adapter: Adapter): Promise<void> {
  const { registry, config } = adapter.deps;
  let publicDeferral = false;
  try {
    if (!adapter.accepting()) {
      const [message] = outgoingMessages(RESTARTING, adapter.deps.archive, adapter.deps.clock);
      await interaction.reply({ embeds: message!.embeds, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
      return;
    }
    const command = registry.find(interaction.commandName);
    const invocation = invocationFromOptions(interaction.commandName, command, interaction.options.data as readonly OptionData[]);
    const visibility = visibilityFor({
      ...(invocation.visibility ? { requested: invocation.visibility } : {}),
      publicChannel: isPublicChannel(config.discord.publicChannels, interaction.channelId),
      directMessage: !interaction.inGuild(),
    });
    const ephemeral = visibility === 'ephemeral';
    // Always defer, and before any work: handlers run synchronous SQLite queries that block the
    // event loop, so a "defer after 2 s" timer could not fire while one runs. Deferring first
    // costs one request and keeps the 3-second acknowledgement safe for every command.
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    publicDeferral = !ephemeral;
    const reply = await dispatch(registry, invocation, adapter.context(callerOf(interaction)));
    await sendReply(interaction, reply, ephemeral, adapter);
  } catch (error) {
    const errorId = adapter.fail('discord command failed', error, { command: interaction.commandName, interaction: interaction.id });
    await apologise(interaction, `/${interaction.commandName}`, errorId, adapter, publicDeferral);
  }
}

async function handleAutocomplete(interaction: AutocompleteInteraction, adapter: Adapter): Promise<void> {
  try {
    // Cannot be deferred: answered at once, with nothing while stopping.
    const choices = adapter.accepting() ? completions(interaction, adapter) : [];
    await interaction.respond(choices);
  } catch (error) {
    adapter.fail('discord autocomplete failed', error, { command: interaction.commandName });
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}

function completions(interaction: AutocompleteInteraction, adapter: Adapter): { name: string; value: string }[] {
  const command = adapter.deps.registry.find(interaction.commandName);
  const focused = focusedOption(interaction.options.data as readonly OptionData[]);
  if (!command?.complete || !focused) return [];
  const partial = String(focused.value ?? '');
  const specs = command.subcommands ? command.subcommands.flatMap((sub) => sub.options) : command.options;
  const spec = specs.find((option) => option.name === focused.name);
  // A `rest` option holds several words; a completion replaces only the word being typed.
  const head = spec?.rest ? partial.replace(/\S*$/, '') : '';
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const word of command.complete(focused.name, partial, { archive: adapter.deps.archive })) {
    const value = `${head}${word}`;
    if (value.length === 0 || value.length > LIMITS.choiceValue || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: value, value });
    if (choices.length === LIMITS.choicesPerOption) break;
  }
  return choices;
}

async function handleButton(interaction: ButtonInteraction, adapter: Adapter): Promise<void> {
  const continuationId = parseMoreCustomId(interaction.customId);
  if (continuationId === undefined) return; // Not ours.
  try {
    const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
    if (!adapter.accepting()) {
      const [message] = outgoingMessages(RESTARTING, adapter.deps.archive, adapter.deps.clock);
      await interaction.reply({ embeds: message!.embeds, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferUpdate();
    const continuation = loadContinuation(adapter.deps.archive.db, continuationId);
    if (!continuation) {
      const [message] = outgoingMessages(infoReply('This button has expired', 'Run the command again to see more.'), adapter.deps.archive, adapter.deps.clock);
      await interaction.editReply({ components: [] });
      await interaction.followUp({ embeds: message!.embeds, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
      return;
    }
    const reply = await dispatch(
      adapter.deps.registry,
      { command: continuation.command, options: { ...continuation.options, page: continuation.page } },
      adapter.context(callerOf(interaction)),
    );
    await sendMessages(interaction, outgoingMessages(reply, adapter.deps.archive, adapter.deps.clock), ephemeral);
  } catch (error) {
    const errorId = adapter.fail('discord button failed', error, { customId: interaction.customId, interaction: interaction.id });
    await apologise(interaction, 'page', errorId, adapter, false);
  }
}
