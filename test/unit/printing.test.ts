import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalCarrier } from '../../src/main/core/carriers/local';
import { systemClock } from '../../src/main/core/clock';
import { closeDatabase, openDatabase, type Db } from '../../src/main/core/db/open';
import { generateLabels } from '../../src/main/core/labels/label-service';
import { importOrder } from '../../src/main/core/orders/order-import';
import { createCupsPrinterDriver, listCupsQueues } from '../../src/main/core/printing/cups-printer';
import { createPrintQueue, type PrintQueue } from '../../src/main/core/printing/print-queue';
import {
  printBoughtLabel,
  printLabel,
  printTestPage,
  savePrintSettings,
} from '../../src/main/core/printing/print-service';
import { addPrinter, removePrinter, type PrinterInput } from '../../src/main/core/printing/printer-repo';
import { listPrinters } from '../../src/main/core/printing/printer-status';
import {
  createSystemPrinterDriver,
  type SystemPrinting,
  type SystemPrintOptions,
} from '../../src/main/core/printing/system-printer';
import { createTcpPrinterDriver } from '../../src/main/core/printing/tcp-printer';
import { nextCounter } from '../../src/main/core/settings';
import { cupsPdfDirs, waitForFile } from '../support/cups-pdf';
import { addShop, AT, makeOrder } from '../support/orders';
import { useTempDir } from '../support/temp-dir';
import { startZplPrinter, type FakeZplPrinter } from '../support/zpl-printer';
import { barcodeData, decodeGraphics } from '../support/zpl-decode';

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
  dataDir: string;
  queue: PrintQueue;
  deps: { db: Db; clock: typeof systemClock; dataDir: string; queue: PrintQueue };
  /** Orders with a bought local label, by id, with their tracking numbers. */
  labelled: { id: number; tracking: string }[];
}

function startQueue(db: Db, queueDrivers = drivers): PrintQueue {
  const queue = createPrintQueue({ db, clock: systemClock, drivers: queueDrivers, firstDelayMs: 50, maxDelayMs: 200 });
  cleanups.push(() => queue.stop());
  return queue;
}

