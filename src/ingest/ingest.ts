// One ingest run: read every named file, folder and feed, prepare each article, and write the
// batch in a single transaction, so a run that is killed half-way leaves the store as it was.
// What cannot be read is reported with its location and reason; the rest still goes in.
import type { Archive } from '../archive.ts';
import type { SourceDocument } from '../core/types.ts';
import { createArticleWriter, type WriteOutcome } from '../store/article-writer.ts';
import { parseArticleFile } from './article-file.ts';
import { keepFirstSeenDates } from '../feeds/first-seen.ts';
import { readFeed } from './feeds/read-feed.ts';
import { documentHash, prepareArticle, type PreparedArticle } from './prepare.ts';
import { createPreparePool, defaultPoolSize } from './prepare-pool.ts';
import { readTextFile } from './read-text-file.ts';
import { expandLocations, type SourceLocation } from './sources.ts';

export interface IngestEntry {
  readonly origin: string;
  readonly title: string;
}

export interface IngestReport {
  readonly added: IngestEntry[];
  readonly updated: IngestEntry[];
  readonly unchanged: IngestEntry[];
  readonly rejected: { readonly location: string; readonly reason: string }[];
  readonly warnings: string[];
}

export interface IngestOptions {
  readonly now?: Date;
  /** Called every `progressEvery` documents written (before the commit). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
  /** Worker threads preparing articles; 0 = none. Default: one per core for large batches. */
  readonly workers?: number;
}

/** Something to read: a file (read when its turn comes) or a feed item (already read). Plain data, no closures: a large folder makes 100,000 of these. */
type Pending = Extract<SourceLocation, { kind: 'file' }> | { readonly kind: 'item'; readonly document: SourceDocument };
const locationOf = (item: Pending) => (item.kind === 'file' ? item.path : item.document.origin);

export async function ingest(archive: Archive, locations: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
  const now = options.now ?? new Date();
  const report: IngestReport = { added: [], updated: [], unchanged: [], rejected: [], warnings: [] };
  const expansion = expandLocations(locations);
  report.rejected.push(...expansion.rejected);

  // Feeds are fetched first (network I/O cannot run inside a synchronous transaction); files
  // are read one at a time inside it, so a large folder never sits in memory all at once.
  const pending: Pending[] = [];
  for (const source of expansion.sources) {
    if (source.kind === 'file') {
      pending.push(source);
      continue;
    }
    try {
      const feed = await readFeed(source.location, { now });
      report.warnings.push(...feed.warnings.map((warning) => `${source.location}: ${warning}`));
      // An undated item keeps the day it was first seen, however often the feed is ingested.
      for (const document of keepFirstSeenDates(archive.db, feed.documents)) pending.push({ kind: 'item', document });
    } catch (error) {
      report.rejected.push({ location: source.location, reason: (error as Error).message });
    }
  }

  // Bulk mode: index terms go in rowid order at flush(), which must come before each commit.
  const writer = createArticleWriter(archive.db, { bulk: true });
  const stamp = now.toISOString();
  const every = options.progressEvery ?? 1000;
  const progress = (done: number) => {
    if (options.onProgress && done % every === 0) options.onProgress(done, pending.length);
  };
  /** Writes one prepared article in a savepoint: a failure leaves nothing of it behind. */
  const write = (location: string, prepared: PreparedArticle) => {
    try {
      const outcome = archive.db.transaction(() => writer.write(prepared, stamp))();
      report[outcome].push({ origin: prepared.origin, title: prepared.title });
    } catch (error) {
      report.rejected.push({ location, reason: (error as Error).message });
    }
    writer.flushIfFull();
  };
  /** Reads a document; undefined when it is unreadable (reported) or unchanged (no work). */
  const load = (item: Pending): SourceDocument | undefined => {
    try {
      const document = item.kind === 'file' ? readArticleFile(item, archive.config.maxFileBytes, report.warnings) : item.document;
      if (!writer.isUnchanged(document.key, documentHash(document))) return document;
      report.unchanged.push({ origin: document.origin, title: document.title ?? document.origin });
    } catch (error) {
      report.rejected.push({ location: locationOf(item), reason: (error as Error).message });
    }
    return undefined;
  };
  const context = { analyzer: archive.analyzer, boilerplate: archive.boilerplate, defaultLanguage: archive.config.defaultLanguage };

  const workers = options.workers ?? (pending.length >= PARALLEL_FROM ? defaultPoolSize() : 0);
  if (workers === 0) {
    archive.db
      .transaction(() => {
        pending.forEach((item, index) => {
          const document = load(item);
          if (document) {
            let prepared: PreparedArticle | undefined;
            try {
              prepared = prepareArticle(document, context);
            } catch (error) {
              report.rejected.push({ location: locationOf(item), reason: (error as Error).message });
            }
            if (prepared) write(locationOf(item), prepared);
          }
          progress(index + 1);
        });
        writer.flush();
      })
      .immediate();
  } else {
    const reject = (location: string, error: Error) => report.rejected.push({ location, reason: error.message });
    await ingestInParallel(archive, pending, workers, { load, reject, write, progress, flush: writer.flush });
  }
  archive.namesChanged();
  return report;
}

