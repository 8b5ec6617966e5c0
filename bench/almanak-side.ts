// Child process: almanak's side of the benchmark. Ingests the corpus folder into a fresh
// archive through the real ingest(), then times the query mix through searchArchive() and
// findMeetings() (page 1, 10 results, excerpts included) and prints its metrics as one JSON line.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { loadConfig } from '../config/load.ts';
import { openArchive } from '../src/archive.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { searchArchive } from '../src/search/search.ts';
import { findMeetings } from '../src/search/summit.ts';
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

for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
const archive = openArchive(loadConfig({ env: {}, overrides: { dbPath } }));

// Load from other processes on the machine skews timings: recorded so a noisy run shows.
const loadBefore = loadavg()[0]!;
const cpuBefore = process.cpuUsage();
const ingestStart = process.hrtime.bigint();
const report = await ingest(archive, [dir], {
  progressEvery: 10_000,
  onProgress: (done, total) => process.stderr.write(`  almanak: ${done}/${total} articles analysed (${(msSince(ingestStart) / 1000).toFixed(0)} s)\n`),
});
const ingestSeconds = msSince(ingestStart) / 1000;
const ingestCpu = process.cpuUsage(cpuBefore);
const ingestCpuSeconds = Number(((ingestCpu.user + ingestCpu.system) / 1e6).toFixed(2));
if (report.added.length !== expected || report.rejected.length > 0) {
  throw new Error(`almanak ingest: expected ${expected} added, got ${report.added.length} added, ${report.rejected.length} rejected (${JSON.stringify(report.rejected.slice(0, 3))})`);
}
const size = storeSize(dbPath);
const rssAfterIngestMb = peakRssMb();

function run(query: BenchQuery): number {
  const items =
    query.kind === 'summit'
      ? findMeetings(archive, { names: query.text, page: 1, pageSize: 10 }).items
      : searchArchive(archive, { text: query.text, page: 1, pageSize: 10 }).items;
  // Every result must carry its excerpt: that is part of what is being timed.
  if (items.some((item) => item.excerpt.length === 0)) throw new Error(`query "${query.text}": a result has no excerpt`);
  return items.length;
}
const timings = measureQueries(generateQueries(50, seed + 1), generateQueries(queryCount, seed), run);
const peak = peakRssMb();

// Row counts of the tables that drive store size; the schema changes over time, so a missing table is skipped.
const rows = (table: string) => {
  const exists = archive.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
  return exists ? (archive.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n : null;
};
const extra = {
  passages: rows('passages'),
  articleNames: rows('article_names'),
  names: rows('names'),
  warnings: report.warnings.length,
  slowest: timings.slowest,
  tables: tableSizes(archive.db),
};
archive.db.pragma('wal_checkpoint(TRUNCATE)');
const afterCheckpoint = storeSize(dbPath);
archive.close();

emitMetrics(
  sideMetrics('almanak', {
    articles: report.added.length,
    ingestSeconds,
    size,
    rssAfterIngestMb,
    peakRssMb: peak,
    timings,
    extra: { ingestCpuSeconds, loadavg1m: [loadBefore, loadavg()[0]!], ...extra, storeBytesAfterCheckpoint: afterCheckpoint.totalBytes },
  }),
);
