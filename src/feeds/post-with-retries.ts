// Posts one reply to a qualified channel ("slack:C123") through the platform's ChannelPoster,
// retrying what the platform calls retryable with exponential backoff (or its Retry-After).
// Shared by feed notices and watch alerts; digests keep their own loop beside their ledger.
import type { Reply } from '../core/types.ts';
import { unqualify, type ChannelPoster, type PlatformName, type PostOutcome } from '../platforms/types.ts';

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseMs: number;
}

export type PostResult = (PostOutcome & { readonly attempts: number }) | { readonly ok: false; readonly reason: 'no-platform'; readonly retryable: false; readonly message: string; readonly attempts: 0 };

export async function postWithRetries(
  posters: ReadonlyMap<PlatformName, ChannelPoster>,
  channel: string,
  reply: Reply,
  retry: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
): Promise<PostResult> {
  const target = unqualify(channel);
  const poster = target ? posters.get(target.platform) : undefined;
  if (!target || !poster) return { ok: false, reason: 'no-platform', retryable: false, message: `no connection to post to ${channel}`, attempts: 0 };
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await poster.post(target.channelId, reply);
    if (outcome.ok || !outcome.retryable || attempt >= retry.attempts) return { ...outcome, attempts: attempt };
    await sleep(outcome.retryAfterMs ?? retry.baseMs * 2 ** (attempt - 1));
  }
}
