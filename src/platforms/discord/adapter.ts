// What the Discord handlers share: almanak's dependencies, the dispatch context for a caller,
// and one way to log a failure under an error id (tokens redacted, stack kept).
import type { Caller } from '../../command/definition.ts';
import type { DispatchContext } from '../../command/dispatch.ts';
import { dispatchContext } from '../../cli/context.ts';
import type { PlatformDeps } from '../types.ts';
import { errorFields, newErrorId } from './errors.ts';

export interface Adapter {
  readonly deps: PlatformDeps;
  /** False once stop() has begun: new requests get a short "restarting" answer. */
  accepting(): boolean;
  context(caller: Caller): DispatchContext;
  /** Logs the error with a new error id and returns the id (to show the user). */
  fail(message: string, error: unknown, fields?: Record<string, unknown>): string;
  /** Logs a failure that no user is waiting on (e.g. the apology itself could not be sent). */
  warn(message: string, error: unknown, fields?: Record<string, unknown>): void;
}

export function createAdapter(deps: PlatformDeps, accepting: () => boolean): Adapter {
  const secrets = deps.credentials.discord ? [deps.credentials.discord.token] : [];
  return {
    deps,
    accepting,
    context: (caller) => dispatchContext(deps.archive, deps.logger, caller, deps.clock),
    fail(message, error, fields = {}) {
      const errorId = newErrorId();
      deps.logger.error(message, { platform: 'discord', errorId, ...fields, ...errorFields(error, secrets) });
      return errorId;
    },
    warn(message, error, fields = {}) {
      deps.logger.warn(message, { platform: 'discord', ...fields, ...errorFields(error, secrets) });
    },
  };
}

export function discordCaller(fields: Omit<Caller, 'platform'>): Caller {
  return { platform: 'discord', ...fields };
}
