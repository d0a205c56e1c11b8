import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildBatchZip } from '../../src/main/core/batches/batch-zip';
import { manifestCsv, type ManifestRow } from '../../src/main/core/batches/manifest-csv';
import type { SlipOrder } from '../../src/main/core/batches/packing-slips-pdf';
import type { Address } from '../../src/shared/dto';
import { renderLabelPdf, type LabelDocument } from '../../src/main/core/labels/label-pdf';
import { renderLabelZpl } from '../../src/main/core/labels/label-zpl';
import { barcodeData } from '../support/zpl-decode';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

const ADDRESS: Address = {
  name: 'Anna Müller',
  company: '',
  line1: 'Müllerstraße 12',
  line2: '',
  city: 'München',
  state: '',
  postcode: '80469',
  country: 'DE',
  phone: '',
  email: '',
};

function labelDocument(orderNumber: string, trackingNumber: string): LabelDocument {
  return {
    carrierName: 'Local Delivery',
    service: 'standard',
    trackingNumber,
    orderNumber,
    sender: ADDRESS,
    recipient: ADDRESS,
    items: [],
    weightGrams: 250,
    createdAt: new Date(2026, 10, 24),
  };
}

async function labelPdf(orderNumber: string, trackingNumber: string): Promise<Uint8Array> {
  return renderLabelPdf(labelDocument(orderNumber, trackingNumber));
}

function slip(orderId: number, orderNumber: string, trackingNumber: string): SlipOrder {
  return {
    orderId,
    orderNumber,
    shopName: 'Shop store_abc',
    placedAt: '2026-11-20T08:00:00.000Z',
    shipping: ADDRESS,
    trackingNumber,
    carrier: 'local',
    customerNote: '',
    items: [
      {
        sku: 'TEE-BLK-M',
        name: 'T-Shirt black',
        quantity: 2,
        price: '9.95',
        attributes: [{ name: 'Size', value: 'M' }],
      },
      { sku: 'MUG-WHT', name: 'Mug', quantity: 1, price: '10.00', attributes: [] },
    ],
  };
}

function row(overrides: Partial<ManifestRow>): ManifestRow {
  return {
    orderNumber: 'WC-1',
    channel: 'woocommerce',
    sellerId: 'store_abc',
    recipientName: 'Anna Müller',
    country: 'DE',
    postcode: '80469',
    city: 'München',
    trackingNumber: 'LP000000005DE',
    carrier: 'local',
    itemCount: 3,
    skus: 'TEE-BLK-M x2; MUG-WHT x1',
    labelFiles: 'labels.pdf labels.zpl',
    ...overrides,
  };
}

const HEADER =
  'order_number,channel,seller_id,recipient_name,country,postcode,city,tracking_number,carrier,item_count,skus,label_files';

