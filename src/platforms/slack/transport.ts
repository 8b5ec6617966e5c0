// How Slack reaches almanak: Bolt's HTTP receiver (signed requests on /slack/events for slash
// commands, events and buttons) or Socket Mode (an outbound WebSocket opened with the app-level
// token), as config.slack.mode says. Signature and timestamp checks stay on.
import type { Server } from 'node:http';
import { HTTPReceiver, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { SlackCredentials } from '../credentials.ts';
import { SLACK_EVENTS_PATH } from './manifest.ts';

export class SlackStartError extends Error {
  readonly code = 'slack_start';
}

export type SlackTransport =
  | { readonly mode: 'http'; readonly receiver: HTTPReceiver; start(): Promise<Server> }
  | { readonly mode: 'socket'; readonly receiver: SocketModeReceiver; start(): Promise<unknown> };

export interface TransportOptions {
  readonly mode: 'http' | 'socket';
  readonly credentials: SlackCredentials;
  readonly port: number;
  /** Interface to listen on (HTTP mode); all interfaces when undefined. */
  readonly host?: string;
  readonly logger: BoltLogger;
  /** The Web API base for Socket Mode's own apps.connections.open calls. */
  readonly slackApiUrl?: string;
}

export function createTransport(options: TransportOptions): SlackTransport {
  const { credentials } = options;
  if (options.mode === 'socket') {
    if (!credentials.appToken) throw new SlackStartError('SLACK_APP_TOKEN is missing (needed in Socket Mode)');
    const receiver = new SocketModeReceiver({
      appToken: credentials.appToken,
      logger: options.logger,
      installerOptions: { clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {} },
    });
    return { mode: 'socket', receiver, start: () => receiver.start() };
  }
  if (!credentials.signingSecret) throw new SlackStartError('SLACK_SIGNING_SECRET is missing (needed in HTTP mode)');
  const receiver = new HTTPReceiver({
    signingSecret: credentials.signingSecret,
    endpoints: [SLACK_EVENTS_PATH],
    signatureVerification: true,
    // Answer Slack as soon as a handler calls ack(); the work goes on after the response.
    processBeforeResponse: false,
    logger: options.logger,
  });
  const listen = options.host ? { port: options.port, host: options.host } : { port: options.port };
  return { mode: 'http', receiver, start: () => receiver.start(listen) };
}
