// Loads almanak's configuration once at start-up: defaults, then a JSON file named by
// ALMANAK_CONFIG (or --config), then environment overrides; fails fast naming the bad key.
import { readFileSync } from 'node:fs';
import { defaults } from './defaults.ts';
import { configSchema, type AlmanakConfig } from './schema.ts';

export class ConfigError extends Error {
  readonly code = 'config';
}

export interface LoadConfigOptions {
  /** Path of a JSON file merged over the defaults. */
  readonly file?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides applied last (tests, command-line flags). */
  readonly overrides?: Partial<AlmanakConfig>;
}

function readJsonFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error('the top level must be an object');
    }
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function badRegex(patterns: readonly string[]): string | undefined {
  for (const pattern of patterns) {
    try {
      new RegExp(pattern, 'iu');
    } catch {
      return pattern;
    }
  }
  return undefined;
}

export function loadConfig(options: LoadConfigOptions = {}): AlmanakConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.ALMANAK_CONFIG;
  const fromFile = file ? readJsonFile(file) : {};
  const fromEnv: Record<string, unknown> = {};
  if (env.ALMANAK_DB) fromEnv.dbPath = env.ALMANAK_DB;
  if (env.ALMANAK_TZ) fromEnv.timeZone = env.ALMANAK_TZ;
  const merged = { ...defaults, ...fromFile, ...fromEnv, ...options.overrides };

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.') || '(top level)';
    const where = file ? ` in ${file}` : '';
    throw new ConfigError(`config key "${key}"${where} ${issue.message}`);
  }
  const config = parsed.data;
  const regex = badRegex([...config.boilerplate.dropParagraphs, ...config.boilerplate.trailingCredits]);
  if (regex !== undefined) throw new ConfigError(`config key "boilerplate" has an invalid pattern: ${regex}`);
  return config;
}
