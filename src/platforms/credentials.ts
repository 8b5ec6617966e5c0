// Chat credentials come only from the environment. Each is checked for its documented shape at
// start-up, so a pasted wrong token is named in one line instead of failing later; values are
// never printed.

export interface SlackCredentials {
  readonly botToken: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  /** Override of the Web API base, e.g. http://127.0.0.1:PORT/api/ (tests, proxies). */
  readonly apiUrl?: string;
}

export interface DiscordCredentials {
  readonly token: string;
  readonly applicationId: string;
  /** Override of the REST root, e.g. http://127.0.0.1:PORT/api (the gateway comes from /gateway/bot). */
  readonly apiUrl?: string;
}

export interface Credentials {
  readonly slack?: SlackCredentials;
  readonly discord?: DiscordCredentials;
  /** PORT, when set: the Slack HTTP receiver's port. */
  readonly port?: number;
}

export class CredentialError extends Error {
  readonly code = 'credentials';
}

const nonEmpty = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

function checkUrl(name: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return value;
  } catch {
    throw new CredentialError(`${name} is not an http(s) URL`);
  }
}

export function readCredentials(env: NodeJS.ProcessEnv, slackMode: 'http' | 'socket'): Credentials {
  const credentials: { slack?: SlackCredentials; discord?: DiscordCredentials; port?: number } = {};

  const botToken = nonEmpty(env.SLACK_BOT_TOKEN);
  const signingSecret = nonEmpty(env.SLACK_SIGNING_SECRET);
  const appToken = nonEmpty(env.SLACK_APP_TOKEN);
  if (botToken || signingSecret || appToken) {
    if (!botToken) throw new CredentialError('SLACK_BOT_TOKEN is missing (Slack settings were given)');
    if (!botToken.startsWith('xoxb-')) throw new CredentialError('SLACK_BOT_TOKEN is malformed: a bot token starts with xoxb-');
    if (slackMode === 'http' && !signingSecret) throw new CredentialError('SLACK_SIGNING_SECRET is missing (needed in HTTP mode)');
    if (signingSecret && !/^[0-9a-f]{16,}$/i.test(signingSecret)) throw new CredentialError('SLACK_SIGNING_SECRET is malformed: expected the hex string from Basic Information');
    if (slackMode === 'socket' && !appToken) throw new CredentialError('SLACK_APP_TOKEN is missing (needed in Socket Mode)');
    if (appToken && !appToken.startsWith('xapp-')) throw new CredentialError('SLACK_APP_TOKEN is malformed: an app-level token starts with xapp-');
    const apiUrl = checkUrl('SLACK_API_URL', nonEmpty(env.SLACK_API_URL));
    credentials.slack = { botToken, ...(signingSecret ? { signingSecret } : {}), ...(appToken ? { appToken } : {}), ...(apiUrl ? { apiUrl } : {}) };
  }

  const token = nonEmpty(env.DISCORD_TOKEN);
  const applicationId = nonEmpty(env.DISCORD_APPLICATION_ID);
  if (token || applicationId) {
    if (!token) throw new CredentialError('DISCORD_TOKEN is missing (DISCORD_APPLICATION_ID was given)');
    if (!applicationId) throw new CredentialError('DISCORD_APPLICATION_ID is missing (DISCORD_TOKEN was given)');
    if (!/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/.test(token)) throw new CredentialError('DISCORD_TOKEN is malformed: expected the bot token from the Bot page (three dot-separated parts)');
    if (!/^\d{15,22}$/.test(applicationId)) throw new CredentialError('DISCORD_APPLICATION_ID is malformed: expected a numeric snowflake id');
    const apiUrl = checkUrl('DISCORD_API_URL', nonEmpty(env.DISCORD_API_URL));
    credentials.discord = { token, applicationId, ...(apiUrl ? { apiUrl } : {}) };
  }

  const port = nonEmpty(env.PORT);
  if (port !== undefined) {
    const number = Number(port);
    if (!Number.isInteger(number) || number < 0 || number > 65535) throw new CredentialError('PORT is not a port number (0-65535)');
    credentials.port = number;
  }
  return credentials;
}
