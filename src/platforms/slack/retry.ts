// The one retry layer for almanak's own calls to Slack (Web API and response_url): a 429 waits
// for its Retry-After, a 5xx or network failure backs off exponentially, a bounded number of
// times. The WebClient's own retries are switched off so the two layers never multiply.
import { setTimeout as delay } from 'node:timers/promises';

export interface RetryPolicy {
  /** Extra attempts after the first. */
  readonly retries: number;
  /** First backoff after a 5xx or network failure; doubles each time. */
  readonly baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails as rate-limited. */
  readonly maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 3, baseDelayMs: 500, maxRetryAfterMs: 30_000 };

/** What went wrong with one call, in terms that decide whether to try again. */
export type CallFailure =
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number; readonly message: string }
  | { readonly kind: 'server'; readonly status?: number; readonly message: string }
  | { readonly kind: 'platform'; readonly code: string; readonly message: string }
  | { readonly kind: 'client'; readonly status: number; readonly message: string };

/** A failed POST to a response_url (Bolt's own respond() drops the Retry-After header). */
export class ResponseUrlError extends Error {
  readonly code = 'slack_response_url';
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
    readonly body: string,
  ) {
    super(`response_url answered HTTP ${status}${body ? `: ${body.slice(0, 80)}` : ''}`);
  }
}

/** Web API error codes that are Slack's own trouble, worth another try. */
const TRANSIENT_CODES = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** Reads @slack/web-api's errors by their stable `code` strings (no class identity needed). */
export function describeFailure(error: unknown): CallFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ResponseUrlError) {
    if (error.status === 429) return { kind: 'rate-limited', retryAfterMs: error.retryAfterMs ?? 1000, message };
    if (error.status >= 500) return { kind: 'server', status: error.status, message };
    return { kind: 'client', status: error.status, message };
  }
  switch (field(error, 'code')) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = Number(field(error, 'retryAfter'));
      return { kind: 'rate-limited', retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : 1000, message };
    }
    case 'slack_webapi_http_error': {
      const status = Number(field(error, 'statusCode'));
      return status >= 500 ? { kind: 'server', status, message } : { kind: 'client', status, message };
    }
    case 'slack_webapi_platform_error': {
      const code = String(field(field(error, 'data'), 'error') ?? 'unknown_error');
      if (code === 'ratelimited' || code === 'rate_limited') return { kind: 'rate-limited', retryAfterMs: 1000, message };
      if (TRANSIENT_CODES.has(code)) return { kind: 'server', message };
      return { kind: 'platform', code, message };
    }
    case 'slack_webapi_request_error':
      return { kind: 'server', message };
    default:
      // fetch's own failures (connection refused, reset, timeout) arrive as TypeError/AbortError.
      return { kind: 'server', message };
  }
}

export function isRetryable(failure: CallFailure): boolean {
  return failure.kind === 'rate-limited' || failure.kind === 'server';
}

export interface RetryHooks {
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told about each failed attempt that will be retried. */
  readonly onRetry?: (failure: CallFailure, attempt: number, waitMs: number) => void;
}

/** Runs `call` until it succeeds or fails for good; rethrows the last error. */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => delay(ms));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const failure = describeFailure(error);
      if (attempt >= policy.retries || !isRetryable(failure)) throw error;
      let waitMs: number;
      if (failure.kind === 'rate-limited') {
        if (failure.retryAfterMs > policy.maxRetryAfterMs) throw error;
        waitMs = failure.retryAfterMs;
      } else {
        waitMs = policy.baseDelayMs * 2 ** attempt;
      }
      hooks.onRetry?.(failure, attempt + 1, waitMs);
      await sleep(waitMs);
    }
  }
}
