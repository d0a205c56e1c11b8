/**
 * The 4x6 in shipping label as PDF, laid out like a courier's thermal label: sender small at the
 * top, the recipient big, a Code 128 of the tracking number, then order, date, weight and items.
 * All text is set in embedded fonts (see fonts.ts) so it prints any name and stays extractable.
 */
import bwipjs from 'bwip-js/node';
import {
  fill,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import type { Address, OrderItem } from '../../../shared/dto';
import { embedLabelFonts, fontRuns, textWidth, type Face, type LabelFaces } from './fonts';
import { countryName, formatWeight, itemsSummary, joinNonEmpty, localDate, normalize } from './label-text';

export interface LabelDocument {
  carrierName: string;
  service: string;
  trackingNumber: string;
  orderNumber: string;
  sender: Address;
  recipient: Address;
  items: OrderItem[];
  weightGrams: number;
  createdAt: Date;
}

export const LABEL_WIDTH = 288;
export const LABEL_HEIGHT = 432;

/** Zebra-class heads print 203 dots per inch; bars a whole number of dots wide print without ragged edges. */
const DOT = 72 / 203;
/** Code 128 wants at least ten modules of white on either side for a scanner to find the ends. */
const QUIET_MODULES = 10;

const FRAME_INSET = 6;
const FRAME_WIDTH = 2;
const RULE_WIDTH = 2.5;
const PAD = 8;
const LEFT = FRAME_INSET + PAD;
const RIGHT = LABEL_WIDTH - FRAME_INSET - PAD;

/** Section boundaries, measured from the top edge of the page. */
const HEADER_END = 84;
const RECIPIENT_END = 258;
const BARCODE_END = 372;
const FRAME_END = LABEL_HEIGHT - FRAME_INSET;
/** The carrier box takes the right part of the header, the sender the rest. */
const CARRIER_SPLIT = 180;

/** CJK ideographs reach ~0.88 em above the baseline; lines are spaced at 1.18 em. */
const ASCENT = 0.88;
const LINE_HEIGHT = 1.18;
/** Below this fraction of its design size a field stops shrinking and is cut with an ellipsis. */
const MIN_SCALE = 0.6;

const BLACK = rgb(0, 0, 0);
const WHITE = rgb(1, 1, 1);

export async function renderLabelPdf(input: LabelDocument): Promise<Uint8Array> {
  return renderLabelsPdf([input]);
}

/** Many labels, one page each; the fonts are embedded (and subset) once for the whole document. */
export async function renderLabelsPdf(inputs: readonly LabelDocument[]): Promise<Uint8Array> {
  if (inputs.length === 0) throw new Error('There are no labels to render.');
  const doc = await PDFDocument.create();
  const fonts = await embedLabelFonts(doc);
  for (const input of inputs) drawLabel(doc.addPage([LABEL_WIDTH, LABEL_HEIGHT]), fonts, input);
  doc.setTitle(inputs.length === 1 ? `Label ${inputs[0]?.trackingNumber}` : `${inputs.length} labels`);
  doc.setProducer('PackDesk');
  doc.setCreator('PackDesk');
  return doc.save();
}

function drawLabel(page: PDFPage, fonts: LabelFaces, input: LabelDocument): void {
  drawFrame(page);
  drawSender(page, fonts, input.sender);
  drawCarrier(page, fonts, input);
  drawRecipient(page, fonts, input.recipient);
  drawTracking(page, fonts, input.trackingNumber);
  drawFooter(page, fonts, input);
}

function drawFrame(page: PDFPage): void {
  page.drawRectangle({
    x: FRAME_INSET,
    y: FRAME_INSET,
    width: LABEL_WIDTH - 2 * FRAME_INSET,
    height: LABEL_HEIGHT - 2 * FRAME_INSET,
    borderColor: BLACK,
    borderWidth: FRAME_WIDTH,
  });
  for (const top of [HEADER_END, RECIPIENT_END, BARCODE_END]) {
    page.drawLine({
      start: { x: FRAME_INSET, y: LABEL_HEIGHT - top },
      end: { x: LABEL_WIDTH - FRAME_INSET, y: LABEL_HEIGHT - top },
      thickness: RULE_WIDTH,
      color: BLACK,
    });
  }
  page.drawLine({
    start: { x: CARRIER_SPLIT, y: LABEL_HEIGHT - FRAME_INSET },
    end: { x: CARRIER_SPLIT, y: LABEL_HEIGHT - HEADER_END },
    thickness: RULE_WIDTH,
    color: BLACK,
  });
}

function drawSender(page: PDFPage, fonts: LabelFaces, sender: Address): void {
  const top = FRAME_INSET + 5;
  const width = CARRIER_SPLIT - PAD - LEFT;
  caption(page, fonts, 'FROM', LEFT, top);
  drawFieldsToFit(page, LEFT, top + 10, width, HEADER_END - 4 - (top + 10), [
    { text: joinNonEmpty([sender.name, sender.company], ', '), face: fonts.bold, size: 8, maxLines: 1 },
    { text: joinNonEmpty([sender.line1, sender.line2], ', '), face: fonts.regular, size: 8, maxLines: 2 },
    {
      text: joinNonEmpty([sender.postcode, sender.city, sender.state], ' '),
      face: fonts.regular,
      size: 8,
      maxLines: 1,
    },
    { text: countryLine(sender.country), face: fonts.regular, size: 8, maxLines: 1 },
  ]);
}

function drawCarrier(page: PDFPage, fonts: LabelFaces, input: LabelDocument): void {
  const left = CARRIER_SPLIT + PAD;
  const width = LABEL_WIDTH - FRAME_INSET - PAD - left;
  const center = left + width / 2;
  const name = fitText(input.carrierName, fonts.bold, 14, width, 2);
  let top = FRAME_INSET + 8;
  for (const line of name.lines) {
    textCentered(page, line, fonts.bold, name.size, center, top);
    top += name.size * LINE_HEIGHT;
  }
  // The service sits reversed (white on black) so a sorter sees it at arm's length.
  const boxHeight = 22;
  const boxTop = HEADER_END - 8 - boxHeight;
  page.drawRectangle({ x: left, y: LABEL_HEIGHT - boxTop - boxHeight, width, height: boxHeight, color: BLACK });
  const service = fitText(input.service.toUpperCase(), fonts.bold, 12, width - 8, 1);
  textCentered(
    page,
    service.lines[0] ?? '',
    fonts.bold,
    service.size,
    center,
    boxTop + (boxHeight - service.size) / 2,
    WHITE,
  );
}

function drawRecipient(page: PDFPage, fonts: LabelFaces, recipient: Address): void {
  const top = HEADER_END + 7;
  const width = RIGHT - LEFT;
  caption(page, fonts, 'SHIP TO', LEFT, top);

  // The country closes the block in big type with its code reversed: the first thing a sorter reads.
  const code = recipient.country.trim().toUpperCase();
  const codeBox = { width: 50, height: 32 };
  const countryTop = RECIPIENT_END - 8 - codeBox.height;
  const hasCode = /^[A-Z]{2}$/.test(code);
  if (hasCode) {
    const boxLeft = RIGHT - codeBox.width;
    page.drawRectangle({
      x: boxLeft,
      y: LABEL_HEIGHT - countryTop - codeBox.height,
      width: codeBox.width,
      height: codeBox.height,
      color: BLACK,
    });
    const size = 24;
    textCentered(
      page,
      code,
      fonts.bold,
      size,
      boxLeft + codeBox.width / 2,
      countryTop + (codeBox.height - size) / 2,
      WHITE,
    );
  }
  const nameWidth = hasCode ? width - codeBox.width - PAD : width;
  const country = fitText(countryName(recipient.country).toUpperCase(), fonts.bold, 20, nameWidth, 1);
  textAt(
    page,
    country.lines[0] ?? '',
    fonts.bold,
    country.size,
    LEFT,
    countryTop + (codeBox.height - country.size) / 2,
  );

  const fieldsTop = top + 11;
  drawFieldsToFit(page, LEFT, fieldsTop, width, countryTop - 4 - fieldsTop, [
    { text: recipient.name, face: fonts.bold, size: 17, maxLines: 2 },
    { text: recipient.company, face: fonts.regular, size: 12, maxLines: 1 },
    { text: recipient.line1, face: fonts.regular, size: 12, maxLines: 2 },
    { text: recipient.line2, face: fonts.regular, size: 12, maxLines: 2 },
    { text: joinNonEmpty([recipient.postcode, recipient.city], ' '), face: fonts.bold, size: 15, maxLines: 2 },
    { text: recipient.state, face: fonts.regular, size: 12, maxLines: 1 },
    { text: recipient.phone ? `Tel. ${recipient.phone}` : '', face: fonts.regular, size: 9, maxLines: 1 },
  ]);
}

function drawTracking(page: PDFPage, fonts: LabelFaces, trackingNumber: string): void {
  const top = RECIPIENT_END + 7;
  caption(page, fonts, 'TRACKING NUMBER', LEFT, top);
  const barsTop = top + 12;
  const barsHeight = 62;
  drawCode128(page, trackingNumber, LABEL_WIDTH / 2, LABEL_HEIGHT - barsTop - barsHeight, barsHeight);
  const text = fitText(trackingNumber, fonts.bold, 15, RIGHT - LEFT, 1);
  textCentered(page, text.lines[0] ?? '', fonts.bold, text.size, LABEL_WIDTH / 2, barsTop + barsHeight + 5);
}

/** Vector bars from bwip-js's bar/space widths: crisp at any printer resolution, unlike a bitmap. */
function drawCode128(page: PDFPage, text: string, centerX: number, bottom: number, height: number): void {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text });
  if (!symbol || !('sbs' in symbol)) throw new Error(`No Code 128 could be made of "${text}".`);
  const modules = symbol.sbs.reduce((sum, w) => sum + w, 0);
  const room = LABEL_WIDTH - 2 * FRAME_INSET - 2 * FRAME_WIDTH;
  const dots = Math.floor(room / ((modules + 2 * QUIET_MODULES) * DOT));
  const moduleWidth = dots >= 1 ? dots * DOT : room / (modules + 2 * QUIET_MODULES);
  let x = Math.round((centerX - (modules * moduleWidth) / 2) / DOT) * DOT;
  // One path of rectangles filled once: a fraction of the content of a drawRectangle per bar.
  const bars: PDFOperator[] = [];
  symbol.sbs.forEach((width, i) => {
    // Widths alternate bar, space, bar, ... starting with a bar.
    if (i % 2 === 0) bars.push(rectangle(x, bottom, width * moduleWidth, height));
    x += width * moduleWidth;
  });
  page.pushOperators(pushGraphicsState(), setFillingGrayscaleColor(0), ...bars, fill(), popGraphicsState());
}

