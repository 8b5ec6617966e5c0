// Turns a SourceDocument into everything the store keeps: clean paragraphs, title, source,
// language and the analysis. Pure: no I/O, so it can run anywhere (tests, worker threads).
import type { Analyzer } from '../analysis/analyzer.ts';
import { indexRecordOf, type IndexRecord } from '../store/passages-codec.ts';
import { detectLanguage } from '../analysis/language.ts';
import type { PartialDate } from '../core/dates.ts';
import type { Language, SourceDocument } from '../core/types.ts';
import { cleanParagraphs, type CompiledBoilerplate } from '../text/boilerplate.ts';
import { findDateline } from '../text/dateline.ts';
import { deriveTitle } from '../text/title.ts';
import { contentHash } from './article-file.ts';

export interface PreparedArticle {
  readonly key: string;
  readonly origin: string;
  readonly link?: string;
  readonly guid?: string;
  readonly feedUrl?: string;
  readonly title: string;
  readonly source?: string;
  readonly language: Language;
  readonly date?: PartialDate;
  readonly dateNote?: string;
  readonly publishedAt?: string;
  readonly paragraphs: readonly string[];
  readonly contentHash: string;
  /** The analysis, encoded as the store writes it. */
  readonly index: IndexRecord;
}

export interface PrepareContext {
  readonly analyzer: Analyzer;
  readonly boilerplate: CompiledBoilerplate;
  readonly defaultLanguage: Language;
}

export class RejectedDocument extends Error {
  readonly code = 'rejected';
}

/** Identity of a document's content: same hash, nothing to re-analyse. */
export function documentHash(document: SourceDocument): string {
  return contentHash(JSON.stringify([document.text, document.title ?? '', document.date ?? null, document.link ?? '', document.languageHint ?? '']));
}

export function prepareArticle(document: SourceDocument, context: PrepareContext): PreparedArticle {
  let paragraphs = cleanParagraphs(document.text, context.boilerplate);
  const feedTitle = document.title?.replace(/\s+/g, ' ').trim();
  if (feedTitle && paragraphs[0]?.toLowerCase() !== feedTitle.toLowerCase()) paragraphs = [feedTitle, ...paragraphs];
  if (paragraphs.length === 0) throw new RejectedDocument('no article text left after removing page boilerplate');

  const dateline = findDateline(paragraphs[0]!);
  const title = feedTitle || deriveTitle(dateline ? paragraphs[0]!.slice(dateline.length) : paragraphs[0]!);
  const source = document.source ?? dateline?.source;
  const language = document.languageHint ?? detectLanguage(paragraphs.join('\n'), context.defaultLanguage).language;
  const analysis = context.analyzer.analyzeArticle({
    paragraphs,
    language,
    ...(document.date ? { date: document.date } : {}),
  });
  return {
    key: document.key,
    origin: document.origin,
    ...(document.link ? { link: document.link } : {}),
    ...(document.guid ? { guid: document.guid } : {}),
    ...(document.feedUrl ? { feedUrl: document.feedUrl } : {}),
    title,
    ...(source ? { source } : {}),
    language,
    ...(document.date ? { date: document.date } : {}),
    ...(document.dateNote ? { dateNote: document.dateNote } : {}),
    ...(document.publishedAt ? { publishedAt: document.publishedAt } : {}),
    paragraphs,
    contentHash: documentHash(document),
    index: indexRecordOf(analysis),
  };
}
