// What each side of the benchmark (almanak, plain FTS5) reports to the parent: one JSON line,
// the last line of the child's stdout.
import type { QueryTimings } from './measure-queries.ts';
import type { LatencySummary } from './stats.ts';

export interface SideMetrics {
  readonly side: 'almanak' | 'baseline';
  readonly articles: number;
  readonly ingestSeconds: number;
  readonly ingestPerSec: number;
  readonly dbBytes: number;
  readonly walBytes: number;
  readonly storeBytes: number;
  /** Peak RSS right after ingest, and at the end (after the queries). */
  readonly rssAfterIngestMb: number;
  readonly peakRssMb: number;
  readonly query: LatencySummary;
  readonly search: LatencySummary;
  readonly summit: LatencySummary;
  /** Queries that found nothing, and the mean number of results shown per query. */
  readonly emptyQueries: number;
  readonly meanResults: number;
  readonly extra?: Record<string, unknown>;
}

export function emitMetrics(metrics: SideMetrics): void {
  process.stdout.write(`${JSON.stringify(metrics)}\n`);
}

/** The metrics both sides report, from what each measured (so the two stay comparable). */
export function sideMetrics(
  side: SideMetrics['side'],
  measured: {
    readonly articles: number;
    readonly ingestSeconds: number;
    readonly size: { readonly dbBytes: number; readonly walBytes: number; readonly totalBytes: number };
    readonly rssAfterIngestMb: number;
    readonly peakRssMb: number;
    readonly timings: QueryTimings;
    readonly extra: Record<string, unknown>;
  },
): SideMetrics {
  const { articles, ingestSeconds, size, timings } = measured;
  return {
    side,
    articles,
    ingestSeconds: Number(ingestSeconds.toFixed(2)),
    ingestPerSec: Math.round(articles / ingestSeconds),
    dbBytes: size.dbBytes,
    walBytes: size.walBytes,
    storeBytes: size.totalBytes,
    rssAfterIngestMb: measured.rssAfterIngestMb,
    peakRssMb: measured.peakRssMb,
    query: timings.all,
    search: timings.search,
    summit: timings.summit,
    emptyQueries: timings.emptyQueries,
    meanResults: timings.meanResults,
    extra: measured.extra,
  };
}
