/** The reads on the calling thread, over the core's own connection: tests and the desktop app without a pool. */
import type { Db } from '../db/open';
import { READS, type Reader } from './reads';

export function inThreadReader(db: Db): Reader {
  return {
    // READS[name] is the read named `name`; TypeScript cannot follow a key into a function's types.
    run: async (name, arg) => (READS[name] as (d: Db, a: typeof arg) => never)(db, arg),
    close: async () => undefined,
  };
}