async function station(orders = 1, queueDrivers = drivers): Promise<Station> {
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'packdesk.sqlite'));
  cleanups.push(() => closeDatabase(db));
  const shop = addShop(db);
  for (let n = 1; n <= orders; n++) {
    importOrder(db, { credentialId: shop, channel: 'woocommerce', sellerId: 'store_abc' }, makeOrder(n), AT);
  }
  const ids = (db.$client.prepare('SELECT id FROM orders ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const carriers = { local: createLocalCarrier({ nextSerial: () => nextCounter(db, 'local_tracking_serial') }) };
  const result = await generateLabels({ db, clock: systemClock, dataDir, carriers }, ids, 'local');
  expect(result.failed).toEqual([]);
  const labelled = ids.map((id) => ({
    id,
    tracking: (
      db.$client.prepare('SELECT tracking_number FROM orders WHERE id = ?').get(id) as { tracking_number: string }
    ).tracking_number,
  }));
  const queue = startQueue(db, queueDrivers);
  return { db, dataDir, queue, deps: { db, clock: systemClock, dataDir, queue }, labelled };
}

async function zplPrinter(): Promise<FakeZplPrinter> {
  const printer = await startZplPrinter();
  cleanups.push(() => printer.switchOff());
  return printer;
}

const LABEL_PRINTER = (target: string): PrinterInput => ({
  name: 'Zebra at the desk',
  driver: 'tcp',
  target,
  media: '4x6',
  language: 'zpl',
});

describe('printing labels on a network ZPL printer (port 9100)', () => {
  it('sends the ZPL label, with its tracking number in the ^BC barcode and the names as bitmaps', async () => {
    const s = await station();
    const printer = await zplPrinter();
    addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));
    const received = printer.nextJob();
    const job = await printLabel(s.deps, s.labelled[0]!.id);
    expect(job).toMatchObject({ kind: 'label', format: 'zpl', orderId: s.labelled[0]!.id });

    const zpl = await received;
    expect(barcodeData(zpl)).toEqual([s.labelled[0]!.tracking]);
    expect(zpl).toContain(`^FD${s.labelled[0]!.tracking}^FS`);
    const graphics = decodeGraphics(zpl);
    expect(graphics.length).toBeGreaterThan(5);
    expect(graphics.every((g) => g.dots.includes(1))).toBe(true);
    await s.queue.idle();
    expect(s.queue.list({ limit: 10 })[0]).toMatchObject({
      id: job.id,
      state: 'printed',
      attempts: 1,
      lastError: null,
    });
  });

  it('keeps the job while the printer is off, says so in words, and prints it when the printer is back', async () => {
    const s = await station();
    const printer = await zplPrinter();
    await printer.switchOff();
    addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));

    const job = await printLabel(s.deps, s.labelled[0]!.id);
    await s.queue.idle();
    const waiting = s.queue.list({ limit: 1 })[0]!;
    expect(waiting).toMatchObject({ id: job.id, state: 'waiting', attempts: 1 });
    expect(waiting.lastError).toBe(
      `The label printer at 127.0.0.1:${printer.port} did not answer — is it switched on?`,
    );
    expect(waiting.nextAttemptAt).not.toBeNull();
    expect((await drivers.tcp.status(printer.target)).state).toBe('offline');

    // Switched on again: the queue's own retry timer delivers the job, nobody presses anything.
    const received = printer.nextJob();
    await printer.switchOn();
    expect(barcodeData(await received)).toEqual([s.labelled[0]!.tracking]);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'printed' });
    expect(printer.jobs).toHaveLength(1);
  });

  it('survives a restart: a job still waiting is printed by the next queue on the same database', async () => {
    const s = await station();
    const printer = await zplPrinter();
    await printer.switchOff();
    addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));
    const job = await printLabel(s.deps, s.labelled[0]!.id);
    await s.queue.idle();
    await s.queue.stop();
    expect(s.queue.list({ limit: 1 })[0]!.state).toBe('waiting');

    const received = printer.nextJob();
    await printer.switchOn();
    const restarted = startQueue(s.db);
    expect(barcodeData(await received)).toEqual([s.labelled[0]!.tracking]);
    await restarted.idle();
    expect(restarted.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'printed' });
  });

  it('prints one printer’s jobs in the order they were queued', async () => {
    const s = await station(3);
    const printer = await zplPrinter();
    addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));
    for (const order of s.labelled) await printLabel(s.deps, order.id);
    await s.queue.idle();
    expect(printer.jobs.map((zpl) => barcodeData(zpl)[0])).toEqual(s.labelled.map((o) => o.tracking));
  });

  it('cancels a waiting job so it never prints, and reprints a printed one as a new job', async () => {
    const s = await station();
    const printer = await zplPrinter();
    await printer.switchOff();
    addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));
    const job = await printLabel(s.deps, s.labelled[0]!.id);
    await s.queue.idle();
    expect(s.queue.cancel(job.id).state).toBe('cancelled');
    await printer.switchOn();

    const reprinted = printer.nextJob();
    const again = await printLabel(s.deps, s.labelled[0]!.id);
    await reprinted;
    await s.queue.idle();
    expect(printer.jobs).toHaveLength(1);
    const second = printer.nextJob();
    const reprint = s.queue.retry(again.id);
    expect(reprint.id).not.toBe(again.id);
    expect(barcodeData(await second)).toEqual([s.labelled[0]!.tracking]);
    expect(() => s.queue.cancel(again.id)).toThrow(/already gone to the printer/);
  });

  it('keeps a ZPL job while the printer is out of labels, says so on the printers screen, and prints it once when labels are in', async () => {
    const s = await station();
    const printer = await zplPrinter();
    printer.paperOut = true;
    addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));

    const job = await printLabel(s.deps, s.labelled[0]!.id);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({
      id: job.id,
      state: 'waiting',
      lastError: 'The printer is out of labels.',
    });
    // The printer took the connection but not the job: nothing was sent after its ~HS answer.
    expect(printer.jobs).toEqual([]);
    expect(await listPrinters(s.db, drivers)).toMatchObject([
      {
        name: 'Zebra at the desk',
        pendingJobs: 1,
        status: { state: 'attention', message: 'The printer is out of labels.' },
      },
    ]);

    // Labels loaded: the queue's own retry prints the job, once, nobody presses anything.
    const received = printer.nextJob();
    printer.paperOut = false;
    expect(barcodeData(await received)).toEqual([s.labelled[0]!.tracking]);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'printed', lastError: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(printer.jobs).toHaveLength(1);
    expect((await listPrinters(s.db, drivers))[0]).toMatchObject({ pendingJobs: 0, status: { state: 'ready' } });
  });

  it('reads an open head and a pause from ~HS, and takes a printer that does not answer ~HS as ready', async () => {
    const s = await station();
    const printer = await zplPrinter();
    expect(await drivers.tcp.status(printer.target)).toEqual({ state: 'ready', message: 'Ready.' });
    printer.paused = true;
    expect(await drivers.tcp.status(printer.target)).toEqual({ state: 'attention', message: 'The printer is paused.' });
    printer.paused = false;
    printer.headOpen = true;
    expect(await drivers.tcp.status(printer.target)).toEqual({
      state: 'attention',
      message: 'The print head is open.',
    });
    addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));
    const job = await printLabel(s.deps, s.labelled[0]!.id);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({
      id: job.id,
      state: 'waiting',
      lastError: 'The print head is open.',
    });
    await s.queue.stop();

    // A plain 9100 listener: no answer within the short wait, so the job goes down all the same.
    printer.headOpen = false;
    printer.answersHostStatus = false;
    const received = printer.nextJob();
    const restarted = startQueue(s.db);
    const zpl = await received;
    expect(zpl.startsWith('~HS^XA')).toBe(true);
    expect(barcodeData(zpl)).toEqual([s.labelled[0]!.tracking]);
    await restarted.idle();
    expect(restarted.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'printed' });
    expect(await drivers.tcp.status(printer.target)).toEqual({
      state: 'ready',
      message: `Answers at ${printer.target}.`,
    });
  });

  it('prints each label as it is bought when the option is on, and says why on the order when it cannot', async () => {
    const s = await station(2);
    savePrintSettings(s.db, { printLabelsWhenBought: true });
    await printBoughtLabel(s.deps, s.labelled[0]!.id);
    const errors = s.db.$client
      .prepare("SELECT message FROM order_errors WHERE order_id = ? AND step = 'print'")
      .all(s.labelled[0]!.id) as { message: string }[];
    expect(errors.map((e) => e.message)).toEqual([
      'No label printer is set up. Add one with media "4x6 label" under Printers.',
    ]);

    const printer = await zplPrinter();
    addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));
    const received = printer.nextJob();
    await printBoughtLabel(s.deps, s.labelled[1]!.id);
    expect(barcodeData(await received)).toEqual([s.labelled[1]!.tracking]);
  });

  it('refuses a printer address that is not one, and keeps a printer that still has jobs', async () => {
    const s = await station();
    expect(() => addPrinter(s.db, systemClock, LABEL_PRINTER('192.168.1.50:99999'))).toThrow(/not a printer address/);
    const printer = await zplPrinter();
    await printer.switchOff();
    const id = addPrinter(s.db, systemClock, LABEL_PRINTER(printer.target));
    await printLabel(s.deps, s.labelled[0]!.id);
    expect(() => removePrinter(s.db, id)).toThrow(
      'Zebra at the desk still has 1 job to print. Cancel or move them first.',
    );
  });
});

