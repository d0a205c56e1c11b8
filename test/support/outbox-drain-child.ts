/**
 * A PackDesk outbox in its own process, for the kill test: opens the database given as argv[2],
 * runs its jobs against the shops the database knows, and exits 0 once nothing waits.
 */
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { createOutboxRunner } from '../../src/main/core/outbox/outbox-runner';
import { TRACKING_SYNC, trackingSyncKind } from '../../src/main/core/outbox/tracking-sync';
import { testBox } from './orders';
import { outboxWooAdapter } from './outbox-shop';

const file = process.argv[2];
if (!file) throw new Error('Give the database file.');
const db = openDatabase(file);
const runner = createOutboxRunner({
  db,
  clock: () => new Date(),
  kinds: { [TRACKING_SYNC]: trackingSyncKind({ db, box: testBox, channels: { woocommerce: outboxWooAdapter() } }) },
  perProvider: 8,
  retry: { baseMs: 20, maxMs: 200 },
  circuit: { baseMs: 20, maxMs: 200 },
});
runner.start();
const waiting = db.$client.prepare("SELECT count(*) FROM outbox_jobs WHERE state IN ('waiting', 'running')").pluck();
const check = setInterval(() => {
  if (waiting.get() !== 0) return;
  clearInterval(check);
  void runner.stop().then(() => {
    closeDatabase(db);
    process.exit(0);
  });
}, 20);
