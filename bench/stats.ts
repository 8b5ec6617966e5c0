// Latency statistics and small measuring helpers shared by both sides of the benchmark.
import { existsSync, statSync } from 'node:fs';

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank percentile of ascending samples (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return {
    count: sorted.length,
    meanMs: round(mean),
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** Milliseconds since a process.hrtime.bigint() reading. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

/** Bytes of an SQLite file and its write-ahead log, as they lie on disk now. */
export function storeSize(dbPath: string): { dbBytes: number; walBytes: number; totalBytes: number } {
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  const dbBytes = size(dbPath);
  const walBytes = size(`${dbPath}-wal`);
  return { dbBytes, walBytes, totalBytes: dbBytes + walBytes };
}