function drawFooter(page: PDFPage, fonts: LabelFaces, input: LabelDocument): void {
  const top = BARCODE_END + 6;
  const columns = [
    { label: 'ORDER', value: input.orderNumber, left: LEFT, width: 124 },
    { label: 'DATE', value: localDate(input.createdAt), left: LEFT + 132, width: 62 },
    { label: 'WEIGHT', value: formatWeight(input.weightGrams), left: LEFT + 200, width: RIGHT - LEFT - 200 },
  ];
  for (const column of columns) {
    caption(page, fonts, column.label, column.left, top);
    const value = fitText(column.value, fonts.bold, 11, column.width, 1);
    textAt(page, value.lines[0] ?? '', fonts.bold, value.size, column.left, top + 9);
  }
  const itemsTop = top + 24;
  caption(page, fonts, 'ITEMS', LEFT, itemsTop + 1);
  const itemsLeft = LEFT + 28;
  drawFieldsToFit(page, itemsLeft, itemsTop, RIGHT - itemsLeft, FRAME_END - 4 - itemsTop, [
    { text: itemsSummary(input.items), face: fonts.regular, size: 8, maxLines: 2 },
  ]);
}

function caption(page: PDFPage, fonts: LabelFaces, text: string, x: number, top: number): void {
  textAt(page, text, fonts.bold, 6.5, x, top);
}

