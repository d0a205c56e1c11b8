/**
 * The download of a packing batch: every label merged into one PDF (one print job for the label
 * printer, in pick order), the packing slips and the pick list for the A4 printer, and the
 * manifest as CSV.
 */
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { manifestCsv, type ManifestRow } from './manifest-csv';
import { renderPackingSlips, type SlipOrder } from './packing-slips-pdf';
import { pickTotals, renderPicklist } from './picklist-pdf';

export interface BatchZipInput {
  batchId: string;
  labels: { orderNumber: string; pdf: Uint8Array }[];
  /** The batch's orders in pick order, as their slips print them. */
  orders: SlipOrder[];
  manifest: ManifestRow[];
}

export async function buildBatchZip(input: BatchZipInput): Promise<Uint8Array> {
  const zip = new JSZip();
  // A PDF's streams are deflated already: deflating them again costs a second per 500 labels
  // and saves almost nothing.
  const stored = { compression: 'STORE' } as const;
  zip.file('labels.pdf', await mergeLabels(input), stored);
  zip.file('packing_slips.pdf', await renderPackingSlips(input.batchId, input.orders), stored);
  const picks = pickTotals(input.orders.map((o) => o.items));
  zip.file('picklist.pdf', await renderPicklist(input.batchId, input.orders.length, picks), stored);
  zip.file('manifest.csv', manifestCsv(input.manifest));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function mergeLabels(input: BatchZipInput): Promise<Uint8Array> {
  const merged = await PDFDocument.create();
  merged.setTitle(`${input.batchId} labels`);
  merged.setProducer('PackDesk');
  for (const label of input.labels) {
    let source: PDFDocument;
    try {
      source = await PDFDocument.load(label.pdf);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`The label of order ${label.orderNumber} is not a readable PDF (${reason}).`, { cause: error });
    }
    const pages = await merged.copyPages(source, source.getPageIndices());
    for (const page of pages) merged.addPage(page);
  }
  // Without object streams pdf-lib writes 500 labels' objects in half the time; the file grows
  // by a quarter, which a local printer does not notice.
  return merged.save({ useObjectStreams: false });
}
