// Maps a failed chat.postMessage to the neutral PostOutcome the digest and alert code acts on:
// gone (stop posting there), forbidden (ask for access), rate-limited (come back later), error.
import type { PostOutcome } from '../types.ts';
import { describeFailure } from './retry.ts';

const GONE = new Set(['channel_not_found', 'is_archived', 'channel_is_archived', 'team_not_found']);
const FORBIDDEN = new Set(['not_in_channel', 'missing_scope', 'restricted_action', 'ekm_access_denied', 'is_inactive', 'not_allowed_token_type']);

export function failedPost(error: unknown): Extract<PostOutcome, { ok: false }> {
  const failure = describeFailure(error);
  switch (failure.kind) {
    case 'rate-limited':
      return { ok: false, reason: 'rate-limited', retryable: true, retryAfterMs: failure.retryAfterMs, message: failure.message };
    case 'server':
      return { ok: false, reason: 'error', retryable: true, message: failure.message };
    case 'client':
      return { ok: false, reason: 'error', retryable: false, message: failure.message };
    case 'platform': {
      const message = `Slack answered ${failure.code}`;
      if (GONE.has(failure.code)) return { ok: false, reason: 'gone', retryable: false, message };
      if (FORBIDDEN.has(failure.code) || failure.code.startsWith('restricted_action')) return { ok: false, reason: 'forbidden', retryable: false, message };
      return { ok: false, reason: 'error', retryable: false, message };
    }
  }
}
