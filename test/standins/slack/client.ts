// Plays Slack calling the bot: slash commands, Events API callbacks (with retries) and button
// clicks, posted to the bot's /slack/events and signed as Slack signs them.
import { randomBytes } from 'node:crypto';
import { signedHeaders } from './signing.ts';
import type { SlackStandIn } from './server.ts';

export interface SentRequest {
  readonly status: number;
  readonly body: string;
  /** From sending the request to the end of the bot's HTTP response. */
  readonly elapsedMs: number;
}

export interface SlashCommandRequest {
  /** "/summit" */
  readonly command: string;
  /** What the person typed; sent with & < > as entities, as Slack sends it. */
  readonly text?: string;
  readonly userId?: string;
  readonly channelId?: string;
  readonly channelName?: string;
}

export interface SentSlashCommand extends SentRequest {
  readonly responseUrl: string;
}

export interface SendOverrides {
  /** Unix seconds used for signing (stale ones are refused). */
  readonly timestamp?: number;
  /** A signature to send instead of the right one. */
  readonly signature?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface EventOptions extends SendOverrides {
  readonly eventId?: string;
  /** Sent as X-Slack-Retry-Num (with X-Slack-Retry-Reason http_timeout). */
  readonly retryNum?: number;
}

export interface BlockActionRequest {
  readonly value: string;
  readonly actionId?: string;
  readonly userId?: string;
  readonly channelId?: string;
  readonly isEphemeral?: boolean;
  readonly messageTs?: string;
  /** The response_url of the click (a fresh one by default). */
  readonly responseUrl?: string;
}

export interface SlackEventsClient {
  readonly endpoint: string;
  send(body: string, contentType: string, overrides?: SendOverrides): Promise<SentRequest>;
  slashCommand(request: SlashCommandRequest, overrides?: SendOverrides): Promise<SentSlashCommand>;
  event(event: Record<string, unknown>, options?: EventOptions): Promise<SentRequest & { readonly eventId: string }>;
  blockAction(request: BlockActionRequest, overrides?: SendOverrides): Promise<SentSlashCommand>;
}

/** Slack sends typed text with &, < and > as entities (real links and mentions use <…>). */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The fields of a slash command as Slack sends them (form-encoded over HTTP, an object in Socket Mode). */
export function slashCommandPayload(standIn: SlackStandIn, request: SlashCommandRequest, responseUrl: string): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: standIn.teamId,
    team_domain: 'standin',
    channel_id: request.channelId ?? 'C0GENERAL',
    channel_name: request.channelName ?? 'general',
    user_id: request.userId ?? 'U0ALICE',
    user_name: 'alice',
    command: request.command,
    text: slackEscape(request.text ?? ''),
    api_app_id: 'A0ALMANAK',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.${randomBytes(4).toString('hex')}`,
  };
}

/** An Events API callback wrapping `event`. */
export function eventCallback(standIn: SlackStandIn, event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: standIn.teamId,
    api_app_id: 'A0ALMANAK',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: standIn.teamId, user_id: standIn.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(8).toString('hex')}`,
  };
}

/** A block_actions payload for a button click. */
export function blockActionPayload(standIn: SlackStandIn, request: BlockActionRequest, responseUrl: string): Record<string, unknown> {
  const channelId = request.channelId ?? 'C0GENERAL';
  const messageTs = request.messageTs ?? '1700000000.000100';
  const ephemeral = request.isEphemeral ?? true;
  return {
    type: 'block_actions',
    user: { id: request.userId ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: standIn.teamId },
    api_app_id: 'A0ALMANAK',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: ephemeral },
    trigger_id: `${Date.now()}.${randomBytes(4).toString('hex')}`,
    team: { id: standIn.teamId, domain: 'standin' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: channelId.startsWith('D') ? 'directmessage' : 'general' },
    // Slack sends the message only when it is not ephemeral.
    ...(ephemeral ? {} : { message: { type: 'message', ts: messageTs, user: standIn.botUserId, bot_id: standIn.botId, text: '' } }),
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        action_id: request.actionId ?? 'almanak_more',
        block_id: 'almanak_paging',
        text: { type: 'plain_text', text: 'More', emoji: true },
        value: request.value,
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
      },
    ],
  };
}

export function newEventId(): string {
  return `Ev${randomBytes(6).toString('hex').toUpperCase()}`;
}

export function slackEventsClient(standIn: SlackStandIn, endpoint: string): SlackEventsClient {
  async function send(body: string, contentType: string, overrides: SendOverrides = {}): Promise<SentRequest> {
    const headers = signedHeaders(standIn.signingSecret, body, overrides.timestamp);
    if (overrides.signature !== undefined) headers['X-Slack-Signature'] = overrides.signature;
    const started = performance.now();
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': contentType, ...headers, ...overrides.headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, body: text, elapsedMs: performance.now() - started };
  }

  return {
    endpoint,
    send,
    async slashCommand(request, overrides) {
      const responseUrl = standIn.newResponseUrl();
      const form = new URLSearchParams(slashCommandPayload(standIn, request, responseUrl));
      const sent = await send(form.toString(), 'application/x-www-form-urlencoded', overrides);
      return { ...sent, responseUrl };
    },
    async event(event, options = {}) {
      const eventId = options.eventId ?? newEventId();
      const body = JSON.stringify(eventCallback(standIn, event, eventId));
      const retry: Record<string, string> =
        options.retryNum !== undefined ? { 'X-Slack-Retry-Num': String(options.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' } : {};
      const sent = await send(body, 'application/json', { ...options, headers: { ...retry, ...options.headers } });
      return { ...sent, eventId };
    },
    async blockAction(request, overrides) {
      const responseUrl = request.responseUrl ?? standIn.newResponseUrl();
      const body = new URLSearchParams({ payload: JSON.stringify(blockActionPayload(standIn, request, responseUrl)) }).toString();
      const sent = await send(body, 'application/x-www-form-urlencoded', overrides);
      return { ...sent, responseUrl };
    },
  };
}
