/** Small app-wide values (language, sender address, counters) in the settings table. */
import type { Db } from './db/open';

export function getSetting(db: Db, key: string): string | null {
  const row = db.$client.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.$client
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, value);
}

/** Next value of a named counter, atomically (e.g. the local carrier's tracking serial). */
export function nextCounter(db: Db, key: string): number {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    const next = Number(getSetting(db, key) ?? '0') + 1;
    setSetting(db, key, String(next));
    return next;
  })();
}
