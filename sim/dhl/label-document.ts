/**
 * The label DHL sends back: a small but valid 4x6 in PDF (pdf-lib, standard font) or ZPL II text.
 * Both carry the shipment number in plain text and as a Code 128 (ZPL) so tests and printers can
 * find it; the look of a real DHL label is not the point here.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DhlAddress, DhlLabel } from './types';

export type DocFormat = 'PDF' | 'ZPL2';

export interface LabelFacts {
  shipmentNo: string;
  product: string;
  routingCode: string;
  consignee: DhlAddress;
}

export const PRINT_FORMAT = '910-300-700';

export async function labelDocument(facts: LabelFacts, format: DocFormat): Promise<DhlLabel> {
  if (format === 'ZPL2') return { zpl2: zplLabel(facts), fileFormat: 'ZPL2', printFormat: PRINT_FORMAT };
  const pdf = await pdfLabel(facts);
  return { b64: Buffer.from(pdf).toString('base64'), fileFormat: 'PDF', printFormat: PRINT_FORMAT };
}

function lines(f: LabelFacts): string[] {
  const c = f.consignee;
  return [
    c.name1 ?? '',
    `${c.addressStreet ?? ''} ${c.addressHouse ?? ''}`.trim(),
    `${c.postalCode ?? ''} ${c.city ?? ''}`.trim(),
    c.country ?? '',
  ];
}

async function pdfLabel(f: LabelFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([288, 432]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const draw = (text: string, y: number, size: number) => page.drawText(winAnsi(text), { x: 14, y, size, font });
  draw(`DHL Paket ${f.product}`, 400, 16);
  lines(f).forEach((line, i) => draw(line, 340 - i * 18, 13));
  draw(`Sendungsnummer ${f.shipmentNo}`, 200, 12);
  draw(`Leitcode ${f.routingCode}`, 180, 10);
  return doc.save({ useObjectStreams: false });
}

/** The standard PDF fonts only know Windows-1252; anything else (CJK names) prints as '?'. */
function winAnsi(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function zplLabel(f: LabelFacts): string {
  const field = (s: string) => s.replace(/[\^~]/g, ' ');
  const address = lines(f)
    .map((line, i) => `^FO40,${120 + i * 40}^A0N,32,32^FH^FD${field(line)}^FS`)
    .join('\n');
  return [
    '^XA',
    '^CI28',
    `^FO40,40^A0N,40,40^FDDHL Paket ${f.product}^FS`,
    address,
    `^FO40,360^BY3^BCN,160,Y,N,N^FD${f.shipmentNo}^FS`,
    `^FO40,600^A0N,28,28^FDLeitcode ${field(f.routingCode)}^FS`,
    '^XZ',
    '',
  ].join('\n');
}
