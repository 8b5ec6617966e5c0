// How almanak's WebClients talk to Slack: the overridable API base, a timeout, and no retries
// of their own — retry.ts is the only retry layer, so 429s and 5xx reach it at once.
import { LogLevel, type webApi } from '@slack/bolt';
import type { Logger } from '../../command/definition.ts';
import { boltLogger } from './log.ts';

const WEB_API_TIMEOUT_MS = 10_000;

/** The Web API base ends in a slash, as the WebClient joins method names onto it. */
export function apiBase(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

export function webClientOptions(apiUrl: string | undefined, logger: Logger, level: LogLevel = LogLevel.WARN): webApi.WebClientOptions {
  const slackApiUrl = apiBase(apiUrl);
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger: boltLogger(logger, level),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: WEB_API_TIMEOUT_MS,
  };
}
