/**
 * Printing a batch through the real print queue: the labels as one ZPL job to a network label
 * printer (a TCP listener standing in for a Zebra on port 9100), the packing slips and pick list to
 * the cups-pdf queue `PDF` (the printed PDFs appear on disk), and the batch `printed` by itself once
 * its three jobs have printed. Also one order's packing slip from its detail.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printBatch, printPackingSlip } from '../../src/main/core/batches/batch-print';
import { createBatch, listBatches } from '../../src/main/core/batches/batch-service';
import { createLocalCarrier } from '../../src/main/core/carriers/local';
import { systemClock } from '../../src/main/core/clock';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { generateLabels } from '../../src/main/core/labels/label-service';
import { importOrder } from '../../src/main/core/orders/order-import';
import { createCupsPrinterDriver } from '../../src/main/core/printing/cups-printer';
import { createPrintQueue, type PrintQueue } from '../../src/main/core/printing/print-queue';
import { addPrinter } from '../../src/main/core/printing/printer-repo';
import { createSystemPrinterDriver } from '../../src/main/core/printing/system-printer';
import { createTcpPrinterDriver } from '../../src/main/core/printing/tcp-printer';
import { nextCounter } from '../../src/main/core/settings';
import { cupsPdfDirs, waitForFile } from '../support/cups-pdf';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { barcodeData, decodeGraphics } from '../support/zpl-decode';
import { startZplPrinter, type FakeZplPrinter } from '../support/zpl-printer';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const drivers = {
  tcp: createTcpPrinterDriver({ timeoutMs: 1500, statusTimeoutMs: 300 }),
  cups: createCupsPrinterDriver(),
  system: createSystemPrinterDriver(null),
};

interface Station {
  db: Db;
  queue: PrintQueue;
  deps: { db: Db; clock: typeof systemClock; dataDir: string; queue: PrintQueue };
  batchId: string;
  /** The batch's orders in pick order: id, number, tracking. */
  orders: { id: number; number: string; tracking: string }[];
  zebra: FakeZplPrinter;
}

/** Three labelled orders in a batch, a Zebra on the network for labels and cups-pdf for A4. */
async function station(): Promise<Station> {
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  cleanups.push(() => closeDatabase(db));
  const shop = addShop(db);
  for (let n = 1; n <= 3; n++) {
    importOrder(db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, makeOrder(n), AT);
  }
  const ids = (db.$client.prepare('SELECT id FROM orders ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const carriers = { local: createLocalCarrier({ nextSerial: () => nextCounter(db, 'local_tracking_serial') }) };
  expect((await generateLabels({ db, clock: systemClock, dataDir, carriers }, ids, 'local')).failed).toEqual([]);
  const { batch_id: batchId } = createBatch(db, systemClock, shop);
  const orders = db.$client
    .prepare(
      `SELECT o.id, o.order_number AS number, o.tracking_number AS tracking
       FROM batch_orders b JOIN orders o ON o.id = b.order_id WHERE b.batch_id = ? ORDER BY b.position`,
    )
    .all(batchId) as Station['orders'];
  const queue = createPrintQueue({ db, clock: systemClock, drivers, firstDelayMs: 50, maxDelayMs: 200 });
  cleanups.push(() => queue.stop());
  const zebra = await startZplPrinter();
  cleanups.push(() => zebra.switchOff());
  addPrinter(db, systemClock, { name: 'Zebra', driver: 'tcp', target: zebra.target, media: '4x6', language: 'zpl' });
  addPrinter(db, systemClock, { name: 'Office', driver: 'cups', target: 'PDF', media: 'A4', language: 'pdf' });
  return { db, queue, deps: { db, clock: systemClock, dataDir, queue }, batchId, orders, zebra };
}

const batchOf = (s: Station) => listBatches(s.db).find((b) => b.batchId === s.batchId)!;

function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1]);
}

