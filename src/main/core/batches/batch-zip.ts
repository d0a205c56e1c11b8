/**
 * The download of a packing batch: every label merged into one PDF (one print job for the label
 * printer, in pick order) and the manifest as CSV.
 */
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { manifestCsv, type ManifestRow } from './manifest-csv';

export interface BatchZipInput {
  batchId: string;
  labels: { orderNumber: string; pdf: Uint8Array }[];
  manifest: ManifestRow[];
}

export async function buildBatchZip(input: BatchZipInput): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('labels.pdf', await mergeLabels(input));
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
  return merged.save();
}
