// Times a query mix the same way on both sides: every warm-up query once (a separate seeded
// set, so timed queries are not answered from warm caches of themselves), then each timed
// query once, measured with process.hrtime.bigint().
import type { BenchQuery } from './queries.ts';
import { msSince, summarize, type LatencySummary } from './stats.ts';

export interface QueryTimings {
  readonly all: LatencySummary;
  readonly search: LatencySummary;
  readonly summit: LatencySummary;
  readonly emptyQueries: number;
  readonly meanResults: number;
  /** The slowest timed queries, for profiling. */
  readonly slowest: readonly { text: string; kind: string; ms: number; results: number }[];
}

/** `run` answers one query and returns how many results it shows (page 1). */
export function measureQueries(warmup: readonly BenchQuery[], timed: readonly BenchQuery[], run: (query: BenchQuery) => number): QueryTimings {
  for (const query of warmup) run(query);
  const samples: { query: BenchQuery; ms: number; results: number }[] = [];
  for (const query of timed) {
    const start = process.hrtime.bigint();
    const results = run(query);
    samples.push({ query, ms: msSince(start), results });
  }
  const of = (kind: string) => samples.filter((sample) => sample.query.kind === kind).map((sample) => sample.ms);
  return {
    all: summarize(samples.map((sample) => sample.ms)),
    search: summarize(of('search')),
    summit: summarize(of('summit')),
    emptyQueries: samples.filter((sample) => sample.results === 0).length,
    meanResults: Number((samples.reduce((sum, sample) => sum + sample.results, 0) / Math.max(1, samples.length)).toFixed(2)),
    slowest: [...samples]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8)
      .map((sample) => ({ text: sample.query.text, kind: sample.query.kind, ms: Number(sample.ms.toFixed(2)), results: sample.results })),
  };
}
