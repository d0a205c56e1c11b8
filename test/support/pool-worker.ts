/** Thread-pool threads run from the TypeScript source through tsx, as vitest runs everything else. */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PoolWorkerData } from '../../src/main/core/threads/pool-protocol';

const SOURCE = fileURLToPath(new URL('../../src/main/core/threads/pool-worker.ts', import.meta.url));

export function sourcePoolWorker(data: PoolWorkerData): Worker {
  const start = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(SOURCE)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(start, { eval: true, workerData: data });
}
