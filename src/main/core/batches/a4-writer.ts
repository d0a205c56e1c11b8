/**
 * Text and Code 128 bars on A4 pages for the office printer (packing slips, pick lists). Text is
 * set in the label fonts (labels/fonts.ts) run by run, so 陈尧 and Łódź print and stay
 * extractable; a cell too wide for its column is cut with an ellipsis rather than overprinting.
 */
import bwipjs from 'bwip-js/node';
import {
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { fontRuns, textWidth, type Face } from '../labels/fonts';

export const A4_WIDTH = 595.28;
export const A4_HEIGHT = 841.89;
export const MARGIN = 42;

/** CJK ideographs reach ~0.88 em above the baseline. */
const ASCENT = 0.88;
const BLACK = rgb(0, 0, 0);

export function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Draws one line whose em box starts `top` points below the page's top edge; answers its width. */
export function text(
  page: PDFPage,
  value: string,
  face: Face,
  size: number,
  x: number,
  top: number,
  maxWidth = Infinity,
) {
  const line = fit(clean(value), face, size, maxWidth);
  const y = A4_HEIGHT - top - size * ASCENT;
  let at = x;
  for (const run of fontRuns(face, line)) {
    page.drawText(run.text, { x: at, y, size, font: run.font, color: BLACK });
    at += run.font.widthOfTextAtSize(run.text, size);
  }
  return at - x;
}

export function textRight(page: PDFPage, value: string, face: Face, size: number, right: number, top: number): void {
  text(page, value, face, size, right - textWidth(face, clean(value), size), top);
}

function fit(value: string, face: Face, size: number, maxWidth: number): string {
  if (textWidth(face, value, size) <= maxWidth) return value;
  const room = maxWidth - textWidth(face, '…', size);
  let kept = '';
  let width = 0;
  for (const char of value) {
    width += textWidth(face, char, size);
    if (width > room) break;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}

export function rule(page: PDFPage, top: number, thickness = 0.75): void {
  page.drawLine({
    start: { x: MARGIN, y: A4_HEIGHT - top },
    end: { x: A4_WIDTH - MARGIN, y: A4_HEIGHT - top },
    thickness,
    color: BLACK,
  });
}

/** An empty square a picker or packer ticks with a pen. */
export function tickBox(page: PDFPage, x: number, top: number, side: number): void {
  page.drawRectangle({
    x,
    y: A4_HEIGHT - top - side,
    width: side,
    height: side,
    borderColor: BLACK,
    borderWidth: 0.75,
  });
}

/**
 * Vector Code 128 bars of `value`, `width` points wide at most (modules of at least 0.75 pt so an
 * office laser at 300 dpi keeps them apart), answering the width drawn.
 */
export function code128(page: PDFPage, value: string, x: number, top: number, height: number, width: number): number {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text: value });
  if (!symbol || !('sbs' in symbol)) throw new Error(`No Code 128 could be made of "${value}".`);
  const modules = symbol.sbs.reduce((sum, w) => sum + w, 0);
  const moduleWidth = Math.max(0.75, Math.min(1.5, width / modules));
  const bottom = A4_HEIGHT - top - height;
  const bars: PDFOperator[] = [];
  let at = x;
  symbol.sbs.forEach((w, i) => {
    if (i % 2 === 0) bars.push(rectangle(at, bottom, w * moduleWidth, height));
    at += w * moduleWidth;
  });
  page.pushOperators(pushGraphicsState(), setFillingGrayscaleColor(0), ...bars, fill(), popGraphicsState());
  return at - x;
}
