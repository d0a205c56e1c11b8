import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Address } from '../../src/shared/dto';
import {
  LABEL_HEIGHT,
  LABEL_WIDTH,
  renderLabelPdf,
  renderLabelsPdf,
  type LabelDocument,
} from '../../src/main/core/labels/label-pdf';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

const SENDER: Address = {
  name: 'PackDesk Warehouse',
  company: '',
  line1: 'Lagerstraße 1',
  line2: '',
  city: 'Berlin',
  state: '',
  postcode: '10115',
  country: 'DE',
  phone: '',
  email: '',
};

function label(overrides: Partial<LabelDocument> = {}): LabelDocument {
  return {
    carrierName: 'Local Delivery',
    service: 'standard',
    trackingNumber: 'LP123456785DE',
    orderNumber: 'WC-10234',
    sender: SENDER,
    recipient: {
      name: '陈尧',
      company: 'Müller & Söhne GmbH',
      line1: 'Müllerstraße 12',
      line2: 'c/o ul. Piotrkowska 104, Łódź',
      city: 'München',
      state: '',
      postcode: '80469',
      country: 'DE',
      phone: '+49 89 5550101',
      email: '',
    },
    items: [
      { sku: 'TEE-BLK-M', name: 'Tee', quantity: 2, price: '19.90', attributes: [] },
      { sku: 'MUG-WHT', name: 'Mug', quantity: 1, price: '9.90', attributes: [] },
    ],
    weightGrams: 750,
    createdAt: new Date(2026, 10, 24, 12),
    ...overrides,
  };
}

function savePdf(pdf: Uint8Array): string {
  const file = join(tempDir(), 'label.pdf');
  writeFileSync(file, pdf);
  return file;
}

/** The text poppler extracts, pages separated by form feeds. */
function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', savePdf(pdf), '-'], { encoding: 'utf8' });
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box in points, y measured from the top (pdftotext -bbox). */
function pdfWords(pdf: Uint8Array): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', savePdf(pdf), '-'], { encoding: 'utf8' });
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] ?? '' }));
}

