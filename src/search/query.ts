// Turns what a user typed into safe full-text queries. User text never reaches FTS5 as syntax:
// every word is analysed into index terms of letters and digits, quoted, and joined by us.
import type { Analyzer } from '../analysis/analyzer.ts';
import { normalizeText } from '../analysis/normalize.ts';
import { tokenize } from '../analysis/tokenize.ts';

/** Words beyond this are ignored (and the reply says so): a 10 KB paste is not a query. */
export const MAX_QUERY_WORDS = 24;
const MAX_QUERY_CHARS = 2000;

export interface TermGroup {
  /** The word as the user wrote it. */
  readonly word: string;
  /** Index terms, any of which matches. */
  readonly forms: readonly string[];
}

export interface AnalysedQuery {
  readonly groups: readonly TermGroup[];
  /** Words the user typed that carry no meaning for search (stop words). */
  readonly ignored: readonly string[];
  readonly truncated: boolean;
}

export function analyseQuery(text: string, analyzer: Analyzer, isKnownName: (folded: string) => boolean): AnalysedQuery {
  const clean = normalizeText(text).slice(0, MAX_QUERY_CHARS);
  const words = tokenize(clean).map((token) => token.text);
  const truncated = words.length > MAX_QUERY_WORDS || text.length > MAX_QUERY_CHARS;
  const groups: TermGroup[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const word of words.slice(0, MAX_QUERY_WORDS)) {
    const forms = analyzer.expandQueryWord(word, isKnownName).filter((form) => /^[\p{L}\p{N}]+$/u.test(form));
    if (forms.length === 0) {
      ignored.push(word);
      continue;
    }
    const key = [...forms].sort().join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    groups.push({ word, forms });
  }
  return { groups, ignored, truncated };
}

/** An FTS5 MATCH expression: each group's forms OR'ed, groups AND'ed (or OR'ed). */
export function matchExpression(groups: readonly TermGroup[], join: 'AND' | 'OR' = 'AND'): string {
  return groups.map((group) => `(${group.forms.map((form) => `"${form}"`).join(' OR ')})`).join(` ${join} `);
}

/** All index terms of a query, for highlighting and passage scoring. */
export function allForms(groups: readonly TermGroup[]): Set<string> {
  return new Set(groups.flatMap((group) => group.forms));
}
