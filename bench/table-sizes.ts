// Bytes each table and index takes in an SQLite file (dbstat), largest first: where store size goes.
import type Database from 'better-sqlite3';

export function tableSizes(db: Database.Database): Record<string, number> {
  try {
    const rows = db
      .prepare<[], { name: string; bytes: number }>('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all();
    return Object.fromEntries(rows.map((row) => [row.name, row.bytes]));
  } catch (error) {
    return { unavailable: -1, [`error: ${(error as Error).message}`]: -1 };
  }
}
