// Writes prepared articles into the store: insert, replace an edited version, or leave an
// unchanged one alone. Callers wrap a batch in one transaction so an ingest is all or nothing.
import type { AnalyzedArticle } from '../analysis/analyzer.ts';
import { dateSpan, formatPartialDate, precisionOf } from '../core/dates.ts';
import type { PreparedArticle } from '../ingest/prepare.ts';
import { idBaseFor, LAST_ID_WITH_BASE, sameDateKey } from './article-ids.ts';
import type { Db } from './database.ts';
import { indexRecordOf, type IndexRecord } from './passages-codec.ts';

export type WriteOutcome = 'added' | 'updated' | 'unchanged';


export interface ArticleWriterOptions {
  /**
   * Bulk mode: hold index terms and name counts back and write them at flush(), terms in rowid
   * order. FTS5 writes its pending terms out as a new segment whenever a rowid lower than the
   * last one arrives, and article ids follow dates, not input order: written one by one, a large
   * ingest makes a segment per article and spends most of its write time merging them.
   * The caller flushes between articles (flushIfFull) and before it commits.
   */
  readonly bulk?: boolean;
  /** Bulk mode: flushIfFull() writes once this many articles are held (default 2,000, a few MB). */
  readonly flushEvery?: number;
}

const BULK_FLUSH_EVERY = 2_000;

