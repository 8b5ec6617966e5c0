// Builds what a command needs from the CLI's flags: configuration, the open archive, a clock.
import { loadConfig } from '../../config/load.ts';
import type { AlmanakConfig } from '../../config/schema.ts';
import { openArchive, type Archive } from '../archive.ts';
import type { Caller, Clock, Logger } from '../command/definition.ts';
import type { DispatchContext } from '../command/dispatch.ts';

export interface GlobalFlags {
  readonly db?: string;
  readonly config?: string;
}

export const systemClock: Clock = { now: () => new Date() };

export function configFromFlags(flags: GlobalFlags): AlmanakConfig {
  return loadConfig({
    ...(flags.config ? { file: flags.config } : {}),
    ...(flags.db ? { overrides: { dbPath: flags.db } } : {}),
  });
}

export function dispatchContext(archive: Archive, logger: Logger, caller: Caller, clock: Clock = systemClock): DispatchContext {
  return { archive, clock, timeZone: archive.config.timeZone, logger, caller, pageSize: archive.config.pageSize };
}

export type { Archive };
export { openArchive };
