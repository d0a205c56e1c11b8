export interface Migration {
  /** user_version after this migration; the list must count 1, 2, 3, ... with no gaps. */
  version: number;
  name: string;
  sql: string;
}
