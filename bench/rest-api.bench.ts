/**
 * Issue 6 targets, with 200,000 orders of three shops on two channels, in batches, over loopback
 * against the real `serve` (a child process, so the clients do not share its event loop):
 * GET /api/orders with filters at p95 < 25 ms with 50 concurrent clients and no errors;
 * GET /api/dashboard/summary < 50 ms at p95.
 *
 * The targets are read on answers computed for the request, not reused: while the 50 clients
 * read, a packer makes a label about once a second (a real write through the API), and no client
 * asks a URL that was already asked since the last write, so the answer cache never serves a
 * timed request. Totals of a filter are still shared between its pages until the next write, as
 * they are at work. The figure with every answer reused is printed beside it for information.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../src/main/core/data-dir';
import { closeDatabase, openDatabase } from '../src/main/core/db/open';
import { headlessSecretBox } from '../src/main/core/secrets/secret-box';
import { seedOrders, type BenchStore } from './seed-orders';
import { report } from './stats';

const ORDERS = 200_000;
const CLIENTS = 50;
const WARM_SECONDS = 5;
const TIMED_SECONDS = 20;
const WRITE_EVERY_MS = 1000;
/** Orders of a shop per batch, among those that are past labelling. */
const BATCH_SIZE = 150;
const token = 'bench-token';
const port = 4792;
const dataDir = mkdtempSync(join(tmpdir(), 'packdesk-bench-rest-'));
const results: boolean[] = [];

const STORES: readonly BenchStore[] = [
  { providerCode: 'woocommerce', externalId: 'shop-a', displayName: 'Shop A', share: 4 },
  { providerCode: 'woocommerce', externalId: 'shop-b', displayName: 'Shop B', share: 3 },
  { providerCode: 'shopify', externalId: 'shop-c', displayName: 'Shop C', share: 3 },
];

