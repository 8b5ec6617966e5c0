// Prints the two sides side by side with their ratios and the targets, and builds the final
// one-line JSON summary.
import type { SideMetrics } from './side-metrics.ts';

export const TARGETS = { ingestPerSec: 2000, queryP99Ms: 15, p99VsBaseline: 2, peakRssMb: 400 } as const;

const mb = (bytes: number) => bytes / 1048576;
const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 2)}×` : '–');

export function formatTable(a: SideMetrics, b: SideMetrics): string {
  const rows: [string, number, number, string, string?][] = [
    ['ingest, articles/s', a.ingestPerSec, b.ingestPerSec, ratio(a.ingestPerSec, b.ingestPerSec), `≥ ${TARGETS.ingestPerSec}: ${a.ingestPerSec >= TARGETS.ingestPerSec ? 'met' : 'MISSED'}`],
    ['ingest, seconds', a.ingestSeconds, b.ingestSeconds, ratio(a.ingestSeconds, b.ingestSeconds)],
    ['store db + wal, MB', mb(a.storeBytes), mb(b.storeBytes), ratio(a.storeBytes, b.storeBytes)],
    ['  of which wal, MB', mb(a.walBytes), mb(b.walBytes), ratio(a.walBytes, b.walBytes)],
    ['peak RSS, MB', a.peakRssMb, b.peakRssMb, ratio(a.peakRssMb, b.peakRssMb), `≤ ${TARGETS.peakRssMb}: ${a.peakRssMb <= TARGETS.peakRssMb ? 'met' : 'MISSED'}`],
    ['  RSS after ingest, MB', a.rssAfterIngestMb, b.rssAfterIngestMb, ratio(a.rssAfterIngestMb, b.rssAfterIngestMb)],
    ['query p50, ms', a.query.p50Ms, b.query.p50Ms, ratio(a.query.p50Ms, b.query.p50Ms)],
    ['query p90, ms', a.query.p90Ms, b.query.p90Ms, ratio(a.query.p90Ms, b.query.p90Ms)],
    ['query p99, ms', a.query.p99Ms, b.query.p99Ms, ratio(a.query.p99Ms, b.query.p99Ms),
      `≤ ${TARGETS.queryP99Ms} ms: ${a.query.p99Ms <= TARGETS.queryP99Ms ? 'met' : 'MISSED'}; ≤ ${TARGETS.p99VsBaseline}× baseline: ${a.query.p99Ms <= TARGETS.p99VsBaseline * b.query.p99Ms ? 'met' : 'MISSED'}`],
    ['query max, ms', a.query.maxMs, b.query.maxMs, ratio(a.query.maxMs, b.query.maxMs)],
    ['  /search p50, ms', a.search.p50Ms, b.search.p50Ms, ratio(a.search.p50Ms, b.search.p50Ms)],
    ['  /search p99, ms', a.search.p99Ms, b.search.p99Ms, ratio(a.search.p99Ms, b.search.p99Ms)],
    ['  /summit p50, ms', a.summit.p50Ms, b.summit.p50Ms, ratio(a.summit.p50Ms, b.summit.p50Ms)],
    ['  /summit p99, ms', a.summit.p99Ms, b.summit.p99Ms, ratio(a.summit.p99Ms, b.summit.p99Ms)],
    ['queries with no result', a.emptyQueries, b.emptyQueries, ''],
    ['mean results shown', a.meanResults, b.meanResults, ''],
  ];
  const header = ['metric', 'almanak', 'baseline FTS5', 'almanak/baseline', 'target'];
  const cells = rows.map(([name, x, y, r, target]) => [name, fmt(x, x >= 100 ? 0 : 2), fmt(y, y >= 100 ? 0 : 2), r, target ?? '']);
  const widths = header.map((title, col) => Math.max(title.length, ...cells.map((row) => row[col]!.length)));
  const line = (row: readonly string[]) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function summaryLine(a: SideMetrics, b: SideMetrics, queries: number): Record<string, number | boolean> {
  return {
    ingestPerSec: a.ingestPerSec,
    baselineIngestPerSec: b.ingestPerSec,
    queryP50Ms: a.query.p50Ms,
    queryP99Ms: a.query.p99Ms,
    baselineQueryP99Ms: b.query.p99Ms,
    peakRssMb: a.peakRssMb,
    articles: a.articles,
    queries,
    baselineQueryP50Ms: b.query.p50Ms,
    storeMb: Number(mb(a.storeBytes).toFixed(1)),
    baselineStoreMb: Number(mb(b.storeBytes).toFixed(1)),
    baselinePeakRssMb: b.peakRssMb,
    p99VsBaseline: Number((a.query.p99Ms / b.query.p99Ms).toFixed(2)),
    allTargetsMet:
      a.ingestPerSec >= TARGETS.ingestPerSec &&
      a.query.p99Ms <= TARGETS.queryP99Ms &&
      a.query.p99Ms <= TARGETS.p99VsBaseline * b.query.p99Ms &&
      a.peakRssMb <= TARGETS.peakRssMb,
  };
}
