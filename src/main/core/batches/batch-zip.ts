/**
 * The download of a packing batch: every label merged into one PDF and into one ZPL stream (one
 * print job for the label printer, whichever language it speaks, in pick order), the packing
 * slips and the pick list for the A4 printer, and the manifest as CSV. A label a carrier could not
 * send in one language leaves a gap in that file only, named in the manifest and in
 * missing_labels.txt, rather than no ZIP at all.
 */
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import type { BatchContents } from './batch-contents';
import { manifestCsv } from './manifest-csv';
import { renderPackingSlips } from './packing-slips-pdf';
import { pickTotals, renderPicklist } from './picklist-pdf';

export type BatchZipInput = BatchContents;

export async function buildBatchZip(input: BatchZipInput): Promise<Uint8Array> {
  const zip = new JSZip();
  // A PDF's streams are deflated already: deflating them again costs a second per 500 labels
  // and saves almost nothing.
  const stored = { compression: 'STORE' } as const;
  zip.file('labels.pdf', await mergeLabelsPdf(input), stored);
  // ZPL is text with long hex bitmaps: the fastest deflate level already shrinks it several
  // times, at a fraction of the default level's cost (a second per 500 labels).
  zip.file('labels.zpl', mergeLabelsZpl(input), { compression: 'DEFLATE', compressionOptions: { level: 1 } });
  zip.file('packing_slips.pdf', await renderPackingSlips(input.batchId, input.orders), stored);
  zip.file('picklist.pdf', await renderBatchPicklist(input), stored);
  zip.file('manifest.csv', manifestCsv(input.manifest));
  const note = missingLabelsNote(input);
  if (note) zip.file('missing_labels.txt', note);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

export function renderBatchPicklist(input: Pick<BatchContents, 'batchId' | 'orders'>): Promise<Uint8Array> {
  const picks = pickTotals(input.orders.map((o) => o.items));
  return renderPicklist(input.batchId, input.orders.length, picks);
}

/** The labels that are PDFs, one after the other; the manifest says which are missing and why. */
export async function mergeLabelsPdf(input: Pick<BatchContents, 'batchId' | 'labels'>): Promise<Uint8Array> {
  const merged = await PDFDocument.create();
  merged.setTitle(`${input.batchId} labels`);
  merged.setProducer('PackDesk');
  for (const label of input.labels) {
    if (!label.pdf) continue;
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

/** Each label is its own ^XA…^XZ format, so one after the other they print as separate labels. */
export function mergeLabelsZpl(input: Pick<BatchContents, 'labels'>): string {
  return input.labels
    .filter((l) => l.zpl !== null)
    .map((l) => `${l.zpl!.trim()}\n`)
    .join('');
}

/**
 * Read first by whoever opens the ZIP to print: which orders' labels are missing from which file
 * and why, and how to fill the gap. Null when every label is in both files. CRLF for Notepad.
 */
export function missingLabelsNote(input: Pick<BatchContents, 'batchId' | 'labels'>): string | null {
  const lines = input.labels.flatMap((label) =>
    Object.entries(label.missing).map(
      ([language, why]) =>
        `labels.${language} lacks the label of order ${label.orderNumber} (${label.carrier.toUpperCase()} ${label.trackingNumber}): ${why}`,
    ),
  );
  if (lines.length === 0) return null;
  return [
    `Some labels of ${input.batchId} could not be had in every printer language:`,
    '',
    ...lines,
    '',
    'Each of these labels is in the other label file. PackDesk keeps every label it fetches, so downloading the batch again once the carrier answers fills the gaps.',
    '',
  ].join('\r\n');
}
