// Failures the stand-in can answer instead of the real response: rate limits with the headers
// discord.js reads, server errors, and Discord's JSON errors for gone or forbidden channels.

export interface Injection {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface InjectionRule {
  readonly method?: string;
  /** Matched against the decoded path after /api/v10 (e.g. /channels/123/messages, …/messages/@original). */
  readonly path: RegExp | string;
  /** Answered in turn, one a matching request; the rule ends when they are used up. */
  readonly responses: Injection[];
}

/** retry_after in seconds, as Discord sends it (the header is what discord.js reads). */
export function rateLimited(retryAfterSeconds: number, options: { global?: boolean; scope?: 'user' | 'global' | 'shared' } = {}): Injection {
  const scope = options.scope ?? (options.global ? 'global' : 'user');
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: options.global === true, ...(options.global ? {} : { code: 0 }) },
    headers: {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-scope': scope,
      ...(options.global ? { 'x-ratelimit-global': 'true' } : {}),
    },
  };
}

export const serverError = (status = 500): Injection => ({ status, body: { message: 'Internal Server Error', code: 0 } });
export const unknownChannel = (): Injection => ({ status: 404, body: { message: 'Unknown Channel', code: 10003 } });
export const missingAccess = (): Injection => ({ status: 403, body: { message: 'Missing Access', code: 50001 } });
export const missingPermissions = (): Injection => ({ status: 403, body: { message: 'Missing Permissions', code: 50013 } });

export function matches(rule: InjectionRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}
