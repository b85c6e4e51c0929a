import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The connection's statement for `sql`, compiled once. Compiling the same few statements for
 * every search was ~5% of a search for a rare word. A search's SQL holds no values (they are
 * bound), so the cache holds only the handful of shapes the engine writes.
 */
export function prepared<Params extends unknown[], Row>(db: Database.Database, sql: string): Database.Statement<Params, Row> {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement as Database.Statement<Params, Row>;
}
