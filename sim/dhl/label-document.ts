/**
 * The label DHL sends back: a small but valid 4x6 in PDF or ZPL II text. Both carry the shipment
 * number in plain text and as a Code 128 (ZPL) so tests and printers can find it; the look of a
 * real DHL label is not the point here. The PDF is written by hand (one page, Helvetica, WinAnsi):
 * pdf-lib takes ~8 ms a label, which would make the simulator, not PackDesk, the bottleneck of a
 * 300-label benchmark.
 */
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
  const pdf = pdfLabel(facts);
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

function pdfLabel(f: LabelFacts): Buffer {
  const text = (t: string, x: number, y: number, size: number) =>
    `BT /F1 ${size} Tf ${x} ${y} Td (${pdfString(t)}) Tj ET`;
  const content = [
    text(`DHL Paket ${f.product}`, 14, 400, 16),
    ...lines(f).map((line, i) => text(line, 14, 340 - i * 18, 13)),
    text(`Sendungsnummer ${f.shipmentNo}`, 14, 200, 12),
    text(`Leitcode ${f.routingCode}`, 14, 180, 10),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A PDF literal string in WinAnsi: parentheses and backslashes escaped. */
function pdfString(t: string): string {
  return winAnsi(t).replace(/[\\()]/g, (c) => `\\${c}`);
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
