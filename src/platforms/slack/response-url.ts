// Posts a message to a slash command's or button's response_url, as Bolt's respond() does, but
// keeping the Retry-After of a 429 so the retry waits exactly as long as Slack asks.
import type { SlackMessage } from './render.ts';
import { ResponseUrlError, withRetry, type RetryHooks, type RetryPolicy } from './retry.ts';

export interface ResponsePayload extends SlackMessage {
  readonly response_type: 'ephemeral' | 'in_channel';
  readonly replace_original?: boolean;
}

const TIMEOUT_MS = 10_000;

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number.parseInt(header, 10);
  return Number.isNaN(seconds) || seconds < 0 ? undefined : seconds * 1000;
}

async function postOnce(url: string, payload: ResponsePayload): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(payload),
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = await response.text().catch(() => '');
  if (!response.ok) throw new ResponseUrlError(response.status, retryAfterMs(response.headers.get('retry-after')), body);
}

export function postToResponseUrl(url: string, payload: ResponsePayload, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<void> {
  return withRetry(() => postOnce(url, payload), policy, hooks);
}
