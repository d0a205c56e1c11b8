/**
 * Issue 5 target: an idle outbox with 1,000 waiting tracking syncs and their shop down uses under
 * 2% of a CPU. The runner runs with the app's own settings (backoff, jitter, circuit); the shop
 * refuses connections. CPU is process.cpuUsage over 5 s of wall time once the runner knows the
 * shop is down (probes in that window included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWooCommerceAdapter } from '../src/main/core/channels/woocommerce';
import { closeDatabase, openDatabase } from '../src/main/core/db/open';
import { createOutboxRunner } from '../src/main/core/outbox/outbox-runner';
import { outboxSummary } from '../src/main/core/outbox/outbox-review';
import { syncTracking, TRACKING_SYNC, trackingSyncKind } from '../src/main/core/outbox/tracking-sync';
import { aesGcmSecretBox } from '../src/main/core/secrets/secret-box';
import { seedOrders } from './seed-orders';
import { report } from './stats';

const JOBS = 1_000;
const WINDOW_MS = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-'));
const box = aesGcmSecretBox(Buffer.alloc(32, 1));
const db = openDatabase(join(dir, 'packdesk.sqlite'));

try {
  // 8% of the seeded orders have a label (bench/seed-orders.ts); the shop's address is a closed port.
  seedOrders(db, box, 15_000);
  const labelled = db.$client
    .prepare("SELECT id FROM orders WHERE status = 'label_created' ORDER BY id LIMIT ?")
    .pluck()
    .all(JOBS) as number[];
  const queued = syncTracking(db, labelled, new Date().toISOString()).queued.length;
  if (queued !== JOBS) throw new Error(`Only ${queued} jobs queued`);

  const runner = createOutboxRunner({
    db,
    clock: () => new Date(),
    kinds: {
      [TRACKING_SYNC]: trackingSyncKind({
        db,
        box,
        channels: { woocommerce: createWooCommerceAdapter({ maxAttempts: 1 }) },
      }),
    },
  });
  // Warm-up (not measured): the first tries find the shop down and open its circuit; loading
  // the HTTP client and compiling the code costs a one-off tenth of a second.
  const warmStarted = Date.now();
  runner.start();
  while (runner.outages().length === 0) await sleep(10);
  console.log(`shop found down after ${Date.now() - warmStarted} ms`);

  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await sleep(WINDOW_MS);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  await runner.stop();

  const summary = outboxSummary(db, runner.outages());
  const tries = db.$client.prepare('SELECT sum(attempts) FROM outbox_jobs').pluck().get() as number;
  console.log(
    `${summary.waiting} jobs waiting, shop offline: ${summary.offline.length === 1 ? 'yes' : 'no'}, ` +
      `${tries} calls tried in ${(wallMs / 1000).toFixed(1)} s`,
  );
  const percent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
  const ok = report('idle outbox CPU, 1,000 jobs waiting, shop down', percent, 2, '%');
  if (summary.waiting !== JOBS || summary.offline.length !== 1) throw new Error('The outbox did not see the shop down');
  process.exitCode = ok ? 0 : 1;
} finally {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
}
