/**
 * What PackDesk prints and where: an order's label to the label printer (or one chosen), a test
 * page, and, when the shift lead switched it on, every label the moment it is bought. Each job's
 * bytes are on disk before the job row exists, so the queue never holds a job it cannot send.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PrintJobView, PrintSettings } from '../../../shared/dto';
import type { CarrierAdapter } from '../carriers/carrier-adapter';
import { AppError } from '../../../shared/errors';
import type { PrinterLanguage } from '../../../shared/printing';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import type { LabelDocument } from '../labels/label-pdf';
import { localLabelDocument, renderLabel } from '../labels/local-label';
import { senderAddress, TRAINING_SENDER } from '../labels/sender';
import { orderItems, shippingOf, type ShippingRecord } from '../orders/order-detail';
import { recordError } from '../orders/order-errors';
import { getSetting, setSetting } from '../settings';
import type { PrintQueue } from './print-queue';
import { getPrinter, printerForKind, type PrinterRecord } from './printer-repo';

export interface PrintDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  queue: PrintQueue;
  /** The carriers offered now: one that can `reprint` gives a bought label again in the printer's language. */
  carriers?: Readonly<Partial<Record<string, CarrierAdapter>>>;
}

const AUTO_PRINT = 'print_labels_when_bought';

interface LabelRecord extends ShippingRecord {
  order_number: string;
  item_count: number;
  carrier: string;
  service: string;
  tracking_number: string;
  format: PrinterLanguage;
  file_path: string;
  created_at: string;
}

export async function printLabel(deps: PrintDeps, orderId: number, printerId?: number): Promise<PrintJobView> {
  const { db } = deps;
  const label = db.$client
    .prepare(
      `SELECT o.*, l.carrier, l.service, l.tracking_number, l.format, l.file_path, l.created_at
       FROM labels l JOIN orders o ON o.id = l.order_id WHERE l.order_id = ? AND l.state = 'bought'`,
    )
    .get(orderId) as LabelRecord | undefined;
  if (!label) throw new AppError('not_found', `Order ${orderId} has no label to print yet.`);
  const printer = printerId === undefined ? printerForKind(db, 'label') : getPrinter(db, printerId);
  return deps.queue.enqueue({
    printerId: printer.id,
    kind: 'label',
    title: `Label ${label.tracking_number} (order ${label.order_number})`,
    orderId,
    format: printer.language,
    filePath: await labelFileFor(deps, orderId, label, printer),
  });
}

/**
 * The label in the printer's language: the stored file when it already is, else, for our own
 * carrier, drawn again from the order in that language (same tracking number and date), and for a
 * carrier that can reprint (Sendcloud, DHL), fetched again from it in that language. Nothing is bought.
 */
async function labelFileFor(
  deps: PrintDeps,
  orderId: number,
  label: LabelRecord,
  printer: PrinterRecord,
): Promise<string> {
  if (label.format === printer.language) return label.file_path;
  const carrier = deps.carriers?.[label.carrier];
  if (label.carrier !== 'local' && carrier?.reprint) {
    const again = await carrier.reprint(label.tracking_number, printer.language);
    return saveJobFile(deps.dataDir, printer.language, again.document);
  }
  if (label.carrier !== 'local') {
    throw new AppError(
      'bad_request',
      `This ${label.carrier.toUpperCase()} label is a ${label.format.toUpperCase()}, and ${printer.name} prints ${printer.language.toUpperCase()}. Choose a ${label.format.toUpperCase()} printer.`,
    );
  }
  const document = localLabelDocument({
    service: label.service,
    trackingNumber: label.tracking_number,
    orderNumber: label.order_number,
    sender: senderAddress(deps.db),
    recipient: shippingOf(label),
    items: orderItems(deps.db, orderId),
    itemCount: label.item_count,
    createdAt: label.created_at,
  });
  const bytes = await renderLabel(document, printer.language);
  return saveJobFile(deps.dataDir, printer.language, bytes);
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
  const bytes = await renderLabel(document, printer.language);
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
