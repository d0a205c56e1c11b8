/**
 * A DHL label bought as PDF, printed on the Zebra at the desk: PackDesk fetches the same shipment's
 * label again from DHL as ZPL2 (`GET /orders?shipment=&docFormat=ZPL2`, nothing is bought) and the
 * printer, a TCP listener on 127.0.0.1 standing in for port 9100, receives ZPL holding the
 * shipment number. A shipment DHL no longer has is refused in words, and nothing is queued.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startCore, type Core } from '../../src/main/core/core';
import type { GenerateLabelsResult, PrintJobView } from '../../src/shared/dto';
import {
  DHL_KEY,
  DHL_PASSWORD,
  DHL_PROFILE,
  DHL_USER,
  FAST_DHL_HTTP,
  addDhlAccount,
  dhlHeaders,
  importGermanOrders,
} from '../support/dhl';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { startZplPrinter, type FakeZplPrinter } from '../support/zpl-printer';
import { call } from '../support/api-call';

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two orders with DHL labels bought as PDF, and a ZPL printer as the desk's label printer. */
async function station(): Promise<{ core: Core; sim: DhlSim; printer: FakeZplPrinter; ids: number[] }> {
  const sim = await startDhlSim({ apiKey: DHL_KEY, username: DHL_USER, password: DHL_PASSWORD });
  cleanups.push(() => sim.close());
  const core = await startCore({
    dataDir: tempDir(),
    secretBox: testBox,
    version: 'test',
    carrierHttp: { dhl: FAST_DHL_HTTP },
  });
  cleanups.push(() => core.close());
  const printer = await startZplPrinter();
  cleanups.push(() => printer.switchOff());
  addDhlAccount(core.db, sim.url, { docFormat: 'PDF' });
  await call(core, 'printers.add', {
    name: 'Zebra',
    driver: 'tcp',
    target: printer.target,
    media: '4x6',
    language: 'zpl',
  });
  const ids = importGermanOrders(core.db, 2);
  const bought = await call<GenerateLabelsResult>(core, 'labels.generate', { orderIds: ids, carrier: 'dhl' });
  expect(bought).toEqual({ success: ids, failed: [] });
  return { core, sim, printer, ids };
}

describe('printing a DHL PDF label on a ZPL printer', () => {
  it('fetches the label again from DHL as ZPL2 and sends that to the printer', async () => {
    const { core, sim, printer, ids } = await station();
    const stored = core.db.$client.prepare('SELECT format, tracking_number FROM labels WHERE order_id = ?').get(ids[0]);
    const shipmentNo = sim.shipments()[0]!.shipmentNo;
    expect(stored).toEqual({ format: 'pdf', tracking_number: shipmentNo });

    const received = printer.nextJob();
    const job = await call<PrintJobView>(core, 'print.label', { orderId: ids[0] });
    expect(job).toMatchObject({ format: 'zpl', title: `Label ${shipmentNo} (order 1001)` });
    const zpl = await received;
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl).toContain(`^FD${shipmentNo}^FS`);
    // Fetched again, not bought again.
    expect(sim.shipments()).toHaveLength(2);
    expect(sim.requests.byMethod.GET).toBe(1);

    // Kept beside the DHL PDF: printed again, it is not fetched again.
    const again = printer.nextJob();
    await call<PrintJobView>(core, 'print.label', { orderId: ids[0] });
    expect(await again).toContain(`^FD${shipmentNo}^FS`);
    expect(sim.requests.byMethod.GET).toBe(1);
  });

  it('refuses in words a label DHL no longer has, and queues nothing', async () => {
    const { core, sim, ids } = await station();
    const shipmentNo = sim.shipments()[1]!.shipmentNo;
    const voided = await fetch(`${sim.url}/orders?profile=${DHL_PROFILE}&shipment=${shipmentNo}`, {
      method: 'DELETE',
      headers: dhlHeaders(),
    });
    expect(voided.status).toBe(200);

    await expect(call(core, 'print.label', { orderId: ids[1] })).rejects.toThrow(
      `DHL has no label for shipment ${shipmentNo}: The shipment number is unknown or was cancelled.`,
    );
    expect(await call<PrintJobView[]>(core, 'print.jobs', { orderId: ids[1] })).toEqual([]);
  });
});
