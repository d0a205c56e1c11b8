import { describe, expect, it } from 'vitest';
import { blackDots, isBlack } from '../../src/main/core/labels/bitmap';
import { labelOutlineFaces } from '../../src/main/core/labels/fonts';
import type { LabelDocument } from '../../src/main/core/labels/label-pdf';
import {
  LABEL_DOTS_HIGH,
  LABEL_DOTS_WIDE,
  renderLabelZpl,
  renderLabelsZpl,
} from '../../src/main/core/labels/label-zpl';
import { renderTextLine } from '../../src/main/core/labels/text-bitmap';
import { graphicField } from '../../src/main/core/labels/zpl-graphic';
import { barcodeData, decodeGraphics } from '../support/zpl-decode';

function label(overrides: Partial<LabelDocument> = {}): LabelDocument {
  return {
    carrierName: 'Local Delivery',
    service: 'standard',
    trackingNumber: 'LP123456785DE',
    orderNumber: 'WC-10234',
    sender: {
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
    },
    recipient: {
      name: '陈尧',
      company: '',
      line1: 'Müllerstraße 12',
      line2: 'ul. Piotrkowska 104, Łódź',
      city: 'München',
      state: '',
      postcode: '80469',
      country: 'DE',
      phone: '+49 89 5550101',
      email: '',
    },
    items: [{ sku: 'TEE-BLK-M', name: 'Tee', quantity: 2, price: '19.90', attributes: [] }],
    weightGrams: 500,
    createdAt: new Date(2026, 10, 24, 12),
    ...overrides,
  };
}

describe('ZPL label', () => {
  it('is one 4x6 in label at 203 dpi with the tracking number in a native Code 128', () => {
    const zpl = renderLabelZpl(label());
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.endsWith('^XZ')).toBe(true);
    expect(zpl).toContain(`^PW${LABEL_DOTS_WIDE}`);
    expect(zpl).toContain(`^LL${LABEL_DOTS_HIGH}`);
    expect([LABEL_DOTS_WIDE, LABEL_DOTS_HIGH]).toEqual([812, 1218]);
    expect(zpl).toMatch(/\^BCN,\d+,Y,N,N\^FH_\^FDLP123456785DE\^FS/);
    expect(barcodeData(zpl)).toEqual(['LP123456785DE']);
  });

  it('draws every name as a bitmap that lies inside the label and has ink', () => {
    const graphics = decodeGraphics(renderLabelZpl(label()));
    expect(graphics.length).toBeGreaterThan(8);
    for (const g of graphics) {
      expect(g.x + g.width).toBeLessThanOrEqual(LABEL_DOTS_WIDE + 8);
      expect(g.y + g.height).toBeLessThanOrEqual(LABEL_DOTS_HIGH);
      expect(g.dots.some((d) => d === 1)).toBe(true);
    }
  });

  it('renders 陈尧, Müllerstraße and Łódź as glyphs, not as empty boxes', () => {
    const faces = labelOutlineFaces();
    for (const text of ['陈尧', 'Müllerstraße', 'Łódź']) {
      const bitmap = renderTextLine(faces.bold, text, 48);
      // Each character is drawn: the ink is spread across the whole width, in every char's column.
      const columns = Array.from({ length: bitmap.width }, (_, x) =>
        Array.from({ length: bitmap.height }, (_, y) => isBlack(bitmap, x, y)).some(Boolean),
      );
      const inked = columns.filter(Boolean).length;
      expect(inked / bitmap.width).toBeGreaterThan(0.6);
      expect(blackDots(bitmap)).toBeGreaterThan(100);
    }
    // Two different ideographs give two different pictures (no tofu box repeated).
    const chen = renderTextLine(faces.bold, '陈', 48);
    const yao = renderTextLine(faces.bold, '尧', 48);
    expect(Buffer.from(chen.data).equals(Buffer.from(yao.data))).toBe(false);
    // The stroke on Ł: the Latin font's glyph is not the plain L.
    expect(Buffer.from(renderTextLine(faces.regular, 'Ł', 48).data)).not.toEqual(
      Buffer.from(renderTextLine(faces.regular, 'L', 48).data),
    );
  });

  it('decodes a graphic field back to the very bitmap that was encoded', () => {
    const faces = labelOutlineFaces();
    const bitmap = renderTextLine(faces.bold, '陈尧 Müllerstraße Łódź', 40);
    const [decoded] = decodeGraphics(`^FO10,20${graphicField(bitmap)}^FS`);
    expect(decoded).toMatchObject({ x: 10, y: 20, height: bitmap.height, bytesPerRow: bitmap.bytesPerRow });
    for (let y = 0; y < bitmap.height; y++) {
      for (let x = 0; x < bitmap.width; x++)
        expect(decoded!.dots[y * decoded!.width + x]).toBe(isBlack(bitmap, x, y) ? 1 : 0);
    }
  });

  it('shrinks and cuts an address too long for its box instead of printing over the barcode', () => {
    const long = 'Wolfeschlegelsteinhausenbergerdorff-Straße 1234, Hinterhaus, 3. Obergeschoss links, ';
    const zpl = renderLabelZpl(
      label({
        recipient: {
          ...label().recipient,
          name: '陈尧'.repeat(30),
          company: long,
          line1: long.repeat(3),
          line2: long.repeat(2),
          state: 'Nordrhein-Westfalen',
        },
      }),
    );
    const recipientBlock = decodeGraphics(zpl).filter((g) => g.y > 236 && g.y < 727);
    expect(recipientBlock.length).toBeGreaterThan(5);
    for (const g of recipientBlock) {
      // Whole bytes: a bitmap may be up to 7 blank dots wider than its ink.
      expect(g.x + g.width).toBeLessThanOrEqual(LABEL_DOTS_WIDE - 16 + 8);
      expect(g.y + g.height).toBeLessThanOrEqual(727);
    }
    expect(barcodeData(zpl)).toEqual(['LP123456785DE']);
  });

  it('compresses: a label is a few kilobytes, not the ~120 kB of raw hex', () => {
    expect(renderLabelZpl(label()).length).toBeLessThan(40_000);
  });

  it('keeps a tracking number with ZPL control characters inside its field', () => {
    expect(barcodeData(renderLabelZpl(label({ trackingNumber: 'AB^XZ~1_2' })))).toEqual(['AB^XZ~1_2']);
  });

  it('puts many labels in one stream, one ^XA…^XZ each', () => {
    const zpl = renderLabelsZpl([label(), label({ trackingNumber: 'LP000000019DE' })]);
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
    expect(barcodeData(zpl)).toEqual(['LP123456785DE', 'LP000000019DE']);
  });
});