/** Draws text whose em box starts `top` points below the page's top edge. */
function textAt(page: PDFPage, text: string, face: Face, size: number, x: number, top: number, color = BLACK): void {
  const y = LABEL_HEIGHT - top - size * ASCENT;
  for (const run of fontRuns(face, text)) {
    page.drawText(run.text, { x, y, size, font: run.font, color });
    x += run.font.widthOfTextAtSize(run.text, size);
  }
}

function textCentered(
  page: PDFPage,
  text: string,
  face: Face,
  size: number,
  centerX: number,
  top: number,
  color = BLACK,
): void {
  textAt(page, text, face, size, centerX - textWidth(face, text, size) / 2, top, color);
}

interface Field {
  text: string;
  face: Face;
  size: number;
  maxLines: number;
}

/**
 * Stacks the fields from `top` down. When an address is too long for its box the whole block is
 * set smaller, step by step, so nothing ever runs past its rule.
 */
function drawFieldsToFit(
  page: PDFPage,
  left: number,
  top: number,
  width: number,
  height: number,
  fields: Field[],
): void {
  const present = fields.filter((f) => normalize(f.text) !== '');
  let placed = layoutFields(present, width, 1);
  for (let scale = 0.95; placed.height > height && scale >= MIN_SCALE; scale -= 0.05) {
    placed = layoutFields(present, width, scale);
  }
  let y = top;
  for (const line of placed.lines) {
    textAt(page, line.text, line.face, line.size, left, y);
    y += line.size * LINE_HEIGHT;
  }
}

