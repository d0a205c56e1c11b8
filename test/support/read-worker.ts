/** Read-pool threads run from the TypeScript source through tsx, as vitest runs everything else. */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadWorkerData } from '../../src/main/core/read-pool/read-protocol';

const SOURCE = fileURLToPath(new URL('../../src/main/core/read-pool/read-worker.ts', import.meta.url));

export function sourceReadWorker(data: ReadWorkerData): Worker {
  const start = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(SOURCE)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(start, { eval: true, workerData: data });
}
