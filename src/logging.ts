// Structured log lines on stderr (one JSON object a line), with secrets redacted by key name so
// a token passed in a field can never reach the log.
import type { Logger } from './command/definition.ts';

const SECRET_KEY = /token|secret|password|authorization|signature/i;
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) clean[key] = SECRET_KEY.test(key) ? '[redacted]' : value;
  return clean;
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const threshold = LEVELS[level];
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[at] < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, message, ...redact(fields) }));
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** ALMANAK_LOG_LEVEL: debug, info (default), warn, error or silent. */
export function logLevelFrom(value: string | undefined): LogLevel {
  return value !== undefined && value in LEVELS ? (value as LogLevel) : 'info';
}

export const silentLogger: Logger = createLogger('silent');
