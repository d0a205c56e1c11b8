/**
 * The reads that may run on a worker thread of the read pool (read-pool.ts): pure functions of a
 * database connection and a structured-clonable argument, answering structured-clonable values.
 * Only reads whose answer is worth the hop belong here: the REST order list, which fifty scripts
 * may ask at once and which otherwise keeps the one JavaScript thread from answering anything else.
 */
import type { Db } from '../db/open';
import { findOrders, type OrderFilter } from '../orders/order-find';

export const READS = {
  'orders.find': (db: Db, { offset, limit, ...filter }: OrderFilter & { offset: number; limit: number }) =>
    findOrders(db, filter, offset, limit),
};

export type ReadName = keyof typeof READS;
export type ReadArg<K extends ReadName> = Parameters<(typeof READS)[K]>[1];
export type ReadValue<K extends ReadName> = ReturnType<(typeof READS)[K]>;

/** Runs the reads of READS: on worker threads (read-pool.ts) or on the calling thread (in-thread.ts). */
export interface Reader {
  run<K extends ReadName>(name: K, arg: ReadArg<K>): Promise<ReadValue<K>>;
  close(): Promise<void>;
}
