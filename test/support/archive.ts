// Test fixture: a fresh archive in a temporary SQLite file, with the bundled corpus ingested.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import type { AlmanakConfig } from '../../config/schema.ts';
import { openArchive, type Archive } from '../../src/archive.ts';
import { ingest } from '../../src/ingest/ingest.ts';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../corpus');

export interface TestArchive {
  readonly archive: Archive;
  readonly dir: string;
  readonly dbPath: string;
  cleanup(): void;
}

/** An empty archive in a temp folder (removed by cleanup()). */
export function emptyArchive(overrides: Partial<AlmanakConfig> = {}): TestArchive {
  const dir = mkdtempSync(join(tmpdir(), 'almanak-test-'));
  const dbPath = join(dir, 'almanak.db');
  const archive = openArchive(loadConfig({ env: {}, overrides: { dbPath, ...overrides } }));
  return {
    archive,
    dir,
    dbPath,
    cleanup() {
      archive.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An archive holding the five bundled corpus articles. */
export async function corpusArchive(overrides: Partial<AlmanakConfig> = {}): Promise<TestArchive> {
  const fixture = emptyArchive(overrides);
  const report = await ingest(fixture.archive, [CORPUS_DIR]);
  if (report.added.length !== 5) throw new Error(`corpus fixture: expected 5 articles, got ${JSON.stringify(report)}`);
  return fixture;
}
