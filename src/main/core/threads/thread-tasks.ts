/**
 * The work that may run on a worker thread of a thread pool (thread-pool.ts): reads of the
 * database and label drawing. Each is a function of a structured-clonable argument answering a
 * structured-clonable value. Only work worth the hop belongs here: the REST order list, which
 * fifty scripts may ask at once, and drawing a label (10-20 ms of pdf-lib and font subsetting),
 * either of which otherwise keeps the one JavaScript thread from answering anything else.
 */
import type { Db } from '../db/open';
import type { PrinterLanguage } from '../../../shared/printing';
import { drawLabels } from '../labels/label-drawing';
import type { LabelDocument } from '../labels/label-pdf';
import { findOrders, type OrderFilter } from '../orders/order-find';

/** The thread's connection, opened on its first read: a thread that only draws never opens one. */
type Connection = () => Db;

/** A read runs in one transaction, so a total and its page come from one snapshot. */
const read =
  <A, V>(fn: (db: Db, arg: A) => V) =>
  (connection: Connection, arg: A): V => {
    const db = connection();
    return db.$client.transaction(() => fn(db, arg))();
  };

export const TASKS = {
  'orders.find': read((db, { offset, limit, ...filter }: OrderFilter & { offset: number; limit: number }) =>
    findOrders(db, filter, offset, limit),
  ),
  'labels.draw': (
    _: Connection,
    { documents, language }: { documents: readonly LabelDocument[]; language: PrinterLanguage },
  ) => drawLabels(documents, language),
};

export type TaskName = keyof typeof TASKS;
export type TaskArg<K extends TaskName> = Parameters<(typeof TASKS)[K]>[1];
export type TaskValue<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]>>;

/** Runs the work of TASKS: on worker threads (thread-pool.ts) or on the calling thread (in-thread.ts). */
export interface TaskRunner {
  run<K extends TaskName>(name: K, arg: TaskArg<K>): Promise<TaskValue<K>>;
  close(): Promise<void>;
}

/** Runs task `name`; TypeScript cannot follow a key into a function's types, so the cast is here once. */
export async function runTask(connection: Connection, name: TaskName, arg: unknown): Promise<unknown> {
  return (TASKS[name] as (c: Connection, a: unknown) => unknown)(connection, arg);
}
