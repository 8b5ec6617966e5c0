// `npm run bench [-- --articles N --queries N --seed S --fresh --out DIR]`: builds (or reuses)
// the synthetic corpus, runs almanak's side and the plain-FTS5 baseline each in a child
// process, prints both with their ratios, and ends with one JSON line of the headline figures.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runSide } from './child.ts';
import { ensureCorpus } from './corpus.ts';
import { intFlag, parseFlags, stringFlag } from './options.ts';
import { formatTable, summaryLine } from './report.ts';
import { msSince } from './stats.ts';

const flags = parseFlags(process.argv.slice(2));
const articles = intFlag(flags, 'articles', 100_000);
const queries = intFlag(flags, 'queries', 200);
const seed = intFlag(flags, 'seed', 42);
const outDir = resolve(stringFlag(flags, 'out', resolve(import.meta.dirname, 'out')));
mkdirSync(outDir, { recursive: true });

const log = (message: string) => process.stderr.write(`${message}\n`);
const corpusStart = process.hrtime.bigint();
const corpus = ensureCorpus({ outDir, articles, seed, sourceDir: resolve(import.meta.dirname, '../corpus'), fresh: flags.has('fresh') });
log(`corpus: ${corpus.dir} (${articles} articles, ${(corpus.manifest.bytes / 1048576).toFixed(0)} MB, ${corpus.reused ? 'reused' : `generated in ${(msSince(corpusStart) / 1000).toFixed(1)} s`})`);

const common = ['--dir', corpus.dir, '--articles', String(articles), '--queries', String(queries), '--seed', String(seed)];
const dbFor = (side: string) => join(outDir, `${side}-n${articles}.db`);
log('almanak: ingest + queries …');
const almanak = await runSide('almanak-side.ts', [...common, '--db', dbFor('almanak')]);
log('baseline (plain FTS5): ingest + queries …');
const baseline = await runSide('baseline-side.ts', [...common, '--db', dbFor('baseline')]);
if (!flags.has('keep-db')) for (const side of ['almanak', 'baseline']) for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFor(side)}${suffix}`, { force: true });

const summary = summaryLine(almanak, baseline, queries);
writeFileSync(join(outDir, `results-n${articles}.json`), `${JSON.stringify({ date: new Date().toISOString(), corpus: corpus.manifest, almanak, baseline, summary }, null, 2)}\n`);
console.log(`\nalmanak benchmark: ${articles.toLocaleString('en-US')} articles (${(corpus.manifest.bytes / articles / 1024).toFixed(1)} KB avg), ${queries} queries (page 1, 10 results, excerpts)\n`);
console.log(formatTable(almanak, baseline));
const load = (side: typeof almanak) => (side.extra?.loadavg1m as number[] | undefined)?.map((value) => value.toFixed(2)).join(' → ') ?? '?';
const cpu = (side: typeof almanak) => Number(side.extra?.ingestCpuSeconds ?? Number.NaN);
console.log(`\ningest CPU time: almanak ${cpu(almanak)} s (${Math.round(almanak.articles / cpu(almanak))} articles per CPU-second), baseline ${cpu(baseline)} s`);
console.log(`machine load (1-min average, before → after each side; above ~1 means other processes competed): almanak ${load(almanak)}, baseline ${load(baseline)}`);
console.log(`store after PRAGMA wal_checkpoint(TRUNCATE): almanak ${(Number(almanak.extra?.storeBytesAfterCheckpoint) / 1048576).toFixed(0)} MB, baseline ${(Number(baseline.extra?.storeBytesAfterCheckpoint) / 1048576).toFixed(0)} MB`);
console.log(`\nslowest almanak queries: ${almanak.extra?.slowest ? JSON.stringify(almanak.extra.slowest) : '–'}`);
console.log(JSON.stringify(summary));
