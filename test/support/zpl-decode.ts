/**
 * Reads ZPL back the way a printer would, for tests: every ^GFA graphic field (Zebra ASCII
 * compression) decoded to dots with its ^FO position, and the data of every ^BC barcode.
 */
export interface DecodedGraphic {
  x: number;
  y: number;
  width: number;
  height: number;
  bytesPerRow: number;
  /** One byte per dot, 1 = black. */
  dots: Uint8Array;
  reversed: boolean;
}

export function decodeGraphics(zpl: string): DecodedGraphic[] {
  const graphics: DecodedGraphic[] = [];
  const field = /\^FO(\d+),(\d+)(\^FR)?\^GFA,(\d+),(\d+),(\d+),([^^]*)\^FS/g;
  for (const m of zpl.matchAll(field)) {
    const total = Number(m[4]);
    const bytesPerRow = Number(m[6]);
    const bytes = decodeAscii(m[7]!, bytesPerRow);
    if (bytes.length !== total) throw new Error(`^GFA says ${total} bytes but its data holds ${bytes.length}`);
    const height = total / bytesPerRow;
    const width = bytesPerRow * 8;
    const dots = new Uint8Array(width * height);
    for (let i = 0; i < bytes.length; i++) {
      for (let b = 0; b < 8; b++) dots[i * 8 + b] = (bytes[i]! >> (7 - b)) & 1;
    }
    graphics.push({ x: Number(m[1]), y: Number(m[2]), width, height, bytesPerRow, dots, reversed: m[3] !== undefined });
  }
  return graphics;
}

export function barcodeData(zpl: string): string[] {
  return [...zpl.matchAll(/\^BC[^^]*(?:\^FH_)?\^FD([^^]*)\^FS/g)].map((m) =>
    m[1]!.replace(/_([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

/** The inverse of Zebra's ASCII compression: count letters, "," (rest of row white), ":" (row again). */
function decodeAscii(data: string, bytesPerRow: number): number[] {
  const rowChars = bytesPerRow * 2;
  const rows: string[] = [];
  let row = '';
  let count = 0;
  const finishRow = (fill: string) => {
    rows.push(row.padEnd(rowChars, fill));
    row = '';
  };
  for (const c of data) {
    if (c >= 'G' && c <= 'Y') count += c.charCodeAt(0) - 'G'.charCodeAt(0) + 1;
    else if (c >= 'g' && c <= 'z') count += (c.charCodeAt(0) - 'g'.charCodeAt(0) + 1) * 20;
    else if (c === ',') finishRow('0');
    else if (c === '!') finishRow('F');
    else if (c === ':') rows.push(rows.at(-1) ?? '0'.repeat(rowChars));
    else if (/[0-9A-Fa-f]/.test(c)) {
      row += c.repeat(Math.max(1, count));
      count = 0;
      if (row.length === rowChars) finishRow('0');
      else if (row.length > rowChars) throw new Error(`A ^GFA row runs past ${rowChars} hex digits`);
    } else throw new Error(`"${c}" has no meaning in ^GFA data`);
  }
  if (row !== '') throw new Error('The ^GFA data ends inside a row');
  return rows.flatMap((r) => r.match(/../g)!.map((h) => parseInt(h, 16)));
}
