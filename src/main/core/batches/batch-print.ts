/**
 * Printing a batch: its labels to the label printer in that printer's language (one job, in pick
 * order; a carrier's label bought in the other language is fetched again from the carrier once,
 * label-in-language.ts), its packing slips and pick list to the A4 printer. Every job carries the batch's id, and
 * once one job of each of the three documents has printed, the batch is `printed` by itself
 * (batch-status.ts). Also one order's packing slip, for a parcel packed again or a slip lost.
 */
import type { PrintJobView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { saveJobFile, type PrintDeps } from '../printing/print-service';
import { getPrinter, printerForKind, type PrinterRecord } from '../printing/printer-repo';
import { batchContents, slipOrderOf } from './batch-contents';
import { mergeLabelsPdf, mergeLabelsZpl, renderBatchPicklist } from './batch-zip';
import { renderPackingSlips } from './packing-slips-pdf';

export async function printBatch(deps: PrintDeps, batchId: string): Promise<PrintJobView[]> {
  const labelPrinter = printerForKind(deps.db, 'label');
  const a4 = a4Printer(deps.db);
  const language = labelPrinter.language;
  const contents = await batchContents(deps, batchId, [language]);
  if (contents.orders.length === 0) {
    throw new AppError('conflict', `Batch ${batchId} has no labelled orders left to print.`);
  }
  // All or nothing: a batch printed without some of its labels would leave parcels unlabelled.
  const missing = contents.labels.filter((l) => l.missing[language] !== undefined);
  if (missing.length > 0) {
    const orders = missing.map((l) => l.orderNumber);
    const reasons = [...new Set(missing.map((l) => l.missing[language]!))].join(' ');
    const other = language === 'pdf' ? 'ZPL' : 'PDF';
    throw new AppError(
      'bad_request',
      `${labelPrinter.name} prints ${language.toUpperCase()}, but the labels of ${orders.length === 1 ? 'order' : `${orders.length} orders`} ${listed(orders)} could not be had as ${language.toUpperCase()}: ${reasons} Nothing was printed: print the batch again when that is fixed, or make a ${other} label printer the default under Printers.`,
      { orders },
    );
  }
  const labels =
    language === 'pdf' ? await mergeLabelsPdf(contents) : new TextEncoder().encode(mergeLabelsZpl(contents));
  const slips = await renderPackingSlips(batchId, contents.orders);
  const picks = await renderBatchPicklist(contents);
  const files = {
    labels: saveJobFile(deps.dataDir, language, labels),
    slips: saveJobFile(deps.dataDir, 'pdf', slips),
    picks: saveJobFile(deps.dataDir, 'pdf', picks),
  };
  const count = contents.orders.length;
  // The three jobs exist together or not at all: a batch is never half sent to its printers.
  return deps.db.$client.transaction(() => [
    deps.queue.enqueue({
      printerId: labelPrinter.id,
      kind: 'label',
      title: `Labels of ${batchId} (${count})`,
      orderId: null,
      batchId,
      format: language,
      filePath: files.labels,
    }),
    deps.queue.enqueue({
      printerId: a4.id,
      kind: 'packing_slip',
      title: `Packing slips of ${batchId} (${count})`,
      orderId: null,
      batchId,
      format: 'pdf',
      filePath: files.slips,
    }),
    deps.queue.enqueue({
      printerId: a4.id,
      kind: 'pick_list',
      title: `Pick list of ${batchId}`,
      orderId: null,
      batchId,
      format: 'pdf',
      filePath: files.picks,
    }),
  ])();
}

export async function printPackingSlip(deps: PrintDeps, orderId: number, printerId?: number): Promise<PrintJobView> {
  const printer = printerId === undefined ? a4Printer(deps.db) : getPrinter(deps.db, printerId);
  if (printer.language !== 'pdf') throw notPdf(printer);
  const order = slipOrderOf(deps.db, orderId);
  const bytes = await renderPackingSlips(`Order ${order.orderNumber}`, [order]);
  return deps.queue.enqueue({
    printerId: printer.id,
    kind: 'packing_slip',
    title: `Packing slip of order ${order.orderNumber}`,
    orderId,
    format: 'pdf',
    filePath: saveJobFile(deps.dataDir, 'pdf', bytes),
  });
}

/** Slips and pick lists are A4 pages drawn as PDF. */
function a4Printer(db: Db): PrinterRecord {
  const printer = printerForKind(db, 'packing_slip');
  if (printer.language !== 'pdf') throw notPdf(printer);
  return printer;
}

function notPdf(printer: PrinterRecord): AppError {
  return new AppError(
    'bad_request',
    `${printer.name} is set up for ZPL, but packing slips and pick lists are A4 pages in PDF. Set it up as a PDF printer under Printers.`,
  );
}

function listed(values: readonly string[]): string {
  return values.length <= 3 ? values.join(', ') : `${values.slice(0, 3).join(', ')} and ${values.length - 3} more`;
}
