/**
 * Tasks (thread-tasks.ts) on worker threads. `serve` and the desktop app keep two pools:
 * - reads, one thread per core: fifty scripts asking fresh REST order lists kept the one
 *   JavaScript thread busy in SQLite (0.3-0.5 ms a list) while the other core stood mostly idle;
 *   here SQLite runs on every core and the main thread only speaks HTTP. WAL lets each thread's
 *   connection read while the core's connection writes; a read sees every write committed before
 *   it was asked.
 * - drawing, one thread: a label drawn on the main thread stalled every request and every screen
 *   for 10-20 ms. One thread, so the fonts (tens of MB parsed) are loaded once.
 *
 * Threads start on the first task. One that dies fails only the tasks it held, in words, and the
 * next task starts a new one.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PoolWorkerData, TaskRequest, TaskResponse } from './pool-protocol';
import type { TaskRunner } from './thread-tasks';

export interface ThreadPoolOptions {
  data: PoolWorkerData;
  /** Starts one thread running pool-worker.ts (built, or from source under tests). */
  spawn: (data: PoolWorkerData) => Worker;
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

export function createThreadPool(opts: ThreadPoolOptions): TaskRunner {
  const size = opts.size ?? Math.max(1, Math.min(4, availableParallelism()));
  const threads: Thread[] = [];
  let nextId = 1;
  let closed = false;

  const start = (): Thread => {
    const thread: Thread = { worker: opts.spawn(opts.data), pending: new Map() };
    const fail = (why: string) => {
      threads.splice(threads.indexOf(thread), 1);
      for (const p of thread.pending.values()) p.reject(new Error(`The worker thread stopped (${why}); ask again.`));
      thread.pending.clear();
    };
    thread.worker.on('message', (answer: TaskResponse) => {
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

  /** The thread with the fewest tasks waiting, starting threads up to `size` as tasks come. */
  const pick = (): Thread => {
    let best = threads[0];
    for (const t of threads) if (t.pending.size < best!.pending.size) best = t;
    if (!best || (best.pending.size > 0 && threads.length < size)) return start();
    return best;
  };

  return {
    run(name, arg) {
      if (closed) return Promise.reject(new Error('PackDesk is closing; the task was not run.'));
      const thread = pick();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        // A thread with tasks to answer keeps the process alive; an idle one does not.
        if (thread.pending.size === 0) thread.worker.ref();
        thread.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        thread.worker.postMessage({ id, name, arg } satisfies TaskRequest);
      });
    },
    async close() {
      closed = true;
      const stopping = threads.splice(0);
      for (const t of stopping) {
        for (const p of t.pending.values()) p.reject(new Error('PackDesk is closing; the task was not finished.'));
      }
      await Promise.all(stopping.map((t) => t.worker.terminate()));
    },
  };
}

/** Threads running the built pool-worker.js, which electron-vite writes beside `serve` and the app's main. */
export function builtPoolWorker(mainDir: string): ThreadPoolOptions['spawn'] {
  return (data) => new Worker(join(mainDir, 'pool-worker.js'), { workerData: data });
}
