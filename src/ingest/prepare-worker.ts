// A worker thread that prepares articles (boilerplate, language, analysis) for an ingest, so
// analysis runs on every core while the main thread writes to SQLite.
import { parentPort, workerData } from 'node:worker_threads';
import type { AlmanakConfig } from '../../config/schema.ts';
import { createAnalyzer } from '../analysis/analyzer.ts';
import type { SourceDocument } from '../core/types.ts';
import { compileBoilerplate } from '../text/boilerplate.ts';
import { prepareArticle } from './prepare.ts';

const config = (workerData as { config: AlmanakConfig }).config;
const context = { analyzer: createAnalyzer(config), boilerplate: compileBoilerplate(config.boilerplate), defaultLanguage: config.defaultLanguage };

parentPort!.on('message', ({ id, document }: { id: number; document: SourceDocument }) => {
  try {
    parentPort!.postMessage({ id, prepared: prepareArticle(document, context) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort!.postMessage({ ready: true });
