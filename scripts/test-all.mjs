// `npm test`: every suite (vitest unit/integration, then Playwright e2e against `serve`), and one
// closing line "N passed, N failed" totalled from both, which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const unitJson = 'test-results/vitest.json';
const e2eJson = 'test-results/playwright.json';
const unitStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitJson}`]);
const buildStatus = run('npx', ['electron-vite', 'build']);
const e2eStatus =
  buildStatus === 0
    ? run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson })
    : 1;

function vitestCounts() {
  if (!existsSync(unitJson)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(unitJson, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) };
}

function playwrightCounts() {
  if (!existsSync(e2eJson)) return { passed: 0, failed: 1 };
  const s = JSON.parse(readFileSync(e2eJson, 'utf8')).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected };
}

const unit = vitestCounts();
const e2e = playwrightCounts();
let failed = unit.failed + e2e.failed;
// A suite that crashed without reporting a failure still fails the run.
if (failed === 0 && (unitStatus !== 0 || e2eStatus !== 0)) failed = 1;
console.log(`unit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`${unit.passed + e2e.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
