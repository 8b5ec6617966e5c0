// Reads one article in the corpus text format: an optional first-line marker " date YYYY-MM"
// or " date YYYY-MM-DD" before the headline or lede, then the article. No marker = undated.
import { createHash } from 'node:crypto';
import { parsePartialDate } from '../core/dates.ts';
import type { SourceDocument } from '../core/types.ts';

const MARKER = /^\s*date\s+(\S+)[ \t]*/;

export interface ParsedArticleFile {
  readonly document: SourceDocument;
  readonly warnings: readonly string[];
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** `name` is the file's identity in the archive (its path relative to the folder ingested). */
export function parseArticleFile(content: string, name: string): ParsedArticleFile {
  const warnings: string[] = [];
  let text = content.replace(/^\uFEFF/, '');
  let date;
  const marker = MARKER.exec(text);
  if (marker && /^\d{4}-\d{1,2}(-\d{1,2})?$/.test(marker[1]!)) {
    date = parsePartialDate(marker[1]!);
    if (!date) warnings.push(`${name}: date marker "${marker[1]}" is not a real date; stored as undated`);
    text = text.slice(marker[0].length);
  }
  return {
    document: { key: `file:${name}`, origin: name, text, ...(date ? { date } : {}) },
    warnings,
  };
}
