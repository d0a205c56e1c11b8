/**
 * The 4x6 in shipping label as ZPL II for a 203 dpi thermal printer, laid out like the PDF label
 * (label-pdf.ts): sender small at the top, the recipient big, a Code 128 of the tracking number,
 * then order, date and weight. The barcode is the printer's own ^BC, sharp at any darkness
 * setting. Names and addresses are drawn here as bitmaps (^GFA), because a stock Zebra has no
 * font for 陈尧 or Łódź; fixed English captions use the printer's built-in font 0.
 */
import type { Address } from '../../../shared/dto';
import { labelOutlineFaces, type OutlineFace } from './fonts';
import type { LabelDocument } from './label-pdf';
import { countryName, formatWeight, itemsSummary, joinNonEmpty, localDate, normalize } from './label-text';
import { lineHeight, measureText, renderTextLine } from './text-bitmap';
import { graphicField } from './zpl-graphic';

export const DOTS_PER_INCH = 203;
export const LABEL_DOTS_WIDE = 4 * DOTS_PER_INCH;
export const LABEL_DOTS_HIGH = 6 * DOTS_PER_INCH;

const FRAME = 16;
const FRAME_LINE = 4;
const RULE = 6;
const PAD = 22;
const LEFT = FRAME + PAD;
const RIGHT = LABEL_DOTS_WIDE - FRAME - PAD;
const HEADER_END = 236;
const RECIPIENT_END = 727;
const BARCODE_END = 1049;
const CARRIER_SPLIT = 507;
const CAPTION = 18;
/** Below this fraction of its design size a field stops shrinking and is cut with an ellipsis. */
const MIN_SCALE = 0.6;
/** Code 128 wants ten modules of white on either side for a scanner to find the ends. */
const QUIET_MODULES = 10;

interface Faces {
  regular: OutlineFace;
  bold: OutlineFace;
}

interface Field {
  text: string;
  face: OutlineFace;
  size: number;
  maxLines: number;
}

/** One ^XA…^XZ label. */
export function renderLabelZpl(input: LabelDocument): string {
  const faces = labelOutlineFaces();
  const parts: string[] = ['^XA', '^CI28', `^PW${LABEL_DOTS_WIDE}`, `^LL${LABEL_DOTS_HIGH}`, '^LH0,0'];
  frame(parts);
  sender(parts, faces, input.sender);
  carrier(parts, faces, input);
  recipient(parts, faces, input.recipient);
  tracking(parts, input.trackingNumber);
  footer(parts, faces, input);
  parts.push('^XZ');
  return parts.join('\n');
}

/** Many labels back to back in one stream: a printer takes them as one job. */
export function renderLabelsZpl(inputs: readonly LabelDocument[]): string {
  if (inputs.length === 0) throw new Error('There are no labels to render.');
  return inputs.map(renderLabelZpl).join('\n');
}

function frame(parts: string[]): void {
  parts.push(
    box(FRAME, FRAME, LABEL_DOTS_WIDE - 2 * FRAME, LABEL_DOTS_HIGH - 2 * FRAME, FRAME_LINE),
    ...[HEADER_END, RECIPIENT_END, BARCODE_END].map((y) => box(FRAME, y, LABEL_DOTS_WIDE - 2 * FRAME, RULE, RULE)),
    box(CARRIER_SPLIT, FRAME, RULE, HEADER_END - FRAME, RULE),
  );
}

/**
 * The sender is the same on every label of a shift: its block is drawn once and reused, which saves
 * a fifth of the time of a batch's 500 labels.
 */
let lastSender: { key: string; parts: string[] } | null = null;

function sender(parts: string[], faces: Faces, address: Address): void {
  const key = JSON.stringify(address);
  if (lastSender?.key !== key) {
    const block: string[] = [];
    drawSender(block, faces, address);
    lastSender = { key, parts: block };
  }
  parts.push(...lastSender.parts);
}

function drawSender(parts: string[], faces: Faces, address: Address): void {
  const top = FRAME + 12;
  parts.push(caption('FROM', LEFT, top));
  fieldsToFit(parts, LEFT, top + 26, CARRIER_SPLIT - PAD - LEFT, HEADER_END - 8 - (top + 26), [
    { text: joinNonEmpty([address.name, address.company], ', '), face: faces.bold, size: 24, maxLines: 1 },
    { text: joinNonEmpty([address.line1, address.line2], ', '), face: faces.regular, size: 24, maxLines: 2 },
    {
      text: joinNonEmpty([address.postcode, address.city, address.state], ' '),
      face: faces.regular,
      size: 24,
      maxLines: 1,
    },
    { text: address.country.trim().toUpperCase(), face: faces.regular, size: 24, maxLines: 1 },
  ]);
}

