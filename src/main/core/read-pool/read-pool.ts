/**
 * Reads on worker threads, each with its own connection. `serve` and the desktop app's Automation
 * API answer a REST order list here: fifty scripts asking fresh lists kept the one JavaScript
 * thread busy in SQLite (0.3-0.5 ms a list) while the other core stood mostly idle; here SQLite
 * runs on every core and the main thread only speaks HTTP. WAL lets these connections read while
 * the core's connection writes; a read sees every write committed before it was asked.
 *
 * Threads start on the first read. One that dies fails only the reads it held, in words, and the
 * next read starts a new one.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReadRequest, ReadResponse, ReadWorkerData } from './read-protocol';
import type { Reader } from './reads';

export interface ReadPoolOptions {
  data: ReadWorkerData;
  /** Starts one thread running read-worker.ts (built, or from source under tests). */
  spawn: (data: ReadWorkerData) => Worker;
  /** Threads; one per core (at most four) unless said. */
  size?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export function createReadPool(opts: ReadPoolOptions): Reader {
  const size = opts.size ?? Math.max(1, Math.min(4, availableParallelism()));
  const threads: Thread[] = [];
  let nextId = 1;
  let closed = false;

  const start = (): Thread => {
    const thread: Thread = { worker: opts.spawn(opts.data), pending: new Map() };
    const fail = (why: string) => {
      threads.splice(threads.indexOf(thread), 1);
      for (const p of thread.pending.values()) p.reject(new Error(`The reading thread stopped (${why}); ask again.`));
      thread.pending.clear();
    };
    thread.worker.on('message', (answer: ReadResponse) => {
      const pending = thread.pending.get(answer.id);
      thread.pending.delete(answer.id);
      if (thread.pending.size === 0) thread.worker.unref();
      if (answer.ok) pending?.resolve(answer.value);
      else pending?.reject(new Error(answer.message));
    });
    thread.worker.on('error', (error) => fail(error.message));
    thread.worker.on('exit', (code) => {
      if (threads.includes(thread)) fail(`exit code ${code}`);
    });
    threads.push(thread);
    return thread;
  };

  /** The thread with the fewest reads waiting, starting threads up to `size` as reads come. */
  const pick = (): Thread => {
    let best = threads[0];
    for (const t of threads) if (t.pending.size < best!.pending.size) best = t;
    if (!best || (best.pending.size > 0 && threads.length < size)) return start();
    return best;
  };

  return {
    run(name, arg) {
      if (closed) return Promise.reject(new Error('PackDesk is closing; the read was not run.'));
      const thread = pick();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        // A thread with reads to answer keeps the process alive; an idle one does not.
        if (thread.pending.size === 0) thread.worker.ref();
        thread.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        thread.worker.postMessage({ id, name, arg } satisfies ReadRequest);
      });
    },
    async close() {
      closed = true;
      const stopping = threads.splice(0);
      for (const t of stopping) {
        for (const p of t.pending.values()) p.reject(new Error('PackDesk is closing; the read was not finished.'));
      }
      await Promise.all(stopping.map((t) => t.worker.terminate()));
    },
  };
}

/** Threads running the built read-worker.js, which electron-vite writes beside `serve` and the app's main. */
export function builtReadWorker(mainDir: string): ReadPoolOptions['spawn'] {
  return (data) => new Worker(join(mainDir, 'read-worker.js'), { workerData: data });
}
