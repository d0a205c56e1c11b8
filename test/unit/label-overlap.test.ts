/**
 * Two label runs over the same orders at once, through the core's api (a REST generate_labels
 * beside the bulk bar's, a second screen): while the first run's purchase is at the carrier,
 * undecided, the second must not take its pending label for a purchase that did not finish; a
 * lookup then finds nothing yet and it would buy the label again. The simulators hold the first
 * run's purchase before making anything and count the shipments made per order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startSendcloudSim, type SendcloudSim } from '../../sim/sendcloud/server';
import { startCore, type Core } from '../../src/main/core/core';
import { dispatch } from '../../src/main/core/dispatch';
import type { GenerateLabelsResult } from '../../src/shared/dto';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, addDhlAccount, importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { SENDCLOUD_PUBLIC, SENDCLOUD_SECRET, addSendcloudAccount } from '../support/sendcloud';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function generate(core: Core, orderIds: number[], carrier: string): Promise<GenerateLabelsResult> {
  const result = await dispatch(core.api, 'labels.generate', { orderIds, carrier });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as GenerateLabelsResult;
}

interface Carrier {
  code: 'dhl' | 'sendcloud';
  /** Starts the simulator and stores its account in the core's database. */
  start(core: Core): Promise<{
    holdPurchases(): { arrived: Promise<void>; release(): void };
    /** The shipments the carrier made for an order (our idempotency key is PD-<order id>-...). */
    shipmentsOf(orderId: number): number;
  }>;
}

const CARRIERS: Carrier[] = [
  {
    code: 'sendcloud',
    async start(core) {
      const sim: SendcloudSim = await startSendcloudSim({ publicKey: SENDCLOUD_PUBLIC, secretKey: SENDCLOUD_SECRET });
      cleanups.push(() => sim.close());
      addSendcloudAccount(core.db, sim.url);
      return {
        holdPurchases: () => sim.misbehave.holdPurchases(),
        shipmentsOf: (id) => sim.shipments().filter((s) => s.externalReference?.startsWith(`PD-${id}-`)).length,
      };
    },
  },
  {
    code: 'dhl',
    async start(core) {
      // Asked by reference, DHL answers "none" while the purchase is still undecided: the dangerous case.
      const sim: DhlSim = await startDhlSim({
        apiKey: DHL_KEY,
        username: DHL_USER,
        password: DHL_PASSWORD,
        lookupByRefNo: true,
      });
      cleanups.push(() => sim.close());
      addDhlAccount(core.db, sim.url);
      return {
        holdPurchases: () => sim.misbehave.holdPurchases(),
        shipmentsOf: (id) => sim.shipments().filter((s) => s.refNo?.startsWith(`PD-${id}-`)).length,
      };
    },
  },
];

describe.each(CARRIERS)('two $code runs over the same orders at once', ({ code, start }) => {
  it('buys each order once: the second run leaves the orders the first is buying, in words, and buys the rest', async () => {
    const core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: 'test' });
    cleanups.push(() => core.close());
    const carrier = await start(core);
    const ids = importGermanOrders(core.db, 9);
    const firstIds = ids.slice(0, 6);

    const firstHold = carrier.holdPurchases();
    const first = generate(core, firstIds, code);
    await firstHold.arrived;
    // The second run's own purchase waits at a hold of its own, so its answer is asked for after it.
    const secondHold = carrier.holdPurchases();
    const second = generate(core, ids, code);
    await secondHold.arrived;
    secondHold.release();
    firstHold.release();

    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ success: firstIds, failed: [] });
    expect(b.success.sort((x, y) => x - y)).toEqual(ids.slice(6));
    expect(b.failed).toEqual(
      firstIds.map((id, i) => ({
        order_id: id,
        error: `Order ${1001 + i} is already getting its label in another run.`,
      })),
    );
    for (const id of ids) expect(carrier.shipmentsOf(id), `order ${id}`).toBe(1);
    const statuses = core.db.$client.prepare('SELECT DISTINCT status FROM orders').all();
    expect(statuses).toEqual([{ status: 'label_created' }]);
  });
});
