/**
 * A worker thread of the read pool (read-pool.ts): its own connection to the database, answering
 * the reads of reads.ts one message at a time. The connection is query-only, so a bug here can
 * never write; each read runs in one transaction, so a total and its page come from one snapshot.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadConnection } from '../db/open';
import { READS, type ReadName } from './reads';
import type { ReadRequest, ReadResponse, ReadWorkerData } from './read-protocol';

const { file, nativeBinding } = workerData as ReadWorkerData;
const db = openReadConnection(file, nativeBinding ? { nativeBinding } : {});
const port = parentPort!;

/**
 * The answer's byte arrays that own their whole memory (SQLite's BLOBs do) are moved to the main
 * thread instead of copied; a view into shared memory (a small Buffer's pool) is copied.
 */
function movable(value: unknown): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap((v) =>
    v instanceof Uint8Array &&
    v.buffer instanceof ArrayBuffer &&
    v.byteOffset === 0 &&
    v.byteLength === v.buffer.byteLength
      ? [v.buffer]
      : [],
  );
}

port.on('message', ({ id, name, arg }: ReadRequest) => {
  let answer: ReadResponse;
  try {
    const read = READS[name as ReadName] as (d: typeof db, a: unknown) => unknown;
    answer = { id, ok: true, value: db.$client.transaction(() => read(db, arg))() };
  } catch (error) {
    answer = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer, answer.ok ? movable(answer.value) : []);
});