describe('printing through CUPS (the cups-pdf queue)', () => {
  it('lp hands the PDF label to CUPS, and the printed PDF appears on disk holding the tracking number', async () => {
    const s = await station();
    addPrinter(s.db, systemClock, { name: 'Office PDF', driver: 'cups', target: 'PDF', media: '4x6', language: 'pdf' });
    expect((await drivers.cups.status('PDF')).state).toBe('ready');
    const started = Date.now() - 1000;
    const job = await printLabel(s.deps, s.labelled[0]!.id);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'printed', lastError: null });

    // cups-pdf names the file after the job's title, which carries the tracking number. It prints
    // through Ghostscript, which keeps no text layer of subset fonts, so the page is checked by size.
    const pdf = await waitForFile(cupsPdfDirs(), s.labelled[0]!.tracking, started);
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+288 x 432 pts/);
  });

  it('sends ZPL raw (lp -o raw) through a CUPS queue to a Zebra on the network, untouched by any filter', async () => {
    const s = await station();
    const zebra = await zplPrinter();
    // A raw queue (no driver) to the printer's port, as a Zebra is set up in CUPS.
    const queue = `PackDeskZebra${process.pid}`;
    execFileSync('lpadmin', ['-p', queue, '-v', `socket://${zebra.target}`, '-E']);
    cleanups.push(() => void execFileSync('lpadmin', ['-x', queue]));
    addPrinter(s.db, systemClock, {
      name: 'Zebra via CUPS',
      driver: 'cups',
      target: queue,
      media: '4x6',
      language: 'zpl',
    });
    const received = zebra.nextJob();
    await printLabel(s.deps, s.labelled[0]!.id);
    const zpl = await received;
    expect(barcodeData(zpl)).toEqual([s.labelled[0]!.tracking]);
    expect(decodeGraphics(zpl).length).toBeGreaterThan(5);
  });

  it('names a CUPS queue that does not exist in words, and the job fails instead of waiting forever', async () => {
    const s = await station();
    const missing = addPrinter(s.db, systemClock, {
      name: 'Gone',
      driver: 'cups',
      target: 'NoSuchQueue',
      media: 'A4',
      language: 'pdf',
    });
    const job = await printTestPage(s.deps, missing);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({
      id: job.id,
      state: 'failed',
      lastError: 'CUPS has no printer queue called "NoSuchQueue". Check the name (lpstat -p lists them).',
    });
    expect(await drivers.cups.status('NoSuchQueue')).toMatchObject({ state: 'offline' });
  });

  it('reads CUPS in its own words on a desk in another language: a wrong queue still fails, and the queues are still listed', async () => {
    const s = await station();
    // CUPS translates lp's and lpstat's messages itself (German here, whatever locales are installed).
    for (const name of ['LANG', 'LC_ALL', 'LC_MESSAGES'] as const) {
      const before = process.env[name];
      process.env[name] = 'de_DE.UTF-8';
      cleanups.push(() => void (before === undefined ? delete process.env[name] : (process.env[name] = before)));
    }
    // The desk's own lp speaks German, so English patterns alone would miss it.
    expect(spawnSync('lp', ['-d', 'NoSuchQueue', '/dev/null'], { encoding: 'utf8' }).stderr).toContain(
      'existiert nicht',
    );
    const missing = addPrinter(s.db, systemClock, {
      name: 'Gone',
      driver: 'cups',
      target: 'NoSuchQueue',
      media: 'A4',
      language: 'pdf',
    });
    const job = await printTestPage(s.deps, missing);
    await s.queue.idle();
    const noQueue = 'CUPS has no printer queue called "NoSuchQueue". Check the name (lpstat -p lists them).';
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'failed', lastError: noQueue });
    expect(await drivers.cups.status('NoSuchQueue')).toEqual({ state: 'offline', message: noQueue });
    expect((await drivers.cups.status('PDF')).state).toBe('ready');
    expect(await listCupsQueues()).toContainEqual(expect.objectContaining({ target: 'PDF' }));
  });

  it('keeps the job while CUPS itself is not running (lp then says the queue does not exist), and prints it once CUPS is back', async () => {
    const s = await station();
    addPrinter(s.db, systemClock, { name: 'Office PDF', driver: 'cups', target: 'PDF', media: '4x6', language: 'pdf' });
    // CUPS's tools ask the scheduler named here; nothing listens on the discard port.
    process.env.CUPS_SERVER = '127.0.0.1:9';
    cleanups.push(() => void delete process.env.CUPS_SERVER);
    const notRunning = 'The print service (CUPS) on this computer is not running. Jobs wait until it is.';
    const job = await printLabel(s.deps, s.labelled[0]!.id);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'waiting', lastError: notRunning });
    expect(await drivers.cups.status('PDF')).toEqual({ state: 'offline', message: notRunning });

    // The scheduler is back: the queue's own retry prints the job, nobody presses anything.
    delete process.env.CUPS_SERVER;
    await vi.waitFor(() => expect(s.queue.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'printed' }), {
      timeout: 10_000,
      interval: 50,
    });
  });

  it('a system printer is only reachable from the desktop app', async () => {
    const s = await station();
    const id = addPrinter(s.db, systemClock, {
      name: 'Sys',
      driver: 'system',
      target: 'HP',
      media: 'A4',
      language: 'pdf',
    });
    await printTestPage(s.deps, id);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({
      state: 'failed',
      lastError: 'System printers can be used only in the PackDesk desktop app, not in serve.',
    });
    expect(() =>
      addPrinter(s.db, systemClock, { name: 'Sys2', driver: 'system', target: 'HP', media: '4x6', language: 'zpl' }),
    ).toThrow(/system printer prints PDF/);
  });
});

