/** The messages between the read pool and its worker threads. */
export interface ReadWorkerData {
  /** The database file, already migrated by the core's own connection. */
  file: string;
  /** better-sqlite3 built for Electron's ABI, as the core's own connection loads it. */
  nativeBinding?: string;
}

export interface ReadRequest {
  id: number;
  name: string;
  arg: unknown;
}

export type ReadResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