function carrier(parts: string[], faces: Faces, input: LabelDocument): void {
  const left = CARRIER_SPLIT + RULE + PAD;
  const width = RIGHT - left;
  const center = left + width / 2;
  const name = fitText(input.carrierName, faces.bold, 40, width, 2);
  let y = FRAME + 18;
  for (const line of name.lines) {
    const text = textField(faces.bold, line, name.size);
    parts.push(textAt(text, Math.round(center - text.width / 2), y));
    y += lineHeight(name.size);
  }
  // The service reversed, white on black, so a sorter sees it at arm's length.
  const boxHeight = 62;
  const boxTop = HEADER_END - 20 - boxHeight;
  parts.push(box(left, boxTop, width, boxHeight, boxHeight));
  const service = fitText(input.service.toUpperCase(), faces.bold, 34, width - 20, 1);
  const text = textField(faces.bold, service.lines[0] ?? '', service.size);
  parts.push(
    textAt(text, Math.round(center - text.width / 2), Math.round(boxTop + (boxHeight - text.height) / 2), true),
  );
}

function recipient(parts: string[], faces: Faces, address: Address): void {
  const top = HEADER_END + RULE + 14;
  const width = RIGHT - LEFT;
  parts.push(caption('SHIP TO', LEFT, top));

  // The country closes the block in big type with its code reversed: the first thing a sorter reads.
  const code = address.country.trim().toUpperCase();
  const codeBox = { width: 140, height: 90 };
  const countryTop = RECIPIENT_END - 20 - codeBox.height;
  const hasCode = /^[A-Z]{2}$/.test(code);
  if (hasCode) {
    const boxLeft = RIGHT - codeBox.width;
    parts.push(box(boxLeft, countryTop, codeBox.width, codeBox.height, codeBox.height));
    const text = textField(faces.bold, code, 66);
    parts.push(
      textAt(
        text,
        Math.round(boxLeft + (codeBox.width - text.width) / 2),
        Math.round(countryTop + (codeBox.height - text.height) / 2),
        true,
      ),
    );
  }
  const nameWidth = hasCode ? width - codeBox.width - PAD : width;
  const country = fitText(countryName(address.country).toUpperCase(), faces.bold, 56, nameWidth, 1);
  const countryText = textField(faces.bold, country.lines[0] ?? '', country.size);
  parts.push(textAt(countryText, LEFT, Math.round(countryTop + (codeBox.height - countryText.height) / 2)));

  const fieldsTop = top + 30;
  fieldsToFit(parts, LEFT, fieldsTop, width, countryTop - 10 - fieldsTop, [
    { text: address.name, face: faces.bold, size: 48, maxLines: 2 },
    { text: address.company, face: faces.regular, size: 34, maxLines: 1 },
    { text: address.line1, face: faces.regular, size: 34, maxLines: 2 },
    { text: address.line2, face: faces.regular, size: 34, maxLines: 2 },
    { text: joinNonEmpty([address.postcode, address.city], ' '), face: faces.bold, size: 42, maxLines: 2 },
    { text: address.state, face: faces.regular, size: 34, maxLines: 1 },
    { text: address.phone ? `Tel. ${address.phone}` : '', face: faces.regular, size: 26, maxLines: 1 },
  ]);
}

/**
 * The printer draws the bars (^BC) and the number under them. With no mode given, ^BC encodes in
 * Code 128 subset B: 11 modules a character plus start and check, and 13 for the stop, so the
 * width is known here and the barcode can be centred.
 */
function tracking(parts: string[], trackingNumber: string): void {
  const top = RECIPIENT_END + RULE + 14;
  parts.push(caption('TRACKING NUMBER', LEFT, top));
  if (!/^[\x20-\x7e]+$/.test(trackingNumber)) {
    throw new Error(`A Code 128 barcode cannot hold the tracking number "${trackingNumber}".`);
  }
  const modules = 11 * (trackingNumber.length + 2) + 13;
  const room = LABEL_DOTS_WIDE - 2 * (FRAME + FRAME_LINE);
  const moduleDots = Math.max(1, Math.min(4, Math.floor(room / (modules + 2 * QUIET_MODULES))));
  const x = Math.max(FRAME + FRAME_LINE, Math.round((LABEL_DOTS_WIDE - modules * moduleDots) / 2));
  parts.push(`^FO${x},${top + 34}^BY${moduleDots},3^BCN,180,Y,N,N^FH_^FD${escapeField(trackingNumber)}^FS`);
}

function footer(parts: string[], faces: Faces, input: LabelDocument): void {
  const top = BARCODE_END + RULE + 14;
  const columns = [
    { label: 'ORDER', value: input.orderNumber, left: LEFT, width: 350 },
    { label: 'DATE', value: localDate(input.createdAt), left: LEFT + 372, width: 175 },
    { label: 'WEIGHT', value: formatWeight(input.weightGrams), left: LEFT + 564, width: RIGHT - LEFT - 564 },
  ];
  for (const column of columns) {
    parts.push(caption(column.label, column.left, top));
    const value = fitText(column.value, faces.bold, 32, column.width, 1);
    parts.push(textAt(textField(faces.bold, value.lines[0] ?? '', value.size), column.left, top + 24));
  }
  const itemsTop = top + 72;
  parts.push(caption('ITEMS', LEFT, itemsTop + 4));
  const itemsLeft = LEFT + 80;
  fieldsToFit(parts, itemsLeft, itemsTop, RIGHT - itemsLeft, LABEL_DOTS_HIGH - FRAME - 8 - itemsTop, [
    { text: itemsSummary(input.items), face: faces.regular, size: 24, maxLines: 2 },
  ]);
}

