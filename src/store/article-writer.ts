// Writes prepared articles into the store: insert, replace an edited version, or leave an
// unchanged one alone. Callers wrap a batch in one transaction so an ingest is all or nothing.
import type { AnalyzedArticle } from '../analysis/analyzer.ts';
import { dateSpan, formatPartialDate, precisionOf } from '../core/dates.ts';
import type { PreparedArticle } from '../ingest/prepare.ts';
import type { Db } from './database.ts';

export type WriteOutcome = 'added' | 'updated' | 'unchanged';

const formatTopics = (topics: Readonly<Record<string, number>>) =>
  Object.entries(topics)
    .map(([name, weight]) => `${name}:${weight}`)
    .join(' ');

export function createArticleWriter(db: Db) {
  const findByKey = db.prepare<[string], { id: number; content_hash: string }>('SELECT id, content_hash FROM articles WHERE key = ?');
  // A publisher may change an item's guid but keep its link: the link still identifies it.
  const findByLink = db.prepare<[string, string], { id: number; content_hash: string }>(
    'SELECT id, content_hash FROM articles WHERE feed_url = ? AND link = ?',
  );
  const insertArticle = db.prepare(`
    INSERT INTO articles (key, origin, link, guid, feed_url, title, source, language, date, date_precision,
      date_start, date_end, date_month, date_day, date_note, published_at, paragraphs, content_hash, ingested_at, updated_at)
    VALUES (@key, @origin, @link, @guid, @feedUrl, @title, @source, @language, @date, @datePrecision,
      @dateStart, @dateEnd, @dateMonth, @dateDay, @dateNote, @publishedAt, @paragraphs, @contentHash, @now, @now)`);
  const updateArticle = db.prepare(`
    UPDATE articles SET key = @key, origin = @origin, link = @link, guid = @guid, feed_url = @feedUrl, title = @title,
      source = @source, language = @language, date = @date, date_precision = @datePrecision, date_start = @dateStart,
      date_end = @dateEnd, date_month = @dateMonth, date_day = @dateDay, date_note = @dateNote,
      published_at = @publishedAt, paragraphs = @paragraphs, content_hash = @contentHash, updated_at = @now
    WHERE id = @id`);
  const deletePassages = db.prepare('DELETE FROM passages WHERE article_id = ?');
  const deleteNames = db.prepare('DELETE FROM article_names WHERE article_id = ?');
  const deleteTerms = db.prepare('DELETE FROM article_terms WHERE rowid = ?');
  const insertPassage = db.prepare(`
    INSERT INTO passages (article_id, ord, start, end, terms, topics, pair_ref, event_date, event_precision, event_month, event_day)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertName = db.prepare('INSERT OR IGNORE INTO article_names (article_id, name, display) VALUES (?, ?, ?)');
  const insertTerms = db.prepare('INSERT INTO article_terms (rowid, terms) VALUES (?, ?)');

  function writeAnalysis(id: number, analysis: AnalyzedArticle): void {
    deletePassages.run(id);
    deleteNames.run(id);
    deleteTerms.run(id);
    for (const passage of analysis.passages) {
      const event = passage.eventDate;
      insertPassage.run(
        id,
        passage.ord,
        passage.start,
        passage.end,
        passage.terms.join(' '),
        formatTopics(passage.topics),
        passage.pairReference ? 1 : 0,
        event ? formatPartialDate(event) : null,
        event ? precisionOf(event) : null,
        event?.month ?? null,
        event?.day ?? null,
      );
    }
    for (const [name, display] of analysis.names) insertName.run(id, name, display);
    insertTerms.run(id, analysis.passages.map((passage) => passage.terms.join(' ')).join(' '));
  }

  function row(article: PreparedArticle, now: string) {
    const date = article.date;
    const span = date ? dateSpan(date) : undefined;
    return {
      key: article.key,
      origin: article.origin,
      link: article.link ?? null,
      guid: article.guid ?? null,
      feedUrl: article.feedUrl ?? null,
      title: article.title,
      source: article.source ?? null,
      language: article.language,
      date: date ? formatPartialDate(date) : null,
      datePrecision: date ? precisionOf(date) : null,
      dateStart: span?.start ?? null,
      dateEnd: span?.end ?? null,
      dateMonth: date?.month ?? null,
      dateDay: date?.day ?? null,
      dateNote: article.dateNote ?? null,
      publishedAt: article.publishedAt ?? null,
      paragraphs: JSON.stringify(article.paragraphs),
      contentHash: article.contentHash,
      now,
    };
  }

  return {
    /** Is this exact content already stored under this key? Then it need not be analysed again. */
    isUnchanged(key: string, contentHash: string): boolean {
      return findByKey.get(key)?.content_hash === contentHash;
    },
    write(article: PreparedArticle, now: string): WriteOutcome {
      const existing =
        findByKey.get(article.key) ??
        (article.feedUrl && article.link ? findByLink.get(article.feedUrl, article.link) : undefined);
      if (existing && existing.content_hash === article.contentHash) return 'unchanged';
      if (existing) {
        updateArticle.run({ ...row(article, now), id: existing.id });
        writeAnalysis(existing.id, article.analysis);
        return 'updated';
      }
      const id = Number(insertArticle.run(row(article, now)).lastInsertRowid);
      writeAnalysis(id, article.analysis);
      return 'added';
    },
    /** Replaces the analysis of a stored article (re-indexing after the rules changed). */
    reanalyse(id: number, analysis: AnalyzedArticle): void {
      writeAnalysis(id, analysis);
    },
  };
}
