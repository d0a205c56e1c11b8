/**
 * "Print each label as it is bought" for labels that turn bought by a lookup rather than by the
 * carrier's answer: after a purchase timed out, and at start-up for one the app could not confirm
 * before it closed. The DHL simulator makes the shipment and then never answers (or goes away), a TCP
 * listener on 127.0.0.1 is the ZPL label printer, and the label must reach it exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSim, type DhlSim } from '../../sim/dhl/server';
import { startCore, type Core, type CoreOptions } from '../../src/main/core/core';
import type { GenerateLabelsResult, PrintJobView } from '../../src/shared/dto';
import { DHL_KEY, DHL_PASSWORD, DHL_USER, FAST_DHL_HTTP, addDhlAccount, importGermanOrders } from '../support/dhl';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { startZplPrinter, type FakeZplPrinter } from '../support/zpl-printer';
import { call } from '../support/api-call';

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A hang costs one timeout: half a second here. */
const OPTIONS = (dataDir: string): CoreOptions => ({
  dataDir,
  secretBox: testBox,
  version: 'test',
  carrierHttp: { dhl: { ...FAST_DHL_HTTP, timeoutMs: 500 } },
});

const closed = new WeakSet<Core>();
async function stop(core: Core): Promise<void> {
  if (closed.has(core)) return;
  closed.add(core);
  await core.close();
}

async function start(dataDir: string): Promise<Core> {
  const core = await startCore(OPTIONS(dataDir));
  cleanups.push(() => stop(core));
  return core;
}

/** A DHL account (ZPL labels, lookup by refNo), a ZPL printer at the desk, and print-on-buy on. */
async function station(sim: DhlSim): Promise<{ core: Core; dataDir: string; printer: FakeZplPrinter; id: number }> {
  const dataDir = tempDir();
  const core = await start(dataDir);
  const printer = await startZplPrinter();
  cleanups.push(() => printer.switchOff());
  addDhlAccount(core.db, sim.url, { docFormat: 'ZPL2' });
  await call(core, 'printers.add', {
    name: 'Zebra',
    driver: 'tcp',
    target: printer.target,
    media: '4x6',
    language: 'zpl',
  });
  await call(core, 'print.saveSettings', { printLabelsWhenBought: true });
  const [id] = importGermanOrders(core.db, 1);
  return { core, dataDir, printer, id: id! };
}

async function dhlSim(onCreated?: () => void): Promise<DhlSim> {
  const sim = await startDhlSim({
    apiKey: DHL_KEY,
    username: DHL_USER,
    password: DHL_PASSWORD,
    lookupByRefNo: true,
    ...(onCreated ? { onCreated } : {}),
  });
  cleanups.push(() => sim.close());
  return sim;
}

describe('print on buy, for labels settled by lookup', () => {
  it('prints a label DHL made but never answered for, once, when the lookup after the timeout finds it', async () => {
    const sim = await dhlSim();
    const { core, printer, id } = await station(sim);
    sim.misbehave.hangAfterCreateNext(1);

    const received = printer.nextJob();
    const result = await call<GenerateLabelsResult>(core, 'labels.generate', { orderIds: [id], carrier: 'dhl' });
    expect(result).toEqual({ success: [id], failed: [] });
    const [shipment] = sim.shipments();
    expect(sim.shipments()).toHaveLength(1);
    expect(await received).toContain(shipment!.shipmentNo);

    const jobs = await call<PrintJobView[]>(core, 'print.jobs', { orderId: id });
    expect(jobs.map((j) => j.title)).toEqual([`Label ${shipment!.shipmentNo} (order 1001)`]);
    expect(printer.jobs).toHaveLength(1);
  });

  it('prints a label DHL could not confirm before the app closed, once, when the check at start-up finds it', async () => {
    // DHL goes away the moment it has made the shipment: the answer is lost and so is the lookup.
    const sim: DhlSim = await dhlSim(() => void sim.misbehave.goAway());
    const { core, dataDir, printer, id } = await station(sim);
    const result = await call<GenerateLabelsResult>(core, 'labels.generate', { orderIds: [id], carrier: 'dhl' });
    expect(result.failed.map((f) => f.order_id)).toEqual([id]);
    expect(printer.jobs).toEqual([]);
    await stop(core);

    await sim.misbehave.comeBack();
    const received = printer.nextJob();
    const again = await start(dataDir);
    await again.labelsRecovered;
    const [shipment] = sim.shipments();
    expect(await received).toContain(shipment!.shipmentNo);
    const order = again.db.$client.prepare('SELECT status, tracking_number FROM orders WHERE id = ?').get(id);
    expect(order).toEqual({ status: 'label_created', tracking_number: shipment!.shipmentNo });
    const jobs = await call<PrintJobView[]>(again, 'print.jobs', { orderId: id });
    expect(jobs).toHaveLength(1);
    expect(printer.jobs).toHaveLength(1);
  });
});
