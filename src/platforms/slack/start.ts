// Starts the Slack adapter: builds the Bolt app on the chosen transport, checks the bot token
// with auth.test, registers the handlers, and returns the poster and a graceful stop().
import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { App, LogLevel, webApi } from '@slack/bolt';
import type { PlatformDeps, PlatformRuntime } from '../types.ts';
import type { SlackAdapter } from './adapter.ts';
import { registerDirectMessages } from './direct-messages.ts';
import { createSeenEvents } from './event-dedupe.ts';
import { createInFlight } from './in-flight.ts';
import { createChannelManagerCheck } from './channel-managers.ts';
import { apiBase, webClientOptions } from './client-options.ts';
import { boltLogger, logFailure, scrubbingLogger } from './log.ts';
import { registerMoreButton } from './more-button.ts';
import { MAX_POST_MESSAGES, createSlackPoster } from './poster.ts';
import { defaultRetryPolicy, describeFailure, withRetry, type RetryPolicy } from './retry.ts';
import { registerSlashCommands } from './slash-commands.ts';
import { SlackStartError, createTransport } from './transport.ts';

export interface SlackOptions {
  /** Retries of our own calls to Slack (tests shorten the delays). */
  readonly retry?: RetryPolicy;
  /** How long stop() waits for running handlers before it gives up on them. */
  readonly stopTimeoutMs?: number;
  /** Interface the HTTP receiver listens on; all interfaces by default. */
  readonly host?: string;
  /** Event ids remembered to drop Events API retries. */
  readonly seenEvents?: number;
  readonly boltLogLevel?: LogLevel;
}

export interface SlackRuntime extends PlatformRuntime {
  readonly mode: 'http' | 'socket';
  /** The port the HTTP receiver listens on (HTTP mode). */
  readonly port: number | undefined;
  readonly botUserId: string;
}

/** A response_url takes five posts. */
const RESPONSE_URL_POSTS = 5;

export async function startSlack(deps: PlatformDeps, options: SlackOptions = {}): Promise<SlackRuntime> {
  const credentials = deps.credentials.slack;
  if (!credentials) throw new SlackStartError('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN in Socket Mode)');
  const mode = deps.config.slack.mode;
  const secrets = [credentials.botToken, credentials.signingSecret, credentials.appToken].filter((value): value is string => Boolean(value));
  const logger = scrubbingLogger(deps.logger, secrets);
  const bolt = boltLogger(logger, options.boltLogLevel ?? LogLevel.WARN);
  const slackApiUrl = apiBase(credentials.apiUrl);
  const transport = createTransport({
    mode,
    credentials,
    port: deps.credentials.port ?? deps.config.slack.port,
    ...(options.host ? { host: options.host } : {}),
    logger: bolt,
    ...(slackApiUrl ? { slackApiUrl } : {}),
  });

  const clientOptions = { ...webClientOptions(credentials.apiUrl, logger), logger: bolt };
  const retry = options.retry ?? defaultRetryPolicy;
  // auth.test runs here, where a failure is ours to report; given botId and botUserId, Bolt
  // does not call it again in its constructor (where a failure would be an unhandled rejection).
  let identity: { botId: string; botUserId: string };
  try {
    const auth = await withRetry(() => new webApi.WebClient(credentials.botToken, clientOptions).auth.test(), retry);
    if (!auth.bot_id || !auth.user_id) throw new Error('the token is not a bot token (auth.test named no bot)');
    identity = { botId: auth.bot_id, botUserId: auth.user_id };
  } catch (error) {
    throw new SlackStartError(`Slack did not accept the bot token (auth.test): ${describeFailure(error).message}`);
  }

  const app = new App({
    token: credentials.botToken,
    ...identity,
    receiver: transport.receiver,
    logger: bolt,
    logLevel: bolt.getLevel(),
    convoStore: false,
    clientOptions,
  });
  app.error(async (error) => {
    logFailure(logger, 'slack: unhandled error in a Bolt listener', error);
  });

  const inFlight = createInFlight();
  // Every request Bolt hands on is counted from the first middleware to the end of its listener,
  // so stop() knows what is still running (the listeners ack() first, then do the work).
  app.use(async ({ next }) => {
    await inFlight.track(() => next());
  });
  const adapter: SlackAdapter = {
    deps,
    archive: deps.archive,
    clock: deps.clock,
    logger,
    retry,
    inFlight,
    maxResponseMessages: RESPONSE_URL_POSTS,
    maxPostMessages: MAX_POST_MESSAGES,
    isChannelManager: createChannelManagerCheck(app.client, deps.config, deps.clock, logger),
  };
  registerSlashCommands(app, adapter);
  registerMoreButton(app, adapter);
  registerDirectMessages(app, adapter, createSeenEvents(options.seenEvents));

  let server: Server | undefined;
  try {
    if (transport.mode === 'http') server = await transport.start();
    else await transport.start();
  } catch (error) {
    // Leave nothing behind (Socket Mode would otherwise keep trying to reconnect).
    await transport.receiver.stop().catch(() => undefined);
    throw new SlackStartError(`Slack ${mode === 'http' ? 'HTTP receiver' : 'Socket Mode connection'} did not start: ${describeFailure(error).message}`);
  }
  const address = server?.address();
  const port = address && typeof address === 'object' ? address.port : undefined;
  logger.info('slack: started', { mode, ...(port !== undefined ? { port } : {}) });

  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // server.close() stops accepting at once; it completes when the open connections end.
      const closed = transport.receiver.stop().then(
        () => true,
        (error: unknown) => {
          logger.warn('slack: receiver did not stop cleanly', { detail: describeFailure(error).message });
          return true;
        },
      );
      const deadline = Date.now() + stopTimeoutMs;
      await inFlight.drain(stopTimeoutMs);
      const timer = new AbortController();
      const done = await Promise.race([closed, delay(Math.max(0, deadline - Date.now()), false, { signal: timer.signal }).catch(() => false)]);
      timer.abort();
      if (!done) {
        server?.closeAllConnections();
        await closed;
      }
      // A request still on its way through Bolt when the port closed has been counted by now.
      if (!(await inFlight.drain(Math.max(0, deadline - Date.now())))) logger.warn('slack: stopped with handlers still running', { running: inFlight.size });
      logger.info('slack: stopped');
    })();
    return stopping;
  };

  return { name: 'slack', mode, port, botUserId: identity.botUserId, poster: createSlackPoster(adapter, app.client), stop };
}