describe('the batch ZIP', () => {
  it('holds the labels merged in the given order as PDF and as ZPL, one label each, and the manifest', async () => {
    const orders = [
      ['WC-3', 'LP000600000DE'],
      ['WC-1', 'LP000000005DE'],
      ['WC-2', 'LP000000014DE'],
    ] as const;
    const labels = await Promise.all(
      orders.map(async ([orderNumber, tracking]) => ({
        orderNumber,
        carrier: 'local',
        trackingNumber: tracking,
        pdf: await labelPdf(orderNumber, tracking),
        zpl: renderLabelZpl(labelDocument(orderNumber, tracking)),
        missing: {},
      })),
    );
    const zipBytes = await buildBatchZip({
      batchId: 'BATCH_woocommerce_20261124_001',
      labels,
      orders: orders.map(([orderNumber, trackingNumber], i) => slip(i + 1, orderNumber, trackingNumber)),
      manifest: orders.map(([orderNumber, trackingNumber]) =>
        row({ orderNumber, trackingNumber, recipientName: '陈尧' }),
      ),
    });

    const zip = await JSZip.loadAsync(zipBytes);
    expect(Object.keys(zip.files).sort()).toEqual([
      'labels.pdf',
      'labels.zpl',
      'manifest.csv',
      'packing_slips.pdf',
      'picklist.pdf',
    ]);

    const merged = await zip.file('labels.pdf')!.async('uint8array');
    const doc = await PDFDocument.load(merged);
    expect(doc.getPageCount()).toBe(3);
    for (const page of doc.getPages()) expect(page.getSize()).toEqual({ width: 288, height: 432 });
    const file = join(tempDir(), 'labels.pdf');
    writeFileSync(file, merged);
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
    orders.forEach(([orderNumber, tracking], i) => {
      expect(pages[i]).toContain(tracking);
      expect(pages[i]).toContain(orderNumber);
    });

    // The same three labels for a ZPL printer: three formats, their barcodes in pick order.
    const zpl = await zip.file('labels.zpl')!.async('string');
    expect(zpl.match(/\^XA/g)).toHaveLength(3);
    expect(zpl.match(/\^XZ/g)).toHaveLength(3);
    expect(barcodeData(zpl)).toEqual(orders.map(([, tracking]) => tracking));

    const csv = await zip.file('manifest.csv')!.async('uint8array');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv).slice(1).split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toBe(
      'WC-3,woocommerce,store_abc,陈尧,DE,80469,München,LP000600000DE,local,3,TEE-BLK-M x2; MUG-WHT x1,labels.pdf labels.zpl',
    );
    expect(lines).toHaveLength(5); // header, three rows, and the empty string after the final CRLF
  });

  it('leaves a label the carrier could not send out of that one file and says why in missing_labels.txt', async () => {
    const dhlZpl = '^XA^FO50,50^BCN,100,Y,N,N^FD00340434161094042557^FS^XZ';
    const why =
      'DHL could not be reached at api-eu.dhl.com (connection refused); check the internet connection and try again.';
    const zipBytes = await buildBatchZip({
      batchId: 'BATCH_woocommerce_20261124_003',
      labels: [
        {
          orderNumber: 'WC-4',
          carrier: 'dhl',
          trackingNumber: '00340434161094015902',
          pdf: await labelPdf('WC-4', '00340434161094015902'),
          zpl: null,
          missing: { zpl: why },
        },
        {
          orderNumber: 'WC-5',
          carrier: 'dhl',
          trackingNumber: '00340434161094042557',
          pdf: await labelPdf('WC-5', '00340434161094042557'),
          zpl: dhlZpl,
          missing: {},
        },
      ],
      orders: [slip(4, 'WC-4', '00340434161094015902'), slip(5, 'WC-5', '00340434161094042557')],
      manifest: [row({ orderNumber: 'WC-4', carrier: 'dhl' }), row({ orderNumber: 'WC-5', carrier: 'dhl' })],
    });
    const zip = await JSZip.loadAsync(zipBytes);
    expect((await PDFDocument.load(await zip.file('labels.pdf')!.async('uint8array'))).getPageCount()).toBe(2);
    expect(await zip.file('labels.zpl')!.async('string')).toBe(`${dhlZpl}\n`);
    const note = await zip.file('missing_labels.txt')!.async('string');
    expect(note.split('\r\n')).toContain(`labels.zpl lacks the label of order WC-4 (DHL 00340434161094015902): ${why}`);
    expect(note).not.toContain('WC-5');
  });

  it('names the order whose label file is not a PDF', async () => {
    await expect(
      buildBatchZip({
        batchId: 'BATCH_woocommerce_20261124_002',
        labels: [
          {
            orderNumber: 'WC-9',
            carrier: 'local',
            trackingNumber: 'LP000000005DE',
            pdf: new TextEncoder().encode('^XA^FDnot a pdf^FS^XZ'),
            zpl: null,
            missing: {},
          },
        ],
        orders: [slip(9, 'WC-9', 'LP000000005DE')],
        manifest: [row({ orderNumber: 'WC-9' })],
      }),
    ).rejects.toThrow(/order WC-9 is not a readable PDF/);
  });
});

describe('the manifest CSV', () => {
  it('starts with a BOM, ends every row with CRLF and keeps Chinese and accents as written', () => {
    const csv = manifestCsv([row({ recipientName: '陈尧', city: 'Łódź' })]);
    expect(csv.startsWith('\uFEFF' + HEADER + '\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain(',陈尧,');
    expect(csv).toContain(',Łódź,');
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const csv = manifestCsv([row({ recipientName: 'Doe, Jane "JJ"', city: 'Line one\nLine two', skus: 'A x1; B x2' })]);
    const data = csv.split('\r\n')[1];
    expect(data).toBe(
      'WC-1,woocommerce,store_abc,"Doe, Jane ""JJ""",DE,80469,"Line one\nLine two",LP000000005DE,local,3,A x1; B x2,labels.pdf labels.zpl',
    );
  });

  it('defuses cells that a spreadsheet would run as a formula', () => {
    const csv = manifestCsv([
      row({
        recipientName: '=HYPERLINK("http://evil.example","click")',
        city: '+49 30',
        postcode: '-1',
        skus: '@SUM(A1:A9)',
      }),
      row({ recipientName: '\t=1+1', city: 'a=b', skus: 'TEE-BLK-M x2' }),
    ]);
    const [, first, second] = csv.split('\r\n');
    expect(first).toBe(
      `WC-1,woocommerce,store_abc,"'=HYPERLINK(""http://evil.example"",""click"")",DE,'-1,'+49 30,LP000000005DE,local,3,'@SUM(A1:A9),labels.pdf labels.zpl`,
    );
    // Only a leading character is dangerous: "a=b" stays as it is.
    expect(second).toBe(
      "WC-1,woocommerce,store_abc,'\t=1+1,DE,80469,a=b,LP000000005DE,local,3,TEE-BLK-M x2,labels.pdf labels.zpl",
    );
  });
});
