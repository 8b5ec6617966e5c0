// The Slack app manifest, generated from the command registry so the slash commands Slack
// knows are always the ones almanak answers (paste it at api.slack.com/apps → "From a manifest").
import type { AlmanakConfig } from '../../../config/schema.ts';
import type { Registry } from '../../command/dispatch.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Bot scopes: commands and answers, posting in public channels unasked (digests), DMs, and
 * users:read to tell workspace admins (who may manage digests, watches and feeds).
 */
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:history', 'im:read', 'im:write', 'users:read'] as const;

export interface SlackManifest {
  readonly display_information: { readonly name: string; readonly description: string; readonly background_color: string };
  readonly features: {
    readonly app_home: { readonly home_tab_enabled: boolean; readonly messages_tab_enabled: boolean; readonly messages_tab_read_only_enabled: boolean };
    readonly bot_user: { readonly display_name: string; readonly always_online: boolean };
    readonly slash_commands: readonly {
      readonly command: string;
      readonly description: string;
      readonly usage_hint?: string;
      readonly should_escape: boolean;
      readonly url?: string;
    }[];
  };
  readonly oauth_config: { readonly scopes: { readonly bot: readonly string[] } };
  readonly settings: {
    readonly event_subscriptions: { readonly request_url?: string; readonly bot_events: readonly string[] };
    readonly interactivity: { readonly is_enabled: boolean; readonly request_url?: string };
    readonly org_deploy_enabled: boolean;
    readonly socket_mode_enabled: boolean;
    readonly token_rotation_enabled: boolean;
  };
}

export class SlackManifestError extends Error {
  readonly code = 'slack_manifest';
}

/** Slack's manifest limits (@slack/web-api's Manifest type documents them). */
const COMMAND_MAX = 32;
const COMMANDS_MAX = 50;
const DESCRIPTION_MAX = 2000;
const USAGE_HINT_MAX = 1000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function requestUrl(config: AlmanakConfig): string | undefined {
  if (config.slack.mode === 'socket') return undefined;
  if (!config.slack.publicUrl) {
    throw new SlackManifestError('config key "slack.publicUrl" is not set: HTTP mode needs the public base URL Slack calls (or set slack.mode to "socket")');
  }
  return `${config.slack.publicUrl.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
}

export function slackManifest(registry: Registry, config: AlmanakConfig): SlackManifest {
  const url = requestUrl(config);
  if (registry.commands.length > COMMANDS_MAX) throw new SlackManifestError(`Slack takes at most ${COMMANDS_MAX} slash commands; the registry has ${registry.commands.length}`);
  const tooLong = registry.commands.find((command) => command.name.length + 1 > COMMAND_MAX);
  if (tooLong) throw new SlackManifestError(`slash command /${tooLong.name} is longer than Slack's ${COMMAND_MAX} characters`);
  return {
    display_information: {
      name: 'almanak',
      description: 'Dated excerpts about summits and meetings from Danish and Norwegian news.',
      background_color: '#2c2d30',
    },
    features: {
      // The Messages tab is where people write to the bot directly.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'almanak', always_online: true },
      slash_commands: registry.commands.map((command) => {
        const hint = command.usage.replace(new RegExp(`^/${command.name}\\s*`), '').trim();
        return {
          command: `/${command.name}`,
          description: clip(command.description, DESCRIPTION_MAX),
          ...(hint ? { usage_hint: clip(hint, USAGE_HINT_MAX) } : {}),
          // Raw text: we read names and options ourselves and escape everything we echo.
          should_escape: false,
          ...(url ? { url } : {}),
        };
      }),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: ['message.im'] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: config.slack.mode === 'socket',
      token_rotation_enabled: false,
    },
  };
}