const started = Date.now();
const db = openDatabase(join(dataDir, DATABASE_FILE));
// The last order placed a minute ago, so "today" and the two-week charts have real volume.
seedOrders(db, headlessSecretBox(dataDir), ORDERS, Date.now() - ORDERS * 60_000, STORES);
/** Orders past labelling go out in batches of one shop, as the packing station makes them. */
function seedBatches(): string[] {
  const sqlite = db.$client;
  const ids: string[] = [];
  const done = sqlite
    .prepare(
      "SELECT id, credential_id, channel, seller_id, substr(placed_at, 1, 10) AS day FROM orders WHERE status IN ('batched', 'synced', 'shipped') ORDER BY credential_id, id",
    )
    .all() as { id: number; credential_id: number; channel: string; seller_id: string; day: string }[];
  const addBatch = sqlite.prepare(
    "INSERT INTO batches (id, credential_id, channel, seller_id, day, seq, status, order_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'created', ?, ?, ?)",
  );
  const setBatch = sqlite.prepare('UPDATE orders SET batch_id = ? WHERE id = ?');
  sqlite.transaction(() => {
    for (let i = 0; i < done.length; i += BATCH_SIZE) {
      const group = done.slice(i, i + BATCH_SIZE).filter((o) => o.credential_id === done[i]!.credential_id);
      const first = group[0]!;
      const day = first.day.replaceAll('-', '');
      const seq = ids.length + 1;
      const id = `BATCH_${first.channel}_${day}_${String(seq).padStart(3, '0')}`;
      const at = `${first.day}T18:00:00.000Z`;
      addBatch.run(id, first.credential_id, first.channel, first.seller_id, day, seq, group.length, at, at);
      for (const o of group) setBatch.run(id, o.id);
      ids.push(id);
    }
  })();
  return ids;
}
const batchIds = seedBatches();
const newOrders = (
  db.$client.prepare("SELECT external_id FROM orders WHERE status = 'new' ORDER BY id DESC").all() as {
    external_id: string;
  }[]
).map((o) => o.external_id);
closeDatabase(db);
console.log(
  `seeded ${ORDERS} orders of ${STORES.length} shops in ${batchIds.length} batches in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

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

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 1 });

function send(method: string, path: string, json?: unknown): Promise<{ status: number; ms: number }> {
  const start = process.hrtime.bigint();
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const get = (path: string) => send('GET', path);

const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!;
const p50 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.5)]!;

/** A packer labels the next new order: one real write, which every kept answer is dropped for. */
let labelled = 0;
async function writeOne(): Promise<void> {
  const orderId = newOrders[labelled++]!;
  const { status } = await send('POST', '/api/orders/generate_labels', { order_ids: [orderId], carrier: 'local' });
  if (status !== 200) throw new Error(`generate_labels answered HTTP ${status}`);
}

// What scripts and warehouse screens ask: queues, several statuses, a channel, a shop, a batch, pages.
const STATUS_SETS = [
  '',
  'status=new',
  'status=new,waiting_labels',
  'status=label_failed,on_hold,exception',
  'status=label_created&status=synced',
  'status=shipped',
  'status=batched',
  'status=cancelled',
  'status=synced,batched,shipped',
];
const SOURCES = [
  '',
  'channel=woocommerce',
  'channel=shopify',
  'channel=woocommerce&seller_id=shop-a',
  'channel=woocommerce&seller_id=shop-b',
  'channel=shopify&seller_id=shop-c',
  'seller_id=shop-b',
];
const LIMITS = [20, 50, 100];
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

function randomUrl(): string {
  const parts =
    Math.random() < 0.15
      ? [pick(['', 'status=batched', 'status=shipped']), `batch_id=${pick(batchIds)}`]
      : [pick(STATUS_SETS), pick(SOURCES)];
  // Most asks are the first pages; some scroll far.
  const page = Math.random() < 0.5 ? 1 : 1 + Math.floor(Math.random() * (Math.random() < 0.8 ? 5 : 40));
  parts.push(`page=${page}`, `limit=${pick(LIMITS)}`);
  return `/api/orders?${parts.filter((p) => p.length > 0).join('&')}`;
}

let errors = 0;
/** URLs asked since the last write: a client never repeats one, so no timed answer is reused. */
let askedSinceWrite = new Set<string>();

function freshUrl(): string {
  for (;;) {
    const url = randomUrl();
    if (!askedSinceWrite.has(url)) {
      askedSinceWrite.add(url);
      return url;
    }
  }
}

/** 50 clients read fresh URLs back to back for `seconds` while the packer writes once a second. */
async function readWhileWriting(seconds: number): Promise<{ times: number[]; writes: number; distinct: number }> {
  const times: number[] = [];
  const until = Date.now() + seconds * 1000;
  let writes = 0;
  let distinct = 0;
  const writer = (async () => {
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, WRITE_EVERY_MS));
      await writeOne();
      writes++;
      distinct += askedSinceWrite.size;
      askedSinceWrite = new Set();
    }
  })();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const { status, ms } = await get(freshUrl());
        if (status !== 200) errors++;
        times.push(ms);
      }
    }),
  );
  await writer;
  return { times, writes, distinct };
}

// Fixed URLs, each warmed: every timed request is a kept answer. For information only.
const CACHED = [
  '/api/orders?status=new',
  '/api/orders?status=label_failed,on_hold,exception',
  '/api/orders?status=shipped&channel=woocommerce&seller_id=shop-a&page=3',
  '/api/orders?channel=shopify&page=2',
  `/api/orders?batch_id=${batchIds[0]}`,
  '/api/orders',
];

async function readCached(): Promise<number[]> {
  for (const path of CACHED) await get(path);
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < 40; i++) {
        const { status, ms } = await get(CACHED[(client + i) % CACHED.length]!);
        if (status !== 200) errors++;
        times.push(ms);
      }
    }),
  );
  return times;
}

try {
  // The first seconds open the 50 connections and run code the JIT has not compiled yet; a server
  // at work has done both long ago, so the target is read on the seconds after them.
  const warm = await readWhileWriting(WARM_SECONDS);
  console.log(`info  warm-up (connections opened, JIT cold): p95 ${p95(warm.times).toFixed(1)} ms`);
  const { times, writes, distinct } = await readWhileWriting(TIMED_SECONDS);
  console.log(
    `info  ${times.length} requests in ${TIMED_SECONDS} s (${(times.length / TIMED_SECONDS).toFixed(0)}/s), ${writes} writes, ${distinct} distinct URLs, none answered from the cache; p50 ${p50(times).toFixed(1)} ms`,
  );
  results.push(
    report(`GET /api/orders with varied filters, ${CLIENTS} clients, a write a second, p95`, p95(times), 25),
  );

  const cached = await readCached();
  console.log(`info  the same with every answer reused (fixed URLs, no writes): p95 ${p95(cached).toFixed(1)} ms`);
  results.push(report('GET /api/orders errors', errors, 0, 'errors'));

  // Each summary asked right after a write, so it is computed, not reused.
  const summary: number[] = [];
  const reused: number[] = [];
  let summaryErrors = 0;
  for (let i = 0; i < 30; i++) {
    await writeOne();
    const { status, ms } = await get('/api/dashboard/summary');
    if (status !== 200) summaryErrors++;
    summary.push(ms);
    reused.push((await get('/api/dashboard/summary')).ms);
  }
  console.log(`info  GET /api/dashboard/summary asked again, reused: p95 ${p95(reused).toFixed(1)} ms`);
  results.push(report('GET /api/dashboard/summary right after a write, p95', p95(summary), 50));
  results.push(report('GET /api/dashboard/summary errors', summaryErrors, 0, 'errors'));
} finally {
  agent.destroy();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = results.every(Boolean) ? 0 : 1;
