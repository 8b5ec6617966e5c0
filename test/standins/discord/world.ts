// The fake Discord the stand-in serves: a bot user and its application, one server with two text
// channels and two people (one who may manage channels), their DM channels, and the gateway
// payloads (READY, GUILD_CREATE) discord.js needs to become ready.
import { randomBytes } from 'node:crypto';
import { snowflake } from './snowflake.ts';

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly global_name: string | null;
  readonly discriminator: string;
  readonly avatar: null;
  readonly bot?: boolean;
}

export interface FakeChannel {
  readonly id: string;
  readonly type: 0 | 1;
  readonly name?: string;
  readonly guild_id?: string;
  readonly recipients?: readonly FakeUser[];
}

/** Permission bits as Discord sends them (decimal strings). */
export const PERMISSIONS = {
  member: String(0x400n | 0x800n | 0x4000n | 0x10000n | 0x40000n | 0x80000000n), // view, send, embed, history, external emoji, use commands
  manager: String(0x10n | 0x400n | 0x800n | 0x4000n | 0x10000n | 0x40000n | 0x80000000n), // + Manage Channels
};

export interface World {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly guild: { readonly id: string; readonly name: string };
  readonly channels: { readonly general: FakeChannel; readonly news: FakeChannel };
  readonly users: { readonly alice: FakeUser; readonly bob: FakeUser; readonly otherBot: FakeUser };
  /** DM channel of each user with the bot, created on first use. */
  dmChannel(user: FakeUser): FakeChannel;
  findChannel(id: string): FakeChannel | undefined;
  readonly sessionId: string;
}

function user(username: string, bot = false): FakeUser {
  return { id: snowflake(), username, global_name: username[0]!.toUpperCase() + username.slice(1), discriminator: '0', avatar: null, ...(bot ? { bot: true } : {}) };
}

/** A token of the documented shape (base64 user id . timestamp . hmac), checked by credentials.ts. */
function botToken(botId: string): string {
  return `${Buffer.from(botId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
}

export function createWorld(): World {
  const bot = user('almanak', true);
  const guildId = snowflake();
  const dms = new Map<string, FakeChannel>();
  const channels = {
    general: { id: snowflake(), type: 0 as const, name: 'general', guild_id: guildId },
    news: { id: snowflake(), type: 0 as const, name: 'news', guild_id: guildId },
  };
  return {
    token: botToken(bot.id),
    applicationId: bot.id,
    bot,
    guild: { id: guildId, name: 'almanak test server' },
    channels,
    users: { alice: user('alice'), bob: user('bob'), otherBot: user('otherbot', true) },
    sessionId: randomBytes(16).toString('hex'),
    dmChannel(person) {
      let channel = dms.get(person.id);
      if (!channel) {
        channel = { id: snowflake(), type: 1, recipients: [person] };
        dms.set(person.id, channel);
      }
      return channel;
    },
    findChannel(id) {
      return Object.values(channels).find((channel) => channel.id === id) ?? [...dms.values()].find((channel) => channel.id === id);
    },
  };
}

export function readyPayload(world: World, resumeUrl: string) {
  return {
    v: 10,
    user: { ...world.bot, verified: true, mfa_enabled: false, flags: 0 },
    guilds: [{ id: world.guild.id, unavailable: true }],
    session_id: world.sessionId,
    resume_gateway_url: resumeUrl,
    shard: [0, 1],
    application: { id: world.applicationId, flags: 0 },
    private_channels: [],
    presences: [],
    relationships: [],
    user_settings: {},
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    auth: {},
  };
}

function member(person: FakeUser, joinedAt: string) {
  return { user: person, roles: [], nick: null, avatar: null, joined_at: joinedAt, premium_since: null, deaf: false, mute: false, flags: 0, pending: false, communication_disabled_until: null };
}

export function guildCreatePayload(world: World) {
  const joinedAt = new Date().toISOString();
  return {
    id: world.guild.id,
    name: world.guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: world.users.alice.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id: world.guild.id, name: '@everyone', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: PERMISSIONS.member, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: world.channels.general.id,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [member(world.bot, joinedAt)],
    channels: Object.values(world.channels).map((channel, position) => ({
      id: channel.id,
      type: channel.type,
      name: channel.name,
      position,
      permission_overwrites: [],
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
    })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function memberPayload(person: FakeUser, permissions: string) {
  return { ...member(person, new Date().toISOString()), permissions };
}