export function createArticleWriter(db: Db, options: ArticleWriterOptions = {}) {
  const findByKey = db.prepare<[string], { id: number; content_hash: string }>('SELECT id, content_hash FROM articles WHERE key = ?');
  // A publisher may change an item's guid but keep its link: the link still identifies it.
  const findByLink = db.prepare<[string, string], { id: number; content_hash: string }>(
    'SELECT id, content_hash FROM articles WHERE feed_url = ? AND link = ?',
  );
  const lastIdWithBase = db.prepare<[number, number], { id: number | null }>('SELECT max(id) AS id FROM articles WHERE id BETWEEN ? AND ?');
  const deleteArticle = db.prepare('DELETE FROM articles WHERE id = ?');
  const insertArticle = db.prepare(`
    INSERT INTO articles (id, key, origin, link, guid, feed_url, title, source, language, date, date_precision,
      date_start, date_end, date_month, date_day, date_note, published_at, paragraphs, content_hash, ingested_at, updated_at)
    VALUES (@id, @key, @origin, @link, @guid, @feedUrl, @title, @source, @language, @date, @datePrecision,
      @dateStart, @dateEnd, @dateMonth, @dateDay, @dateNote, @publishedAt, @paragraphs, @contentHash, @now, @now)`);
  const updateArticle = db.prepare(`
    UPDATE articles SET key = @key, origin = @origin, link = @link, guid = @guid, feed_url = @feedUrl, title = @title,
      source = @source, language = @language, date = @date, date_precision = @datePrecision, date_start = @dateStart,
      date_end = @dateEnd, date_month = @dateMonth, date_day = @dateDay, date_note = @dateNote,
      published_at = @publishedAt, paragraphs = @paragraphs, content_hash = @contentHash, updated_at = @now
    WHERE id = @id`);
  const deletePassages = db.prepare('DELETE FROM passages WHERE article_id = ?');
  const deleteTerms = db.prepare('DELETE FROM article_terms WHERE rowid = ?');
  const insertPassages = db.prepare('INSERT INTO passages (article_id, count, data) VALUES (?, ?, ?)');
  const deleteEvents = db.prepare('DELETE FROM events WHERE article_id = ?');
  const insertEvent = db.prepare(
    'INSERT INTO events (article_id, ord, start, end, event_date, event_month, event_day) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const countName = db.prepare(`
    INSERT INTO names (name, display, articles) VALUES (?, ?, 1)
    ON CONFLICT (name) DO UPDATE SET articles = articles + 1`);
  const insertTerms = db.prepare('INSERT INTO article_terms (rowid, terms) VALUES (?, ?)');
  const addNameCount = db.prepare(`
    INSERT INTO names (name, display, articles) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET articles = articles + excluded.articles`);

  // Bulk mode holds terms in a temporary table, not in JavaScript: they take no heap while held
  // (a large ingest's strings would otherwise pile up in V8's old generation), and a caller's
  // savepoint that rolls back a failed article rolls back what it held too.
  if (options.bulk) db.exec('CREATE TEMP TABLE IF NOT EXISTS held_terms (id INTEGER PRIMARY KEY, terms TEXT NOT NULL)');
  const holdTerms = options.bulk ? db.prepare('INSERT OR REPLACE INTO temp.held_terms (id, terms) VALUES (?, ?)') : undefined;
  const dropHeldTerms = options.bulk ? db.prepare('DELETE FROM temp.held_terms WHERE id = ?') : undefined;
  // held_terms is read in id order (its primary key): FTS5 receives ascending rowids.
  const writeHeldTerms = options.bulk ? db.prepare('INSERT INTO article_terms (rowid, terms) SELECT id, terms FROM temp.held_terms ORDER BY id') : undefined;
  const clearHeldTerms = options.bulk ? db.prepare('DELETE FROM temp.held_terms') : undefined;
  let heldArticles = 0;
  // New articles per name (first display wins), changed only once an article is fully written.
  const heldNames = new Map<string, { display: string; articles: number }>();

  /** Writes everything bulk mode holds. */
  function flush(): void {
    if (heldArticles > 0) {
      writeHeldTerms!.run();
      clearHeldTerms!.run();
      heldArticles = 0;
    }
    for (const [name, { display, articles }] of heldNames) addNameCount.run(name, display, articles);
    heldNames.clear();
  }

  /** Removes an article's index terms, held or already in the index. */
  function dropTerms(id: number): void {
    if (dropHeldTerms?.run(id).changes) return;
    deleteTerms.run(id);
  }

  function countNames(names: IndexRecord['names']): void {
    if (!options.bulk) {
      for (const [name, display] of names) countName.run(name, display);
      return;
    }
    for (const [name, display] of names) {
      const held = heldNames.get(name);
      if (held) held.articles += 1;
      else heldNames.set(name, { display, articles: 1 });
    }
  }

  /**
   * The passages, events and terms of an article. `replacing`: it had an index already (an
   * update); a new id has nothing to delete.
   */
  function writeIndex(id: number, index: IndexRecord, replacing: boolean): void {
    if (replacing) {
      deletePassages.run(id);
      deleteEvents.run(id);
      dropTerms(id);
    }
    insertPassages.run(id, index.passageCount, index.passages);
    for (const [ord, start, end, date, month, day] of index.events) insertEvent.run(id, ord, start, end, date, month, day);
    if (holdTerms) {
      holdTerms.run(id, index.terms);
      heldArticles += 1;
    } else insertTerms.run(id, index.terms);
  }

  /** A free id in the article's date block (ids sort by date; see article-ids.ts). */
  function allocateId(article: PreparedArticle): number {
    const base = idBaseFor(article.date);
    const last = lastIdWithBase.get(base, LAST_ID_WITH_BASE(base))?.id;
    const id = last === null || last === undefined ? base : last + 1;
    if (id > LAST_ID_WITH_BASE(base)) throw new Error('too many articles share one date (over a million)');
    return id;
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
    /** Stores the article. Run it in a savepoint: a failure may leave part of it written. */
    write(article: PreparedArticle, now: string): WriteOutcome {
      const existing =
        findByKey.get(article.key) ??
        (article.feedUrl && article.link ? findByLink.get(article.feedUrl, article.link) : undefined);
      if (existing && existing.content_hash === article.contentHash) return 'unchanged';
      if (existing && sameDateKey(existing.id, idBaseFor(article.date))) {
        updateArticle.run({ ...row(article, now), id: existing.id });
        writeIndex(existing.id, article.index, true);
        return 'updated';
      }
      const id = allocateId(article);
      if (existing) {
        // An edit moved the article's date: it moves to its new place in the date order.
        dropTerms(existing.id);
        deleteArticle.run(existing.id);
      }
      insertArticle.run({ ...row(article, now), id });
      writeIndex(id, article.index, false);
      // Last, after every statement succeeded: a savepoint rollback cannot undo this count.
      if (!existing) countNames(article.index.names);
      return existing ? 'updated' : 'added';
    },
    /** Writes what bulk mode holds (a no-op otherwise). Call before committing. */
    flush,
    /** Writes what bulk mode holds once it is large. Call between articles. */
    flushIfFull(): void {
      if (heldArticles >= (options.flushEvery ?? BULK_FLUSH_EVERY)) flush();
    },
    /** Replaces the analysis of a stored article (re-indexing after the rules changed). */
    reanalyse(id: number, analysis: AnalyzedArticle): void {
      writeIndex(id, indexRecordOf(analysis), true);
    },
  };
}
