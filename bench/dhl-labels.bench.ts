/**
 * Issue 4 target: 300 DHL labels against the simulator, which waits 50 ms on every call, in at most
 * 5 s, peak memory under 500 MB. Real loopback HTTP, a real SQLite file, every label fsynced to the
 * data directory. The simulator runs in this process, so its work counts against both figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDhlSim } from '../sim/dhl/server';
import { createLocalCarrier } from '../src/main/core/carriers/local';
import { carrierRegistry } from '../src/main/core/carriers/registry';
import type { NormalizedOrder } from '../src/main/core/channels/channel-adapter';
import { addCredential } from '../src/main/core/credentials/credential-repo';
import { closeDatabase, openDatabase } from '../src/main/core/db/open';
import { generateLabels } from '../src/main/core/labels/label-service';
import { importOrder } from '../src/main/core/orders/order-import';
import { aesGcmSecretBox } from '../src/main/core/secrets/secret-box';
import { report } from './stats';

const LABELS = 300;
const LATENCY_MS = 50;
const AT = '2026-11-25T08:00:00.000Z';
const box = aesGcmSecretBox(Buffer.alloc(32, 3));
const auth = { apiKey: 'bench-key', username: 'bench-user', password: 'bench-password' };
const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-dhl-'));
const sim = await startDhlSim(auth);
sim.misbehave.latencyMs = LATENCY_MS;
const results: boolean[] = [];

try {
  const db = openDatabase(join(dir, 'packdesk.sqlite'));
  const at = AT;
  addCredential(
    db,
    box,
    {
      type: 'logistics',
      providerCode: 'dhl',
      externalId: '33333333330102',
      displayName: 'DHL Paket',
      baseUrl: sim.url,
      settings: { billingNumber: '33333333330102', docFormat: 'PDF' },
      secrets: { apiKey: auth.apiKey, apiSecret: '', username: auth.username, password: auth.password },
    },
    at,
  );
  const shop = addCredential(
    db,
    box,
    {
      type: 'order_channel',
      providerCode: 'woocommerce',
      externalId: 'bench',
      displayName: 'Bench shop',
      baseUrl: 'http://127.0.0.1:1',
      settings: {},
      secrets: { apiKey: 'ck', apiSecret: 'cs' },
    },
    at,
  );
  db.$client.transaction(() => {
    for (let n = 1; n <= LABELS; n++)
      importOrder(db, { credentialId: shop, channel: 'woocommerce', sellerId: 'bench' }, order(n), at);
  })();
  const ids = (db.$client.prepare('SELECT id FROM orders ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const carriers = carrierRegistry(db, box, createLocalCarrier({ nextSerial: () => 1 }));

  const started = process.hrtime.bigint();
  const result = await generateLabels({ db, clock: () => new Date(), dataDir: dir, carriers }, ids, 'dhl');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.success.length !== LABELS) {
    throw new Error(
      `Only ${result.success.length} of ${LABELS} labels were bought: ${JSON.stringify(result.failed[0])}`,
    );
  }
  console.log(`info  ${sim.requests.byMethod.POST ?? 0} requests to DHL for ${LABELS} labels`);
  results.push(report(`${LABELS} DHL labels, ${LATENCY_MS} ms per call`, ms, 5000));
  results.push(report('peak memory (RSS)', process.resourceUsage().maxRSS / 1024, 500, 'MB'));
  closeDatabase(db);
} finally {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = results.every(Boolean) ? 0 : 1;

function order(n: number): NormalizedOrder {
  const placed = new Date(Date.UTC(2026, 10, 24, 8, 0, n)).toISOString();
  return {
    externalId: String(50_000 + n),
    orderNumber: String(50_000 + n),
    channelStatus: 'processing',
    cancelled: false,
    placedAt: placed,
    modifiedAt: placed,
    currency: 'EUR',
    total: '24.90',
    customerNote: '',
    shipping: {
      name: `Kundin ${n}`,
      company: '',
      line1: `Müllerstraße ${n}`,
      line2: '',
      city: 'München',
      state: '',
      postcode: '80331',
      country: 'DE',
      phone: '',
      email: `kundin${n}@example.com`,
    },
    items: [{ sku: 'TEE-BLK-M', name: 'T-Shirt black M', quantity: 1 + (n % 3), price: '12.45', attributes: [] }],
    problems: [],
    raw: { id: n },
  };
}
