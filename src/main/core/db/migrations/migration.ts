import type Database from 'better-sqlite3';

export interface Migration {
  /** user_version after this migration; the list must count 1, 2, 3, ... with no gaps. */
  version: number;
  name: string;
  sql: string;
  /** A step SQL alone cannot do (folding text the way JavaScript does), run after `sql` in its transaction. */
  run?: (sqlite: Database.Database) => void;
}
