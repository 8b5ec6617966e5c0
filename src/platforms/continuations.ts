// Keeps the continuation behind a "More" button in the store under a short random id: a button
// carries at most 100 characters (Discord custom_id), a query may be far longer. Old entries
// are pruned after a day, which is longer than any platform keeps a button answerable.
import { randomBytes } from 'node:crypto';
import type { Continuation } from '../core/types.ts';
import type { Db } from '../store/database.ts';

const KEEP_MS = 24 * 60 * 60 * 1000;

export function saveContinuation(db: Db, continuation: Continuation, now: Date): string {
  const id = randomBytes(9).toString('base64url');
  db.prepare('DELETE FROM continuations WHERE created_at < ?').run(new Date(now.getTime() - KEEP_MS).toISOString());
  db.prepare('INSERT INTO continuations (id, payload, created_at) VALUES (?, ?, ?)').run(id, JSON.stringify(continuation), now.toISOString());
  return id;
}

export function loadContinuation(db: Db, id: string): Continuation | undefined {
  if (!/^[\w-]{1,40}$/.test(id)) return undefined;
  const row = db.prepare<[string], { payload: string }>('SELECT payload FROM continuations WHERE id = ?').get(id);
  return row ? (JSON.parse(row.payload) as Continuation) : undefined;
}
