// An article's analysed sentences as stored: one compact JSON array per article, read back as
// rows. Sentences are only ever needed a whole article at a time, so one row beats one a sentence.
import type { AnalyzedArticle, AnalyzedPassage } from '../analysis/analyzer.ts';
import { formatPartialDate, precisionOf } from '../core/dates.ts';

/**
 * What the store writes for an article's analysis, as plain strings and numbers: built where
 * the analysis runs (a worker thread, in a large ingest), so the writer only binds values.
 */
export interface IndexRecord {
  readonly passageCount: number;
  readonly passages: string;
  /** Everything FTS5 indexes: the words of every sentence, then the marker terms. */
  readonly terms: string;
  /** Day-precise event dates: [ord, start, end, YYYY-MM-DD, month, day]. */
  readonly events: readonly (readonly [number, number, number, string, number, number])[];
  /** Proper nouns: [folded, display]. */
  readonly names: readonly (readonly [string, string])[];
}

export function indexRecordOf(analysis: AnalyzedArticle): IndexRecord {
  const events: [number, number, number, string, number, number][] = [];
  for (const passage of analysis.passages) {
    const event = passage.eventDate;
    if (event && precisionOf(event) === 'day') events.push([passage.ord, passage.start, passage.end, formatPartialDate(event), event.month!, event.day!]);
  }
  const words = analysis.passages.map((passage) => passage.terms.join(' ')).join(' ');
  return {
    passageCount: analysis.passages.length,
    passages: encodePassages(analysis.passages),
    terms: `${words} ${analysis.markers.join(' ')}`,
    events,
    names: [...analysis.names],
  };
}

export interface PassageRow {
  readonly article_id: number;
  readonly ord: number;
  readonly start: number;
  readonly end: number;
  /** Index terms, space separated. */
  readonly terms: string;
  /** The proper nouns among them, space separated. */
  readonly names: string;
  /** "summit:3 other:1", empty when none. */
  readonly topics: string;
  readonly pair_ref: number;
  readonly event_date: string | null;
}

/** [start, end, terms, names, topics, pairRef, eventDate] per sentence, in order. */
type Stored = [number, number, string, string, string, 0 | 1, string | null];

export function encodePassages(passages: readonly AnalyzedPassage[]): string {
  const stored = passages.map((passage): Stored => [
    passage.start,
    passage.end,
    passage.terms.join(' '),
    passage.names.join(' '),
    Object.entries(passage.topics)
      .map(([name, weight]) => `${name}:${weight}`)
      .join(' '),
    passage.pairReference ? 1 : 0,
    passage.eventDate ? formatPartialDate(passage.eventDate) : null,
  ]);
  return JSON.stringify(stored);
}

export function decodePassages(articleId: number, data: string): PassageRow[] {
  return (JSON.parse(data) as Stored[]).map(([start, end, terms, names, topics, pairRef, eventDate], ord) => ({
    article_id: articleId,
    ord,
    start,
    end,
    terms,
    names,
    topics,
    pair_ref: pairRef,
    event_date: eventDate,
  }));
}
