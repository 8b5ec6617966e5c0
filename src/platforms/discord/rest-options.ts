// How almanak talks HTTP to Discord. discord.js REST already waits out 429s (retry_after) and
// retries 5xx and time-outs `retries` times, but immediately; this adds an exponential pause
// between those retries, and turns long rate-limit waits on channel posts into errors so a
// digest run can reschedule instead of stalling.
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultRestOptions, type RateLimitData, type RESTOptions } from 'discord.js';

export interface RestTuning {
  /** Retries after a 5xx or a time-out (discord.js `rest.retries`). */
  readonly retries: number;
  /** First pause before a retry; doubled each time, up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** Rate-limit waits longer than this on /channels/… routes are rejected (RateLimitError). */
  readonly maxChannelRateLimitWaitMs: number;
  /** Per-request time-out. */
  readonly timeoutMs: number;
}

export const DEFAULT_REST_TUNING: RestTuning = { retries: 3, backoffMs: 250, maxBackoffMs: 4000, maxChannelRateLimitWaitMs: 5000, timeoutMs: 15_000 };

type MakeRequest = RESTOptions['makeRequest'];

/** Wraps a request function so that each 5xx before the last allowed retry is followed by a pause. */
export function withBackoff(makeRequest: MakeRequest, tuning: Pick<RestTuning, 'retries' | 'backoffMs' | 'maxBackoffMs'>): MakeRequest {
  // Consecutive failures per method and URL: discord.js retries the very same request, so this
  // counts its attempts. Entries go when a request succeeds or has used up its retries.
  const failures = new Map<string, number>();
  const pause = async (key: string) => {
    const count = (failures.get(key) ?? 0) + 1;
    if (count > tuning.retries) {
      failures.delete(key);
      return;
    }
    failures.set(key, count);
    await sleep(Math.min(tuning.maxBackoffMs, tuning.backoffMs * 2 ** (count - 1)));
  };
  return async (url, init) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    let response: Awaited<ReturnType<MakeRequest>>;
    try {
      response = await makeRequest(url, init);
    } catch (error) {
      if (retriedByDiscordJs(error)) await pause(key);
      throw error;
    }
    if (response.status >= 500 && response.status < 600) await pause(key);
    else failures.delete(key);
    return response;
  };
}

/** The network errors discord.js retries (time-outs and resets); others fail at once. */
function retriedByDiscordJs(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'AbortError' || (error as { code?: unknown }).code === 'ECONNRESET' || error.message.includes('ECONNRESET');
}

export function channelRateLimitPolicy(maxWaitMs: number): (data: RateLimitData) => boolean {
  return (data) => data.route.startsWith('/channels/') && Math.max(data.retryAfter, data.timeToReset, data.sublimitTimeout) > maxWaitMs;
}

export function restOptions(apiUrl: string | undefined, tuning: RestTuning = DEFAULT_REST_TUNING): Partial<RESTOptions> {
  return {
    ...(apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {}),
    retries: tuning.retries,
    timeout: tuning.timeoutMs,
    makeRequest: withBackoff(DefaultRestOptions.makeRequest as MakeRequest, tuning),
    rejectOnRateLimit: channelRateLimitPolicy(tuning.maxChannelRateLimitWaitMs),
  };
}
