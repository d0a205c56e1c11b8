/**
 * What PackDesk prints and where: an order's label to the label printer (or one chosen), a test
 * page, and, when the shift lead switched it on, every label the moment it is bought. Each job's
 * bytes are on disk before the job row exists, so the queue never holds a job it cannot send.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PrintJobView, PrintSettings } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { PrinterLanguage } from '../../../shared/printing';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import type { LabelDocument } from '../labels/label-pdf';
import { boughtLabelOf, labelIn, type LabelLanguageDeps } from '../labels/label-in-language';
import { drawLabels } from '../labels/label-drawing';
import { senderAddress, TRAINING_SENDER } from '../labels/sender';
import { recordError } from '../orders/order-errors';
import { getSetting, setSetting } from '../settings';
import type { PrintQueue } from './print-queue';
import { getPrinter, printerForKind } from './printer-repo';

export interface PrintDeps extends LabelLanguageDeps {
  clock: Clock;
  queue: PrintQueue;
}

const AUTO_PRINT = 'print_labels_when_bought';

/** The order's label in the printer's language (label-in-language.ts); nothing is bought. */
export async function printLabel(deps: PrintDeps, orderId: number, printerId?: number): Promise<PrintJobView> {
  const { db } = deps;
  const label = boughtLabelOf(db, orderId);
  if (!label) throw new AppError('not_found', `Order ${orderId} has no label to print yet.`);
  const printer = printerId === undefined ? printerForKind(db, 'label') : getPrinter(db, printerId);
  const inLanguage = await labelIn(deps, label, printer.language);
  return deps.queue.enqueue({
    printerId: printer.id,
    kind: 'label',
    title: `Label ${label.trackingNumber} (order ${label.orderNumber})`,
    orderId,
    format: printer.language,
    filePath: 'file' in inLanguage ? inLanguage.file : saveJobFile(deps.dataDir, printer.language, inLanguage.drawn),
  });
}

/** A sample label in the printer's language, with Chinese and Polish in it to prove the fonts. */
export async function printTestPage(deps: PrintDeps, printerId: number): Promise<PrintJobView> {
  const printer = getPrinter(deps.db, printerId);
  const document: LabelDocument = {
    carrierName: 'PackDesk',
    service: 'test print',
    trackingNumber: 'TEST0000000',
    orderNumber: 'TEST',
    sender: senderAddress(deps.db),
    recipient: {
      ...TRAINING_SENDER,
      name: '陈尧 · Jürgen Müller',
      line1: 'ul. Piotrkowska 104',
      city: 'Łódź',
      postcode: '90-001',
      country: 'PL',
    },
    items: [],
    weightGrams: 0,
    createdAt: deps.clock(),
  };
  const bytes = await (deps.draw ?? drawLabels)([document], printer.language);
  return deps.queue.enqueue({
    printerId,
    kind: 'test',
    title: `Test page for ${printer.name}`,
    orderId: null,
    format: printer.language,
    filePath: saveJobFile(deps.dataDir, printer.language, bytes),
  });
}

export function printSettings(db: Db): PrintSettings {
  return { printLabelsWhenBought: getSetting(db, AUTO_PRINT) === '1' };
}

export function savePrintSettings(db: Db, settings: PrintSettings): PrintSettings {
  setSetting(db, AUTO_PRINT, settings.printLabelsWhenBought ? '1' : '0');
  return printSettings(db);
}

/**
 * Called once a label is bought. Printing is a convenience here: when it cannot be queued (no
 * label printer) the label is safe all the same, and the order shows why it did not print.
 */
export async function printBoughtLabel(deps: PrintDeps, orderId: number): Promise<void> {
  if (!printSettings(deps.db).printLabelsWhenBought) return;
  try {
    await printLabel(deps, orderId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    recordError(deps.db, orderId, { step: 'print', errorType: 'not_printed', message }, iso(deps.clock()));
  }
}

/** Written and fsynced before the job row: the queue never points at bytes that are not there. */
export function saveJobFile(dataDir: string, format: PrinterLanguage, bytes: Uint8Array): string {
  const dir = join(dataDir, 'print');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${randomUUID()}.${format}`);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return file;
}
