// `npm run bench`: every benchmark in turn; each prints its figures beside its target.
import { spawnSync } from 'node:child_process';

const benches = [
  'bench/queue.bench.ts',
  'bench/renderer.bench.ts',
  'bench/rest-api.bench.ts',
  'bench/outbox-idle.bench.ts',
  'bench/dhl-labels.bench.ts',
  'bench/sendcloud-labels.bench.ts',
  'bench/labels.bench.ts',
  'bench/pull.bench.ts',
  'bench/woocommerce-pull.bench.ts',
  'bench/batch-zip.bench.ts',
  'bench/pack-scan.bench.ts',
];
let missed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const { status } = spawnSync('npx', ['tsx', file], { stdio: 'inherit' });
  if (status !== 0) missed++;
}
console.log(`\n${benches.length - missed} of ${benches.length} benchmarks met every target`);