describe('the 4x6 label PDF', () => {
  it('is one page of 4 x 6 inches (288 x 432 pt)', async () => {
    const doc = await PDFDocument.load(await renderLabelPdf(label()));
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 288, height: 432 });
    expect([LABEL_WIDTH, LABEL_HEIGHT]).toEqual([288, 432]);
  });

  it('sets Chinese and accented Latin as real, extractable text', async () => {
    const text = pdfText(await renderLabelPdf(label()));
    for (const expected of [
      'LP123456785DE',
      '陈尧',
      'Müllerstraße',
      'Łódź',
      'München',
      'WC-10234',
      'GERMANY',
      '2x TEE-BLK-M, 1x MUG-WHT',
      '0.75 kg',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('embeds font subsets, not the 10 MB font files', async () => {
    expect((await renderLabelPdf(label())).length).toBeLessThan(100_000);
  });

  it('shrinks and wraps a very long address onto its one page, inside the frame and above the barcode', async () => {
    const long = 'Hauptstraße 123, Hinterhaus, 4. Obergeschoss links, Zimmer 4711, bei der Rezeption klingeln';
    const pdf = await renderLabelPdf(
      label({
        orderNumber: 'ORDER-2026-11-24-000000000000000000001',
        recipient: {
          name: 'Maximilian Alexander Friedrich von Hohenzollern-Sigmaringen-Württemberg',
          company: 'Internationale Handelsgesellschaft für Präzisionswerkzeuge und Maschinenbau mbH & Co. KG',
          line1: long,
          line2: `${long} ${long}`,
          city: 'Frankfurt am Main-Niederrad-Schwanheim-Goldstein-Sachsenhausen',
          state: 'Hessen',
          postcode: '60528',
          country: 'DE',
          phone: '+49 69 123456789',
          email: '',
        },
        items: Array.from({ length: 40 }, (_, i) => ({
          sku: `SKU-${i}`,
          name: '',
          quantity: 1,
          price: '1',
          attributes: [],
        })),
      }),
    );
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);

    const words = pdfWords(pdf);
    expect(words.map((w) => w.text)).toContain('Maximilian');
    // The frame is drawn 6 pt in from the edges; nothing may cross it.
    for (const word of words) {
      expect(word.xMin, word.text).toBeGreaterThanOrEqual(6);
      expect(word.xMax, word.text).toBeLessThanOrEqual(LABEL_WIDTH - 6);
      expect(word.yMax, word.text).toBeLessThanOrEqual(LABEL_HEIGHT - 6);
    }
    // The recipient block (from the rule at 84 pt to the rule at 258 pt) keeps to itself.
    const recipientWords = words.filter((w) => w.yMin > 84 && w.yMin < 258);
    expect(recipientWords.length).toBeGreaterThan(20);
    for (const word of recipientWords) expect(word.yMax, word.text).toBeLessThan(258);
  });

  it('draws a Code 128 that decodes back to the tracking number, with quiet zones', async () => {
    for (const trackingNumber of ['LP123456785DE', 'LP000600000CN']) {
      const { text, moduleWidth, quietLeft, quietRight } = decodeLabelBarcode(
        await renderLabelPdf(label({ trackingNumber })),
      );
      expect(text).toBe(trackingNumber);
      // 203 dpi heads print whole dots: the module is a whole number of dots (here 2 px a dot).
      expect(Math.abs(moduleWidth / 2 - Math.round(moduleWidth / 2))).toBeLessThan(0.05);
      expect(quietLeft).toBeGreaterThanOrEqual(10);
      expect(quietRight).toBeGreaterThanOrEqual(10);
    }
  });

  it('puts many labels in one document, one page each, in order', async () => {
    const numbers = ['LP000000005DE', 'LP000000014DE', 'LP000600000DE'];
    const pdf = await renderLabelsPdf(numbers.map((trackingNumber) => label({ trackingNumber })));
    const pages = pdfText(pdf)
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(3);
    numbers.forEach((n, i) => expect(pages[i]).toContain(n));
  });
});

/**
 * Reads the label the way a scanner does: rasterise at twice the printer's resolution, take the
 * row through the bars, turn bar and space widths into modules and look the symbols up in the
 * Code 128 table. Only the code sets a tracking number needs (A, B, C and switches) are read.
 */
function decodeLabelBarcode(pdf: Uint8Array) {
  const dir = tempDir();
  writeFileSync(join(dir, 'label.pdf'), pdf);
  execFileSync('pdftoppm', ['-gray', '-r', '406', '-singlefile', join(dir, 'label.pdf'), join(dir, 'label')]);
  const pgm = readFileSync(join(dir, 'label.pgm'));
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);

  // Run lengths across one pixel row, white first.
  const runsOfRow = (y: number): number[] => {
    const runs = [0];
    let black = false;
    for (let x = 0; x < width; x++) {
      const isBlack = (pixels[y * width + x] ?? 255) < 128;
      if (isBlack !== black) {
        runs.push(0);
        black = isBlack;
      }
      runs[runs.length - 1]! += 1;
    }
    return runs;
  };
  // The bars sit in the section between the rules at 258 pt and 372 pt.
  const px = (pt: number) => Math.round((pt * height) / LABEL_HEIGHT);
  let row: number[] = [];
  for (let y = px(262); y < px(368); y++) {
    const runs = runsOfRow(y);
    if (runs.length > row.length) row = runs;
  }
  // margin, frame, quiet zone, the symbol's bars and spaces, quiet zone, frame, margin
  const bars = row.slice(3, -3);
  const symbols = (bars.length - 7) / 6;
  expect(Number.isInteger(symbols)).toBe(true);
  const moduleWidth = bars.reduce((a, b) => a + b, 0) / (symbols * 11 + 13);
  const modules = bars.map((r) => Math.round(r / moduleWidth));
  const values: number[] = [];
  for (let i = 0; i < symbols; i++) {
    const value = CODE128.indexOf(modules.slice(i * 6, i * 6 + 6).join(''));
    expect(value, `symbol ${i}`).toBeGreaterThanOrEqual(0);
    values.push(value);
  }
  expect(modules.slice(symbols * 6).join('')).toBe('2331112');

  const [start = -1, ...data] = values;
  const check = data.pop();
  expect(data.reduce((sum, v, i) => sum + v * (i + 1), start) % 103).toBe(check);
  let set = ({ 103: 'A', 104: 'B', 105: 'C' } as Record<number, string>)[start];
  let text = '';
  for (const v of data) {
    if (set === 'C' && v < 100) text += String(v).padStart(2, '0');
    else if (set !== 'C' && v < 96) text += String.fromCharCode(set === 'A' && v >= 64 ? v - 64 : v + 32);
    else if (v === 99) set = 'C';
    else if (v === 100) set = 'B';
    else if (v === 101) set = 'A';
    else throw new Error(`Code 128 value ${v} is not used by tracking numbers`);
  }
  return { text, moduleWidth, quietLeft: (row[2] ?? 0) / moduleWidth, quietRight: (row.at(-3) ?? 0) / moduleWidth };
}

/** Bar and space widths of Code 128 values 0 to 106 (ISO/IEC 15417). */
const CODE128 = `212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132
122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211
212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 113123
113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411
431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111
241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341
131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 211214 211232`.split(/\s+/);
