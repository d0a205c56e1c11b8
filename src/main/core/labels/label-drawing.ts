/**
 * Drawing labels of our own in either printer language. `serve` and the desktop app draw on a
 * thread of their own (core/threads) through a LabelDrawer: a label drawn on the main thread held
 * every request and every screen for 10-20 ms. Tests and the default core draw here.
 */
import type { PrinterLanguage } from '../../../shared/printing';
import { renderLabelsPdf, type LabelDocument } from './label-pdf';
import { renderLabelsZpl } from './label-zpl';

/** One file (PDF) or stream (ZPL) with one label per document. */
export type LabelDrawer = (documents: readonly LabelDocument[], language: PrinterLanguage) => Promise<Uint8Array>;

export const drawLabels: LabelDrawer = async (documents, language) =>
  language === 'zpl' ? new TextEncoder().encode(renderLabelsZpl(documents)) : renderLabelsPdf(documents);