function readArticleFile(source: Extract<SourceLocation, { kind: 'file' }>, maxBytes: number, warnings: string[]): SourceDocument {
  const { text, warning } = readTextFile(source.path, maxBytes);
  if (warning) warnings.push(`${source.path}: ${warning}`);
  const parsed = parseArticleFile(text, source.name);
  warnings.push(...parsed.warnings);
  return parsed.document;
}

/** Batches at least this large are prepared in worker threads (starting them costs ~0.3 s). */
const PARALLEL_FROM = 500;

interface ParallelSteps {
  load(item: Pending): SourceDocument | undefined;
  reject(location: string, error: Error): void;
  write(location: string, prepared: PreparedArticle): void;
  progress(done: number): void;
  /** Writes what the writer holds; runs before the commit. */
  flush(): void;
}

/**
 * Workers prepare articles ahead while this thread writes them in input order. The batch is
 * still one transaction (BEGIN IMMEDIATE … COMMIT around the awaits): killed half-way, the store
 * keeps its previous state. Nothing else may use the connection meanwhile; ingest is the only
 * writer while it runs (start-up, the command line).
 */
async function ingestInParallel(archive: Archive, pending: readonly Pending[], workers: number, steps: ParallelSteps): Promise<void> {
  const pool = await createPreparePool(archive.config, workers);
  const window = 32 * workers;
  const queue: { location: string; prepared?: Promise<PreparedArticle> }[] = [];
  let next = 0;
  const fill = () => {
    while (queue.length < window && next < pending.length) {
      const item = pending[next]!;
      next += 1;
      const document = steps.load(item);
      const prepared = document ? pool.prepare(document) : undefined;
      // Awaited in order below; the no-op handler keeps an early rejection from counting as unhandled.
      prepared?.catch(() => undefined);
      queue.push({ location: locationOf(item), ...(prepared ? { prepared } : {}) });
    }
  };
  archive.db.exec('BEGIN IMMEDIATE');
  try {
    let done = 0;
    fill();
    while (queue.length > 0) {
      const head = queue.shift()!;
      if (head.prepared) {
        let prepared: PreparedArticle | undefined;
        try {
          prepared = await head.prepared;
        } catch (error) {
          steps.reject(head.location, error as Error);
        }
        if (prepared) steps.write(head.location, prepared);
      }
      done += 1;
      steps.progress(done);
      fill();
    }
    steps.flush();
    archive.db.exec('COMMIT');
  } catch (error) {
    if (archive.db.inTransaction) archive.db.exec('ROLLBACK');
    throw error;
  } finally {
    await pool.close();
  }
}

/** What became of one document handed to ingestDocuments(). */
export interface DocumentOutcome {
  readonly key: string;
  readonly origin: string;
  readonly title: string;
  readonly outcome: WriteOutcome | 'rejected';
  /** The stored article (absent when rejected). */
  readonly articleId?: number;
  /** Why it was rejected. */
  readonly reason?: string;
}

/**
 * Writes documents that are already read (a feed poll's items) all or nothing, as ingest() does
 * for files, and says what became of each with the stored article's id. Synchronous so that a
 * caller can put it in one transaction with its own bookkeeping (it nests as a savepoint).
 */
export function ingestDocuments(archive: Archive, documents: readonly SourceDocument[], options: { readonly now?: Date } = {}): DocumentOutcome[] {
  const stamp = (options.now ?? new Date()).toISOString();
  const writer = createArticleWriter(archive.db);
  const byKey = archive.db.prepare<[string], { id: number }>('SELECT id FROM articles WHERE key = ?');
  const byLink = archive.db.prepare<[string, string], { id: number }>('SELECT id FROM articles WHERE feed_url = ? AND link = ?');
  const idOf = (document: SourceDocument) =>
    byKey.get(document.key)?.id ?? (document.feedUrl && document.link ? byLink.get(document.feedUrl, document.link)?.id : undefined);

  const outcomes = archive.db
    .transaction(() =>
      documents.map((document): DocumentOutcome => {
        const named = { key: document.key, origin: document.origin, title: document.title ?? document.origin };
        try {
          let outcome: WriteOutcome = 'unchanged';
          if (!writer.isUnchanged(document.key, documentHash(document))) {
            const prepared = prepareArticle(document, {
              analyzer: archive.analyzer,
              boilerplate: archive.boilerplate,
              defaultLanguage: archive.config.defaultLanguage,
            });
            outcome = archive.db.transaction(() => writer.write(prepared, stamp))();
            named.title = prepared.title;
          }
          const articleId = idOf(document);
          return { ...named, outcome, ...(articleId !== undefined ? { articleId } : {}) };
        } catch (error) {
          return { ...named, outcome: 'rejected', reason: (error as Error).message };
        }
      }),
    )
    .immediate();
  archive.namesChanged();
  return outcomes;
}