describe('printing a batch', () => {
  it('sends the labels as ZPL in pick order and the slips and pick list to CUPS, then the batch is printed', async () => {
    const s = await station();
    const started = Date.now() - 1000;
    const received = s.zebra.nextJob();
    const jobs = await printBatch(s.deps, s.batchId);
    expect(jobs.map((j) => [j.kind, j.printerName, j.format, j.batchId])).toEqual([
      ['label', 'Zebra', 'zpl', s.batchId],
      ['packing_slip', 'Office', 'pdf', s.batchId],
      ['pick_list', 'Office', 'pdf', s.batchId],
    ]);

    // One job on the label printer: a ^XA…^XZ label per order, tracking numbers in pick order.
    const zpl = await received;
    expect(barcodeData(zpl)).toEqual(s.orders.map((o) => o.tracking));
    expect(zpl.match(/\^XA/g)).toHaveLength(3);
    expect(decodeGraphics(zpl).length).toBeGreaterThan(15);

    await s.queue.idle();
    expect(s.queue.list({ limit: 10 }).map((j) => j.state)).toEqual(['printed', 'printed', 'printed']);
    expect(batchOf(s)).toMatchObject({ status: 'printed', printJobsOpen: 0, printProblem: null });

    // cups-pdf names each file after its job's title: a slip per order, the pick list on one page.
    const slips = await waitForFile(cupsPdfDirs(), `Packing_slips_of_${s.batchId}`, started);
    expect(pageCount(slips)).toBe(3);
    const picks = await waitForFile(cupsPdfDirs(), `Pick_list_of_${s.batchId}`, started);
    expect(pageCount(picks)).toBe(1);
  });

  it('keeps the batch created while the label printer is off, says why, and prints it when it is back', async () => {
    const s = await station();
    await s.zebra.switchOff();
    await printBatch(s.deps, s.batchId);
    await s.queue.idle();
    expect(batchOf(s)).toMatchObject({
      status: 'created',
      printJobsOpen: 1,
      printProblem: `The label printer at ${s.zebra.target} did not answer — is it switched on?`,
    });

    const received = s.zebra.nextJob();
    await s.zebra.switchOn();
    expect(barcodeData(await received)).toEqual(s.orders.map((o) => o.tracking));
    await s.queue.idle();
    expect(batchOf(s)).toMatchObject({ status: 'printed', printJobsOpen: 0, printProblem: null });
  });

  it('refuses in words, queueing nothing, when a label cannot be had in the label printer’s language', async () => {
    const s = await station();
    // The second order's label came from DHL as a PDF, and this station has no DHL account to fetch it as ZPL.
    const dhl = s.orders[1]!;
    s.db.$client.prepare("UPDATE labels SET carrier = 'dhl' WHERE order_id = ?").run(dhl.id);
    s.db.$client.prepare("UPDATE orders SET carrier = 'dhl' WHERE id = ?").run(dhl.id);
    await expect(printBatch(s.deps, s.batchId)).rejects.toThrow(
      `Zebra prints ZPL, but the labels of order ${dhl.number} could not be had as ZPL: DHL sent this label as PDF, and no DHL account is set up here to fetch it as ZPL: set the account up again under Channels → Carriers, or use a PDF printer. Nothing was printed: print the batch again when that is fixed, or make a PDF label printer the default under Printers.`,
    );
    expect(s.queue.list({ limit: 10 })).toEqual([]);
    expect(batchOf(s).status).toBe('created');
  });

  it('prints one order’s packing slip on the A4 printer', async () => {
    const s = await station();
    const started = Date.now() - 1000;
    const order = s.orders[0]!;
    const job = await printPackingSlip(s.deps, order.id);
    expect(job).toMatchObject({ kind: 'packing_slip', orderId: order.id, printerName: 'Office', batchId: null });
    await s.queue.idle();
    expect(s.queue.list({ orderId: order.id, limit: 1 })[0]).toMatchObject({ state: 'printed' });
    expect(pageCount(await waitForFile(cupsPdfDirs(), `Packing_slip_of_order_${order.number}`, started))).toBe(1);
    // A slip is no batch document: the batch waits for its own print.
    expect(batchOf(s).status).toBe('created');
  });
});
