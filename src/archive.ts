// The archive handle every command and adapter shares: the open store, the configuration and
// the analyser built from it. Opening it also re-analyses stored articles when the analysis
// rules (or the topic vocabulary in config/) changed since they were indexed.
import type { Statement } from 'better-sqlite3';
import type { AlmanakConfig } from '../config/schema.ts';
import { createAnalyzer, type Analyzer } from './analysis/analyzer.ts';
import { parsePartialDate } from './core/dates.ts';
import type { Language } from './core/types.ts';
import { createArticleWriter } from './store/article-writer.ts';
import { openDatabase, readMeta, writeMeta, type Db } from './store/database.ts';
import { compileBoilerplate, type CompiledBoilerplate } from './text/boilerplate.ts';

export interface Archive {
  readonly db: Db;
  readonly config: AlmanakConfig;
  readonly analyzer: Analyzer;
  readonly boilerplate: CompiledBoilerplate;
  /**
   * A prepared statement for `sql`, prepared once per archive: queries run the same few
   * statements again and again, and preparing one costs more than running a small one.
   */
  prepare<Params extends unknown[] | object = unknown[], Row = unknown>(sql: string): Statement<Params, Row>;
  /** Folded name forms seen in the corpus (cached; refreshed after each ingest). */
  isKnownName(folded: string): boolean;
  namesChanged(): void;
  close(): void;
}

export function openArchive(config: AlmanakConfig, path = config.dbPath): Archive {
  const db = openDatabase(path);
  const analyzer = createAnalyzer(config);
  const boilerplate = compileBoilerplate(config.boilerplate);
  reanalyseIfRulesChanged(db, analyzer);

  const nameLookup = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM names WHERE name = ?');
  let knownNames = new Map<string, boolean>();
  const statements = new Map<string, Statement<unknown[], unknown>>();
  return {
    db,
    prepare<Params extends unknown[] | object = unknown[], Row = unknown>(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[], unknown>(sql);
        statements.set(sql, statement);
      }
      return statement as unknown as Statement<Params, Row>;
    },
    config,
    analyzer,
    boilerplate,
    isKnownName(folded) {
      let known = knownNames.get(folded);
      if (known === undefined) {
        known = nameLookup.get(folded) !== undefined;
        if (knownNames.size > 10_000) knownNames = new Map();
        knownNames.set(folded, known);
      }
      return known;
    },
    namesChanged() {
      knownNames = new Map();
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function reanalyseIfRulesChanged(db: Db, analyzer: Analyzer): void {
  if (readMeta(db, 'analysis_fingerprint') === analyzer.fingerprint) return;
  const writer = createArticleWriter(db);
  // Batches by id: better-sqlite3 cannot write while a statement is still iterating.
  const batch = db.prepare<[number], { id: number; paragraphs: string; language: Language; date: string | null }>(
    'SELECT id, paragraphs, language, date FROM articles WHERE id > ? ORDER BY id LIMIT 500',
  );
  db.transaction(() => {
    for (let rows = batch.all(0); rows.length > 0; rows = batch.all(rows[rows.length - 1]!.id)) {
      for (const row of rows) {
        const date = row.date ? parsePartialDate(row.date) : undefined;
        const analysis = analyzer.analyzeArticle({
          paragraphs: JSON.parse(row.paragraphs) as string[],
          language: row.language,
          ...(date ? { date } : {}),
        });
        writer.reanalyse(row.id, analysis);
      }
    }
    writeMeta(db, 'analysis_fingerprint', analyzer.fingerprint);
  }).immediate();
}
