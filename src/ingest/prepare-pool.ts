// A pool of worker threads preparing articles in parallel. Results come back as promises, so
// the ingest can keep writing in input order while the workers run ahead.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AlmanakConfig } from '../../config/schema.ts';
import type { SourceDocument } from '../core/types.ts';
import { RejectedDocument, type PreparedArticle } from './prepare.ts';

const WORKER_ENTRY = new URL('../../bin/prepare-worker.js', import.meta.url);

export interface PreparePool {
  prepare(document: SourceDocument): Promise<PreparedArticle>;
  close(): Promise<void>;
}

/** One worker per core (at most four): the main thread's SQLite writes are the lighter half. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

type Pending = { resolve: (prepared: PreparedArticle) => void; reject: (error: Error) => void };

export async function createPreparePool(config: AlmanakConfig, size = defaultPoolSize()): Promise<PreparePool> {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let turn = 0;
  const workers = await Promise.all(
    Array.from({ length: size }, () => {
      const worker = new Worker(WORKER_ENTRY, { workerData: { config } });
      worker.on('message', (message: { id: number; prepared?: PreparedArticle; error?: string; ready?: boolean }) => {
        if (message.ready) return;
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiting?.reject(new RejectedDocument(message.error));
        else waiting?.resolve(message.prepared!);
      });
      worker.on('error', (error) => {
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
      });
      return new Promise<Worker>((resolve, reject) => {
        worker.once('message', () => resolve(worker));
        worker.once('error', reject);
      });
    }),
  );
  return {
    prepare(document) {
      const id = (nextId += 1);
      const worker = workers[(turn = (turn + 1) % workers.length)]!;
      return new Promise<PreparedArticle>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, document });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
