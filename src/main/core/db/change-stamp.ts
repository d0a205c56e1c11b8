/**
 * A value that changes whenever the database may have changed: rows written through this
 * connection (total_changes) or a commit by another connection (data_version). Caches of query
 * answers key on it, so they are exact, never stale: the first ask after a write computes, the
 * ones after it (a warehouse screen polling, fifty scripts asking the same) reuse.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

const statements = new WeakMap<Db, Statement>();

export function changeStamp(db: Db): string {
  let statement = statements.get(db);
  if (!statement) {
    statement = db.$client.prepare('SELECT total_changes() AS t, data_version AS v FROM pragma_data_version');
    statements.set(db, statement);
  }
  const { t, v } = statement.get() as { t: number; v: number };
  return `${t}:${v}`;
}

/** Answers per key, dropped whenever the database changes; at most `max` keys (oldest go first). */
export function stampedCache<T>(max: number) {
  const byDb = new WeakMap<Db, { stamp: string; answers: Map<string, T> }>();
  return (db: Db, key: string, compute: () => T): T => {
    const stamp = changeStamp(db);
    let cache = byDb.get(db);
    if (!cache || cache.stamp !== stamp) {
      cache = { stamp, answers: new Map() };
      byDb.set(db, cache);
    }
    if (cache.answers.has(key)) return cache.answers.get(key)!;
    const answer = compute();
    if (cache.answers.size >= max) cache.answers.delete(cache.answers.keys().next().value!);
    cache.answers.set(key, answer);
    return answer;
  };
}
