// Logging for the Slack adapter: every line is scrubbed of the bot, app and signing secrets
// (and anything shaped like a Slack token), Bolt's own logger is routed into ours, and a failure
// in our code is logged once with an error id and its stack.
import { randomBytes } from 'node:crypto';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../command/definition.ts';

const TOKEN_SHAPE = /\b(?:xox[a-z]|xapp)-[\w-]+/g;

function scrubber(secrets: readonly string[]): (text: string) => string {
  const known = secrets.filter((secret) => secret.length >= 8);
  return (text) => {
    let out = text.replace(TOKEN_SHAPE, '[redacted]');
    for (const secret of known) out = out.split(secret).join('[redacted]');
    return out;
  };
}

function scrubValue(value: unknown, scrub: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value instanceof Error) return scrub(value.stack ?? value.message);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((entry) => scrubValue(entry, scrub, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, scrubValue(entry, scrub, depth + 1)]));
}

/** A logger that can never write one of `secrets`, nor a token-shaped string. */
export function scrubbingLogger(logger: Logger, secrets: readonly string[]): Logger {
  const scrub = scrubber(secrets);
  const clean = (fields?: Record<string, unknown>) => (fields ? (scrubValue(fields, scrub) as Record<string, unknown>) : undefined);
  return {
    info: (message, fields) => logger.info(scrub(message), clean(fields)),
    warn: (message, fields) => logger.warn(scrub(message), clean(fields)),
    error: (message, fields) => logger.error(scrub(message), clean(fields)),
  };
}

function joinArgs(args: readonly unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : arg instanceof Error ? arg.message : safeJson(arg))).join(' ');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const RANK: Record<LogLevel, number> = { [LogLevel.DEBUG]: 10, [LogLevel.INFO]: 20, [LogLevel.WARN]: 30, [LogLevel.ERROR]: 40 };

/** Bolt's logger interface on top of ours (Bolt's debug lines are dropped unless asked for). */
export function boltLogger(logger: Logger, level: LogLevel = LogLevel.WARN): BoltLogger {
  let threshold = level;
  const at = (wanted: LogLevel) => RANK[wanted] >= RANK[threshold];
  return {
    debug: (...args) => {
      if (at(LogLevel.DEBUG)) logger.info(`bolt: ${joinArgs(args)}`);
    },
    info: (...args) => {
      if (at(LogLevel.INFO)) logger.info(`bolt: ${joinArgs(args)}`);
    },
    warn: (...args) => {
      if (at(LogLevel.WARN)) logger.warn(`bolt: ${joinArgs(args)}`);
    },
    error: (...args) => {
      if (at(LogLevel.ERROR)) logger.error(`bolt: ${joinArgs(args)}`);
    },
    setLevel: (next) => {
      threshold = next;
    },
    getLevel: () => threshold,
    setName: () => undefined,
  };
}

export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** Logs an unexpected failure with a fresh error id and the stack; returns the id for the user. */
export function logFailure(logger: Logger, message: string, error: unknown, fields: Record<string, unknown> = {}): string {
  const errorId = newErrorId();
  logger.error(message, { ...fields, errorId, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  return errorId;
}
