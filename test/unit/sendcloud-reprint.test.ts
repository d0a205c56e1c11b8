/**
 * A Sendcloud label bought as PDF, printed on the Zebra at the desk: PackDesk fetches the same
 * label again from Sendcloud as ZPL (nothing is bought) and the printer, a TCP listener on
 * 127.0.0.1 standing in for port 9100, receives ZPL with the tracking number.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSendcloudSim } from '../../sim/sendcloud/server';
import { systemClock } from '../../src/main/core/clock';
import { closeDatabase, openDatabase } from '../../src/main/core/db/open';
import { generateLabels } from '../../src/main/core/labels/label-service';
import { createCupsPrinterDriver } from '../../src/main/core/printing/cups-printer';
import { createPrintQueue } from '../../src/main/core/printing/print-queue';
import { printLabel } from '../../src/main/core/printing/print-service';
import { addPrinter } from '../../src/main/core/printing/printer-repo';
import { createSystemPrinterDriver } from '../../src/main/core/printing/system-printer';
import { createTcpPrinterDriver } from '../../src/main/core/printing/tcp-printer';
import { importGermanOrders } from '../support/dhl';
import { SENDCLOUD_PUBLIC, SENDCLOUD_SECRET, addSendcloudAccount } from '../support/sendcloud';
import { useTempDir } from '../support/temp-dir';
import { startZplPrinter } from '../support/zpl-printer';
import { testCarriers } from '../support/carriers';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('printing a Sendcloud PDF label on a ZPL printer', () => {
  it('fetches the label again from Sendcloud as ZPL and sends that to the printer', async () => {
    const sim = await startSendcloudSim({ publicKey: SENDCLOUD_PUBLIC, secretKey: SENDCLOUD_SECRET });
    cleanups.push(() => sim.close());
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
    cleanups.push(() => closeDatabase(db));
    addSendcloudAccount(db, sim.url, { labelFormat: 'pdf' });
    const carriers = testCarriers(db);
    const [id] = importGermanOrders(db, 1);
    await generateLabels({ db, clock: systemClock, dataDir, carriers }, [id!], 'sendcloud');
    const tracking = sim.shipments()[0]!.trackingNumber;

    const printer = await startZplPrinter();
    cleanups.push(() => printer.switchOff());
    const queue = createPrintQueue({
      db,
      clock: systemClock,
      drivers: {
        tcp: createTcpPrinterDriver({ timeoutMs: 1500, statusTimeoutMs: 300 }),
        cups: createCupsPrinterDriver(),
        system: createSystemPrinterDriver(null),
      },
      firstDelayMs: 50,
      maxDelayMs: 200,
    });
    cleanups.push(() => queue.stop());
    addPrinter(db, systemClock, {
      name: 'Zebra at the desk',
      driver: 'tcp',
      target: printer.target,
      media: '4x6',
      language: 'zpl',
    });
    const received = printer.nextJob();
    const job = await printLabel({ db, clock: systemClock, dataDir, queue, carriers }, id!);
    expect(job).toMatchObject({ kind: 'label', format: 'zpl' });
    expect(await received).toContain(`^FD${tracking}^FS`);
    expect(sim.shipments()).toHaveLength(1);
  });
});
