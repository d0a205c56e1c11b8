/** The messages between a thread pool and its worker threads. */
export interface PoolWorkerData {
  /** The database file, already migrated by the core's own connection. */
  file: string;
  /** better-sqlite3 built for Electron's ABI, as the core's own connection loads it. */
  nativeBinding?: string;
  /** Where the packaged app keeps the label fonts (labels/fonts.ts); from node_modules otherwise. */
  fontDirectory?: string;
}

export interface TaskRequest {
  id: number;
  name: string;
  arg: unknown;
}

export type TaskResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
