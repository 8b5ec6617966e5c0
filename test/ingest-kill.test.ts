// An ingest killed half-way (SIGKILL, no chance to clean up) leaves the store exactly as it was:
// the whole batch is one transaction, and SQLite's WAL discards the uncommitted part.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { openArchive } from '../src/archive.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { CORPUS_DIR, emptyArchive, type TestArchive } from './support/archive.ts';

const ALMANAK = resolve(import.meta.dirname, '../bin/almanak.js');
let fixture: TestArchive;
afterAll(() => fixture?.cleanup());

function writeManyArticles(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  const sentences = readdirSync(CORPUS_DIR).flatMap((name) =>
    readFileSync(join(CORPUS_DIR, name), 'utf8').split(/(?<=[.!?])\s+/).filter((s) => s.length > 40),
  );
  for (let i = 0; i < count; i += 1) {
    const body = Array.from({ length: 12 }, (_, k) => sentences[(i * 7 + k * 13) % sentences.length]).join(' ');
    writeFileSync(join(dir, `gen-${String(i).padStart(5, '0')}.txt`), ` date 20${10 + (i % 12)}-0${1 + (i % 9)} ${body}`);
  }
}

describe('an ingest killed half-way', () => {
  it('leaves the previous state intact, and the next ingest completes', async () => {
    fixture = emptyArchive();
    await ingest(fixture.archive, [CORPUS_DIR]);
    fixture.archive.close();
    const batch = join(fixture.dir, 'batch');
    writeManyArticles(batch, 4000);

    const child = spawn(process.execPath, [ALMANAK, 'ingest', batch, '--db', fixture.dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const killed = await new Promise<boolean>((done) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // The first progress line comes from inside the transaction, before any commit.
        if (/ingest: \d+\/4000 prepared/.test(stderr)) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => done(signal === 'SIGKILL'));
    });
    expect(killed, `child finished before it could be killed: ${stderr}`).toBe(true);

    const archive = openArchive(loadConfig({ env: {}, overrides: { dbPath: fixture.dbPath } }));
    try {
      expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(archive.db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 5 });
      expect(archive.db.prepare("SELECT count(*) AS n FROM article_terms WHERE article_terms MATCH 'putin'").get()).toEqual({ n: 5 });
      const report = await ingest(archive, [batch]);
      expect(report.added).toHaveLength(4000);
    } finally {
      archive.close();
    }
  }, 60_000);
});