function layoutFields(fields: Field[], width: number, scale: number) {
  const lines: { text: string; face: Face; size: number }[] = [];
  for (const field of fields) {
    const fitted = fitText(field.text, field.face, field.size * scale, width, field.maxLines);
    for (const text of fitted.lines) lines.push({ text, face: field.face, size: fitted.size });
  }
  return { lines, height: lines.reduce((sum, l) => sum + l.size * LINE_HEIGHT, 0) };
}

/**
 * Wraps `text` into at most `maxLines` lines of `width`, shrinking the type down to MIN_SCALE of
 * `size` first; what still does not fit is cut with an ellipsis.
 */
function fitText(
  text: string,
  face: Face,
  size: number,
  width: number,
  maxLines: number,
): { lines: string[]; size: number } {
  const clean = normalize(text);
  const minSize = size * MIN_SCALE;
  for (let s = size; s >= minSize; s -= 0.5) {
    const lines = wrap(clean, face, s, width);
    if (lines.length <= maxLines) return { lines, size: s };
  }
  const lines = wrap(clean, face, minSize, width);
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(lines.slice(maxLines - 1).join(' '), face, minSize, width);
  return { lines: kept, size: minSize };
}

/** Breaks at spaces; a word wider than the line (or CJK text, which has no spaces) breaks anywhere. */
function wrap(text: string, face: Face, size: number, width: number): string[] {
  const space = textWidth(face, ' ', size);
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  // Widths are summed from cached word and character widths: measuring every candidate line
  // made a long address cost seconds.
  const append = (piece: string, pieceWidth: number) => {
    if (current !== '' && currentWidth + pieceWidth > width) {
      lines.push(current.trimEnd());
      current = piece.trimStart();
      currentWidth = textWidth(face, current, size);
    } else {
      current += piece;
      currentWidth += pieceWidth;
    }
  };
  for (const word of text.split(' ')) {
    const wordWidth = textWidth(face, word, size);
    const separator = current === '' ? '' : ' ';
    if (wordWidth <= width) {
      append(separator + word, (separator ? space : 0) + wordWidth);
      continue;
    }
    current += separator;
    currentWidth += separator ? space : 0;
    for (const char of word) append(char, textWidth(face, char, size));
  }
  if (current !== '') lines.push(current.trimEnd());
  return lines;
}

function ellipsize(text: string, face: Face, size: number, width: number): string {
  const room = width - textWidth(face, '…', size);
  let kept = '';
  let keptWidth = 0;
  for (const char of text) {
    keptWidth += textWidth(face, char, size);
    if (keptWidth > room) break;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}

function countryLine(country: string): string {
  const name = countryName(country);
  const code = country.trim().toUpperCase();
  return name.toUpperCase() === code ? code : `${name.toUpperCase()} (${code})`;
}
