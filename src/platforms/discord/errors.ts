// What went wrong talking to Discord, in words safe to log (interaction and webhook tokens in
// URLs are cut out; the bot token never appears), and as a PostOutcome for channel posts.
import { randomBytes } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { PostOutcome } from '../types.ts';

/** Discord JSON error codes almanak acts on. */
export const DISCORD_CODES = { unknownChannel: 10003, missingAccess: 50001, missingPermissions: 50013, cannotSendToUser: 50007 } as const;

export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** Interaction and webhook tokens are credentials for 15 minutes: never log them. */
export function redactUrl(text: string): string {
  return text
    .replace(/(\/interactions\/\d+\/)[^/?\s]+/g, '$1:token')
    .replace(/(\/webhooks\/\d+\/)[^/?\s]+/g, '$1:token');
}

function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = redactUrl(text);
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}

/** Log fields describing an error; the stack is kept under `error`, as dispatch logs it. */
export function errorFields(error: unknown, secrets: readonly string[] = []): Record<string, unknown> {
  const clean = (text: string) => redactSecrets(text, secrets);
  if (error instanceof DiscordAPIError) {
    return { status: error.status, code: error.code, method: error.method, url: clean(error.url), detail: clean(error.message), error: clean(error.stack ?? '') };
  }
  if (error instanceof HTTPError) {
    return { status: error.status, method: error.method, url: clean(error.url), detail: clean(error.message), error: clean(error.stack ?? '') };
  }
  if (error instanceof RateLimitError) {
    return { status: 429, route: error.route, method: error.method, retryAfterMs: error.retryAfter, global: error.global, scope: error.scope };
  }
  if (error instanceof Error) return { detail: clean(error.message), error: clean(error.stack ?? error.message) };
  return { detail: clean(String(error)) };
}

/** A failed channel post as an outcome the digest and alert runners can act on. */
export function postFailure(error: unknown): PostOutcome {
  if (error instanceof RateLimitError) {
    return { ok: false, reason: 'rate-limited', retryable: true, retryAfterMs: Math.max(error.retryAfter, error.timeToReset), message: 'Discord rate limit' };
  }
  if (error instanceof DiscordAPIError) {
    const message = `Discord ${error.status}${typeof error.code === 'number' ? ` (${error.code})` : ''}: ${error.message}`;
    if (error.code === DISCORD_CODES.unknownChannel || error.status === 404) return { ok: false, reason: 'gone', retryable: false, message };
    if (error.code === DISCORD_CODES.missingAccess || error.code === DISCORD_CODES.missingPermissions || error.code === DISCORD_CODES.cannotSendToUser || error.status === 403) {
      return { ok: false, reason: 'forbidden', retryable: false, message };
    }
    if (error.status === 429) return { ok: false, reason: 'rate-limited', retryable: true, message };
    return { ok: false, reason: 'error', retryable: error.status >= 500, message };
  }
  if (error instanceof HTTPError) return { ok: false, reason: 'error', retryable: true, message: `Discord ${error.status}: ${error.message}` };
  // Network failures and time-outs: worth another try later.
  return { ok: false, reason: 'error', retryable: true, message: error instanceof Error ? redactUrl(error.message) : String(error) };
}
