// Child process: the baseline, the same corpus in a plain FTS5 table — unicode61 tokenizer, no
// stemming, content stored in the FTS table, one transaction, WAL as almanak uses it. Queries
// are the plain words AND'ed, ORDER BY rank LIMIT 10 with snippet() as the excerpt.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { measureQueries } from './measure-queries.ts';
import { intFlag, parseFlags, stringFlag } from './options.ts';
import { generateQueries, type BenchQuery } from './queries.ts';
import { emitMetrics, sideMetrics } from './side-metrics.ts';
import { msSince, peakRssMb, storeSize } from './stats.ts';
import { tableSizes } from './table-sizes.ts';

const flags = parseFlags(process.argv.slice(2));
const dir = stringFlag(flags, 'dir');
const dbPath = stringFlag(flags, 'db');
const expected = intFlag(flags, 'articles', 1);
const queryCount = intFlag(flags, 'queries', 200);
const seed = intFlag(flags, 'seed', 42);

const MARKER = /^\s*date\s+(\d{4}-\d{1,2}(?:-\d{1,2})?)[ \t]*/;

/** Article files under `folder`, in name order (folders first-level sorted, like a plain walk). */
function articleFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...articleFiles(path));
    else if (entry.name.endsWith('.txt')) out.push(path);
  }
  return out;
}

for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE VIRTUAL TABLE docs USING fts5 (origin UNINDEXED, date UNINDEXED, body, tokenize = 'unicode61')`);

// Load from other processes on the machine skews timings: recorded so a noisy run shows.
const loadBefore = loadavg()[0]!;
const cpuBefore = process.cpuUsage();
const ingestStart = process.hrtime.bigint();
const files = articleFiles(dir);
const insert = db.prepare('INSERT INTO docs (origin, date, body) VALUES (?, ?, ?)');
db.transaction(() => {
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const marker = MARKER.exec(text);
    insert.run(file.slice(dir.length + 1), marker ? marker[1]! : null, marker ? text.slice(marker[0].length) : text);
  }
})();
const ingestSeconds = msSince(ingestStart) / 1000;
const ingestCpu = process.cpuUsage(cpuBefore);
const ingestCpuSeconds = Number(((ingestCpu.user + ingestCpu.system) / 1e6).toFixed(2));
if (files.length !== expected) throw new Error(`baseline ingest: expected ${expected} files, found ${files.length}`);
const size = storeSize(dbPath);
const rssAfterIngestMb = peakRssMb();

const search = db.prepare<[string], { rowid: number; origin: string; date: string | null; excerpt: string }>(
  `SELECT rowid, origin, date, snippet(docs, 2, '«', '»', '…', 48) AS excerpt FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10`,
);
function run(query: BenchQuery): number {
  if (query.baselineMatch.length === 0) return 0;
  return search.all(query.baselineMatch).length;
}
const timings = measureQueries(generateQueries(50, seed + 1), generateQueries(queryCount, seed), run);
const peak = peakRssMb();
const tables = tableSizes(db);
db.pragma('wal_checkpoint(TRUNCATE)');
const afterCheckpoint = storeSize(dbPath);
db.close();

emitMetrics(
  sideMetrics('baseline', {
    articles: files.length,
    ingestSeconds,
    size,
    rssAfterIngestMb,
    peakRssMb: peak,
    timings,
    extra: { ingestCpuSeconds, loadavg1m: [loadBefore, loadavg()[0]!], slowest: timings.slowest, tables, storeBytesAfterCheckpoint: afterCheckpoint.totalBytes },
  }),
);
