/**
 * Prepared statements kept per connection. Preparing costs more than running for the short
 * statements of an import (about half the time of pulling a big page), so hot paths prepare once.
 */
import type { Statement } from 'better-sqlite3';
import type { Db, Sqlite } from './open';

const caches = new WeakMap<Sqlite, Map<string, Statement>>();

export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.$client.prepare(sql)));
  return statement;
}

/** Runs `fn` in a transaction, or inside the caller's when there is one (no savepoint per call). */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.inTransaction ? fn() : db.$client.transaction(fn)();
}
