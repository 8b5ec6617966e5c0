// Gateway event bodies the stand-in sends (INTERACTION_CREATE for commands, autocomplete and
// buttons; MESSAGE_CREATE for DMs) and the message objects its REST side returns.
import { randomBytes } from 'node:crypto';
import { snowflake } from './snowflake.ts';
import { memberPayload, PERMISSIONS, type FakeChannel, type FakeUser, type World } from './world.ts';

export type OptionValue = string | number | boolean;

export interface InteractionOption {
  readonly name: string;
  readonly type: number;
  readonly value?: OptionValue;
  readonly options?: readonly InteractionOption[];
  readonly focused?: boolean;
}

/** Options by name, typed from the value: string 3, integer 4, number 10, boolean 5. */
export function typedOptions(values: Readonly<Record<string, OptionValue>>): InteractionOption[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    value,
    type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3,
  }));
}

export interface Where {
  readonly user: FakeUser;
  /** A guild channel, or the user's DM with the bot when left out. */
  readonly channel?: FakeChannel;
  /** Guild permissions of the user (PERMISSIONS.member by default). */
  readonly permissions?: string;
}

function interaction(world: World, where: Where, type: number, data: unknown, extra: Record<string, unknown> = {}) {
  const channel = where.channel ?? world.dmChannel(where.user);
  const inGuild = channel.type === 0;
  return {
    id: snowflake(),
    application_id: world.applicationId,
    type,
    data,
    channel_id: channel.id,
    channel: inGuild
      ? { id: channel.id, type: 0, name: channel.name, guild_id: world.guild.id, position: 0, permissions: where.permissions ?? PERMISSIONS.member, nsfw: false, flags: 0, last_message_id: null, rate_limit_per_user: 0, topic: null, parent_id: null }
      : { id: channel.id, type: 1, recipients: [where.user], flags: 0, last_message_id: null },
    ...(inGuild
      ? { guild_id: world.guild.id, guild_locale: 'en-US', member: memberPayload(where.user, where.permissions ?? PERMISSIONS.member), guild: { id: world.guild.id, locale: 'en-US', features: [] } }
      : { user: where.user }),
    token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
    version: 1,
    app_permissions: PERMISSIONS.member,
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: inGuild ? { '0': world.guild.id } : { '1': where.user.id },
    context: inGuild ? 0 : 1,
    attachment_size_limit: 26_214_400,
    ...extra,
  };
}

export type InteractionPayload = ReturnType<typeof interaction>;

export function commandInteraction(world: World, where: Where, command: { name: string; id?: string; options?: readonly InteractionOption[] }): InteractionPayload {
  const channel = where.channel ?? world.dmChannel(where.user);
  return interaction(world, where, 2, {
    id: command.id ?? snowflake(),
    name: command.name,
    type: 1,
    ...(command.options && command.options.length > 0 ? { options: command.options } : {}),
    ...(channel.type === 0 ? { guild_id: world.guild.id } : {}),
  });
}

export function autocompleteInteraction(world: World, where: Where, command: { name: string; id?: string; options: readonly InteractionOption[] }): InteractionPayload {
  return interaction(world, where, 4, { id: command.id ?? snowflake(), name: command.name, type: 1, options: command.options });
}

export function buttonInteraction(world: World, where: Where, message: Record<string, unknown>, customId: string): InteractionPayload {
  return interaction(world, where, 3, { custom_id: customId, component_type: 2 }, { message });
}

export function directMessage(world: World, author: FakeUser, content: string) {
  const channel = world.dmChannel(author.bot ? world.users.alice : author);
  return {
    id: snowflake(),
    channel_id: channel.id,
    channel_type: 1,
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

/** A message as the REST API returns it, authored by the bot (or its interaction webhook). */
export function botMessage(world: World, channelId: string, body: Record<string, unknown>, options: { interaction?: boolean; flags?: number } = {}) {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: world.bot,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    attachments: [],
    timestamp: new Date().toISOString(),
    edited_timestamp: null as string | null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    type: options.interaction ? 20 : 0,
    flags: options.flags ?? (typeof body.flags === 'number' ? body.flags : 0),
    ...(options.interaction ? { webhook_id: world.applicationId, application_id: world.applicationId } : {}),
  };
}

export type BotMessage = ReturnType<typeof botMessage>;
