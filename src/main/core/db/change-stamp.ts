/**
 * A value that changes whenever the database may have changed: rows written through this
 * connection (total_changes) or a commit by another connection (data_version). Caches of query
 * answers key on it, so they are exact, never stale: the first ask after a write computes, the
 * ones after it (a warehouse screen polling, fifty scripts asking the same) reuse.
 *
 * Reading data_version opens a read transaction: 5-20 µs, a tenth of the main thread's whole
 * work for a REST list, asked twice per list. So it is read once per turn of the event loop, and
 * total_changes (0.3 µs) every time: a write through this connection, the one that writes in
 * PackDesk, changes the stamp at once; another process's commit from the next turn on.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

interface Stamp {
  totalChanges: Statement;
  dataVersion: Statement;
  /** data_version as read in this turn of the event loop. */
  version: number | undefined;
}

const stamps = new WeakMap<Db, Stamp>();

export function changeStamp(db: Db): string {
  let stamp = stamps.get(db);
  if (!stamp) {
    stamp = {
      totalChanges: db.$client.prepare('SELECT total_changes()').pluck(),
      dataVersion: db.$client.prepare('PRAGMA data_version').pluck(),
      version: undefined,
    };
    stamps.set(db, stamp);
  }
  if (stamp.version === undefined) {
    const turn = stamp;
    turn.version = turn.dataVersion.get() as number;
    setImmediate(() => (turn.version = undefined));
  }
  return `${stamp.totalChanges.get() as number}:${stamp.version}`;
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
