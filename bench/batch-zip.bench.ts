/**
 * Issue 5 target: the ZIP of a 500-order batch (merged labels, packing slips, pick list, manifest)
 * in at most 5 s with peak memory under 500 MB. Orders go through the real pipeline (import,
 * local-carrier labels on disk, batch); the download is then timed in a fresh process so its peak
 * RSS is the download's own, not the seeding's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { createBatch, downloadBatch } from '../src/main/core/batches/batch-service';
import { createLocalCarrier } from '../src/main/core/carriers/local';
import { DATABASE_FILE } from '../src/main/core/data-dir';
import { closeDatabase, openDatabase } from '../src/main/core/db/open';
import { generateLabels } from '../src/main/core/labels/label-service';
import { headlessSecretBox } from '../src/main/core/secrets/secret-box';
import { nextCounter } from '../src/main/core/settings';
import { seedOrders } from './seed-orders';
import { report } from './stats';

const ORDERS = 500;
const measuring = process.argv[2] === '--measure';

if (measuring) {
  const [dataDir, batchId] = process.argv.slice(3) as [string, string];
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const zip = await downloadBatch({ db, dataDir }, batchId);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  closeDatabase(db);
  const files = await JSZip.loadAsync(zip.bytes);
  console.log(
    JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMb: process.resourceUsage().maxRSS / 1024,
      bytes: zip.bytes.length,
      files: Object.keys(files.files).sort(),
    }),
  );
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'packdesk-bench-batch-'));
  try {
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    seedOrders(db, headlessSecretBox(dataDir), ORDERS);
    // Every seeded order starts over as new, so each gets a real label through the local carrier.
    db.$client.prepare("UPDATE orders SET status = 'new', tracking_number = NULL").run();
    const ids = (db.$client.prepare('SELECT id FROM orders ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const clock = () => new Date();
    const carriers = { local: createLocalCarrier({ nextSerial: () => nextCounter(db, 'local_tracking_serial') }) };
    const seeded = performance.now();
    const labels = await generateLabels({ db, clock, dataDir, carriers }, ids, 'local');
    console.log(
      `info  ${labels.success.length} labels made in ${((performance.now() - seeded) / 1000).toFixed(1)} s (setup)`,
    );
    const credentialId = (db.$client.prepare('SELECT id FROM credentials').get() as { id: number }).id;
    const batch = createBatch(db, clock, credentialId);
    // Warm the code path once in this process (the measured run is a fresh one).
    await downloadBatch({ db, dataDir }, batch.batch_id);
    closeDatabase(db);

    const child = spawnSync('npx', ['tsx', 'bench/batch-zip.bench.ts', '--measure', dataDir, batch.batch_id], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`the measured run failed:\n${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      ms: number;
      cpuMs: number;
      rssMb: number;
      bytes: number;
      files: string[];
    };
    console.log(
      `info  batch of ${batch.order_count} orders -> ${(result.bytes / 1e6).toFixed(1)} MB ZIP: ${result.files.join(', ')}`,
    );
    // On a shared machine wall time includes waiting for a core; CPU time is the work itself.
    console.log(
      `info  CPU time of the download: ${result.cpuMs.toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(1)}`,
    );
    const ok = [
      report(`ZIP of a ${batch.order_count}-order batch`, result.ms, 5000),
      report('peak memory of that process', result.rssMb, 500, 'MB'),
    ];
    process.exitCode = ok.every(Boolean) && batch.order_count === ORDERS ? 0 : 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
