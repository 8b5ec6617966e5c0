// What each side of the benchmark (almanak, plain FTS5) reports to the parent: one JSON line,
// the last line of the child's stdout.
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
