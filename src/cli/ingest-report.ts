// Prints an ingest report: a summary line, then what was rejected (with reasons) and warnings.
import type { IngestReport } from '../ingest/ingest.ts';

export function formatIngestReport(report: IngestReport): string {
  const lines = [
    `added ${report.added.length}, updated ${report.updated.length}, skipped ${report.unchanged.length} (unchanged), rejected ${report.rejected.length}`,
  ];
  for (const entry of report.added) lines.push(`  added      ${entry.origin}  ${entry.title}`);
  for (const entry of report.updated) lines.push(`  updated    ${entry.origin}  ${entry.title}`);
  for (const entry of report.rejected) lines.push(`  rejected   ${entry.location}: ${entry.reason}`);
  for (const warning of report.warnings) lines.push(`  warning    ${warning}`);
  return `${lines.join('\n')}\n`;
}
