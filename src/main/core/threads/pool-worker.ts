/**
 * A worker thread of a thread pool (thread-pool.ts), running the tasks of thread-tasks.ts as their
 * messages come. Its connection is query-only, so a bug here can never write. A task that waits
 * (pdf-lib yields while it saves) lets the next message start meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadConnection, type Db } from '../db/open';
import { setFontDirectory } from '../labels/fonts';
import type { PoolWorkerData, TaskRequest, TaskResponse } from './pool-protocol';
import { runTask, type TaskName } from './thread-tasks';

const { file, nativeBinding, fontDirectory } = workerData as PoolWorkerData;
if (fontDirectory) setFontDirectory(fontDirectory);
let db: Db | null = null;
const connection = () => (db ??= openReadConnection(file, nativeBinding ? { nativeBinding } : {}));
const port = parentPort!;

const ownsItsMemory = (v: unknown): v is Uint8Array & { buffer: ArrayBuffer } =>
  v instanceof Uint8Array &&
  v.buffer instanceof ArrayBuffer &&
  v.byteOffset === 0 &&
  v.byteLength === v.buffer.byteLength;

/**
 * The answer's byte arrays that own their whole memory (SQLite's BLOBs and pdf-lib's files do) are
 * moved to the main thread instead of copied; a view into shared memory (a small Buffer's pool) is copied.
 */
function movable(value: unknown): ArrayBuffer[] {
  if (ownsItsMemory(value)) return [value.buffer];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap((v) => (ownsItsMemory(v) ? [v.buffer] : []));
}

port.on('message', ({ id, name, arg }: TaskRequest) => {
  runTask(connection, name as TaskName, arg).then(
    (value) => port.postMessage({ id, ok: true, value } satisfies TaskResponse, movable(value)),
    (error: unknown) =>
      port.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies TaskResponse),
  );
});
