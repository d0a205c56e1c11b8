/**
 * A value that changes whenever the database may have changed: rows written through this
 * connection (total_changes) or a commit by another connection (data_version). Caches of query
 * answers key on it, so they are exact, never stale.
 */
import type { Db } from './open';

export function changeStamp(db: Db): string {
  const sqlite = db.$client;
  const { t } = sqlite.prepare('SELECT total_changes() AS t').get() as { t: number };
  return `${t}:${sqlite.pragma('data_version', { simple: true }) as number}`;
}