/**
 * Electron's side of system printing, faked at its API surface (getPrintersAsync, and print with
 * the answer its callback gives), so core's options and words are tested without an Electron binary.
 */
function fakeElectron(answers: { success: boolean; failureReason: string }[]) {
  const printed: { pdf: Uint8Array; title: string; options: SystemPrintOptions }[] = [];
  const system: SystemPrinting = {
    getPrintersAsync: () =>
      Promise.resolve([
        { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', description: 'Zebra', options: { 'printer-state': '3' } },
        { name: 'Office', displayName: 'Office laser', description: 'Paper jam', options: { 'printer-state': '5' } },
      ]),
    print(pdf, title, options) {
      printed.push({ pdf, title, options });
      return Promise.resolve(answers.shift() ?? { success: true, failureReason: '' });
    },
  };
  return { printed, drivers: { ...drivers, system: createSystemPrinterDriver(system) } };
}

describe('printing on a system printer through Electron', () => {
  it('prints the label on a 4x6 page without margins, and keeps the job when the system does not take it', async () => {
    const electron = fakeElectron([{ success: false, failureReason: 'Print job failed' }]);
    const s = await station(1, electron.drivers);
    addPrinter(s.db, systemClock, {
      name: 'Zebra (system)',
      driver: 'system',
      target: 'Zebra_ZD421',
      media: '4x6',
      language: 'pdf',
    });
    const job = await printLabel(s.deps, s.labelled[0]!.id);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({
      id: job.id,
      state: 'waiting',
      lastError:
        'The system printer "Zebra_ZD421" did not take the job (Print job failed): is it switched on and connected?',
    });

    // The queue's own retry: the second print is taken.
    await vi.waitFor(() => expect(s.queue.list({ limit: 1 })[0]).toMatchObject({ id: job.id, state: 'printed' }), {
      timeout: 5000,
      interval: 50,
    });
    expect(electron.printed).toHaveLength(2);
    const { pdf, title, options } = electron.printed[1]!;
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(title).toContain(s.labelled[0]!.tracking);
    expect(options).toEqual({
      silent: true,
      deviceName: 'Zebra_ZD421',
      printBackground: true,
      pageSize: { width: 101_600, height: 152_400 },
      margins: { marginType: 'none' },
    });
  });

  it('prints A4 on an A4 page, fails a printer the system does not know in words, and reads a stopped printer', async () => {
    const electron = fakeElectron([{ success: false, failureReason: 'Invalid deviceName provided' }]);
    const s = await station(1, electron.drivers);
    const gone = addPrinter(s.db, systemClock, {
      name: 'Gone',
      driver: 'system',
      target: 'HP',
      media: 'A4',
      language: 'pdf',
    });
    const office = addPrinter(s.db, systemClock, {
      name: 'Office',
      driver: 'system',
      target: 'Office',
      media: 'A4',
      language: 'pdf',
    });
    const lost = await printTestPage(s.deps, gone);
    await s.queue.idle();
    expect(s.queue.list({ limit: 1 })[0]).toMatchObject({
      id: lost.id,
      state: 'failed',
      lastError: 'This computer has no printer called "HP". Choose one of its printers under Printers.',
    });
    await printTestPage(s.deps, office);
    await s.queue.idle();
    expect(electron.printed.map((p) => p.options)).toMatchObject([
      { deviceName: 'HP' },
      { deviceName: 'Office', pageSize: { width: 210_000, height: 297_000 }, margins: { marginType: 'default' } },
    ]);
    expect(await electron.drivers.system.status('Office')).toEqual({ state: 'attention', message: 'Paper jam' });
    expect(await electron.drivers.system.status('Zebra_ZD421')).toEqual({ state: 'ready', message: 'Ready.' });
    expect(await electron.drivers.system.status('HP')).toMatchObject({ state: 'offline' });
  });
});
