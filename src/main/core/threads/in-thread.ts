/** The tasks on the calling thread, over the core's own connection: tests and the default core. */
import type { Db } from '../db/open';
import { runTask, type TaskRunner } from './thread-tasks';

export function inThreadRunner(db: Db): TaskRunner {
  return {
    run: async (name, arg) => (await runTask(() => db, name, arg)) as never,
    close: async () => undefined,
  };
}