function box(x: number, y: number, width: number, height: number, thickness: number): string {
  return `^FO${x},${y}^GB${width},${height},${thickness}^FS`;
}

/** Fixed English words in the printer's scalable font 0: every ZPL printer has it. */
function caption(text: string, x: number, y: number): string {
  return `^FO${x},${y}^A0N,${CAPTION},${CAPTION}^FD${text}^FS`;
}

/**
 * A line of text as a graphic field, remembered: the sender, carrier, country, date and weight
 * are the same on most labels of a run. Bounded so a long session does not grow without end.
 */
interface TextField {
  /** ^GFA… */
  graphic: string;
  width: number;
  height: number;
}

const textFields = new WeakMap<OutlineFace, Map<string, TextField>>();
const TEXT_FIELDS_KEPT = 5000;
/** Each line is encoded as soon as it is drawn, so one buffer serves every line. */
const scratch = { buffer: new Uint8Array(16 * 1024) };

function textField(face: OutlineFace, text: string, size: number): TextField {
  let fields = textFields.get(face);
  if (!fields) {
    fields = new Map();
    textFields.set(face, fields);
  }
  const key = `${size}:${text}`;
  let found = fields.get(key);
  if (!found) {
    const bitmap = renderTextLine(face, text, size, scratch);
    found = { graphic: graphicField(bitmap), width: bitmap.width, height: bitmap.height };
    if (fields.size >= TEXT_FIELDS_KEPT) fields.clear();
    fields.set(key, found);
  }
  return found;
}

/** ^FR prints the field reversed: white where it lies on a black box. */
function textAt(text: TextField, x: number, y: number, reversed = false): string {
  return `^FO${x},${y}${reversed ? '^FR' : ''}${text.graphic}^FS`;
}

/** With ^FH_, these three are written as hex so a tracking number can never end the field early. */
function escapeField(text: string): string {
  return text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Stacks the fields from `top` down, the whole block set smaller step by step until it fits. */
function fieldsToFit(parts: string[], left: number, top: number, width: number, height: number, fields: Field[]): void {
  const present = fields.filter((f) => normalize(f.text) !== '');
  let placed = layoutFields(present, width, 1);
  for (let scale = 0.95; placed.height > height && scale >= MIN_SCALE; scale -= 0.05) {
    placed = layoutFields(present, width, scale);
  }
  let y = top;
  for (const line of placed.lines) {
    parts.push(textAt(textField(line.face, line.text, line.size), left, y));
    y += lineHeight(line.size);
  }
}

function layoutFields(fields: Field[], width: number, scale: number) {
  const lines: { text: string; face: OutlineFace; size: number }[] = [];
  for (const field of fields) {
    const fitted = fitText(field.text, field.face, Math.round(field.size * scale), width, field.maxLines);
    for (const text of fitted.lines) lines.push({ text, face: field.face, size: fitted.size });
  }
  return { lines, height: lines.reduce((sum, l) => sum + lineHeight(l.size), 0) };
}

/** Wraps into at most `maxLines` lines of `width` dots, shrinking to MIN_SCALE first, then cuts with "…". */
function fitText(
  text: string,
  face: OutlineFace,
  size: number,
  width: number,
  maxLines: number,
): { lines: string[]; size: number } {
  const clean = normalize(text);
  const minSize = Math.max(8, Math.round(size * MIN_SCALE));
  for (let s = size; s >= minSize; s -= 2) {
    const lines = wrap(clean, face, s, width);
    if (lines.length <= maxLines) return { lines, size: s };
  }
  const lines = wrap(clean, face, minSize, width);
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(lines.slice(maxLines - 1).join(' '), face, minSize, width);
  return { lines: kept, size: minSize };
}

/** Breaks at spaces; a word wider than the line (or CJK text, which has no spaces) breaks anywhere. */
function wrap(text: string, face: OutlineFace, size: number, width: number): string[] {
  if (measureText(face, text, size) <= width) return [text];
  const lines: string[] = [];
  let current = '';
  const push = (piece: string) => {
    if (current !== '' && measureText(face, current + piece, size) > width) {
      lines.push(current.trimEnd());
      current = piece.trimStart();
    } else current += piece;
  };
  for (const word of text.split(' ')) {
    const separator = current === '' ? '' : ' ';
    if (measureText(face, word, size) <= width) push(separator + word);
    else {
      current += separator;
      for (const char of word) push(char);
    }
  }
  if (current !== '') lines.push(current.trimEnd());
  return lines;
}

function ellipsize(text: string, face: OutlineFace, size: number, width: number): string {
  let kept = '';
  for (const char of text) {
    if (measureText(face, `${kept}${char}…`, size) > width) break;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}
