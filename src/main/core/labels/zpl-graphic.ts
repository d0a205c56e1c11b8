/**
 * A bitmap as a ZPL ^GFA graphic field in Zebra's ASCII compression: each row in hex, where a
 * run of one digit becomes a count letter (G-Y = 1-19, g-z = 20-400) and the digit, "," ends a
 * row of white, and ":" repeats the row above. Text rows are mostly white, so a label shrinks to
 * a few kilobytes: what crosses a 9100 socket or a spooler, and what the printer's memory holds.
 */
import type { Bitmap } from './bitmap';

const HEX = Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0));
const COMMA = ','.charCodeAt(0);
const COLON = ':'.charCodeAt(0);

/** `^GFA,total,total,perRow,data` (no ^FO, no ^FS). */
export function graphicField(bitmap: Bitmap): string {
  const total = bitmap.bytesPerRow * bitmap.height;
  return `^GFA,${total},${total},${bitmap.bytesPerRow},${compressRows(bitmap)}`;
}

/** Reused between fields: a label has dozens and a run hundreds of labels. */
let scratch = new Uint8Array(64 * 1024);

/**
 * Written as ASCII codes into one buffer and decoded once, with no closure or string per digit:
 * building the text a character at a time was most of the time of a 500-label run.
 */
function compressRows(bitmap: Bitmap): string {
  const { data, bytesPerRow, height } = bitmap;
  // Worst case: every digit stands alone and every row ends with ",".
  const need = height * (bytesPerRow * 2 + 1);
  if (scratch.length < need) scratch = new Uint8Array(need * 2);
  const out = scratch;
  let o = 0;
  for (let row = 0; row < height; row++) {
    const start = row * bytesPerRow;
    if (row > 0 && sameRow(data, start - bytesPerRow, start, bytesPerRow)) {
      out[o++] = COLON;
      continue;
    }
    let end = start + bytesPerRow;
    while (end > start && data[end - 1] === 0) end--;
    // Runs are counted in whole white or black bytes, the runs text has; a mixed byte is written
    // as its two digits. Everything after the last black dot is the white run "," stands for.
    let i = start;
    while (i < end) {
      const byte = data[i]!;
      if (byte === 0 || byte === 0xff) {
        let j = i + 1;
        while (j < end && data[j] === byte) j++;
        o = writeCount(out, o, (j - i) * 2);
        out[o++] = HEX[byte & 0x0f]!;
        i = j;
      } else if (i === end - 1 && (byte & 0x0f) === 0) {
        out[o++] = HEX[byte >> 4]!;
        i++;
      } else {
        out[o++] = HEX[byte >> 4]!;
        out[o++] = HEX[byte & 0x0f]!;
        i++;
      }
    }
    const nibbles = end === start ? 0 : (end - start) * 2 - ((data[end - 1]! & 0x0f) === 0 ? 1 : 0);
    if (nibbles < bytesPerRow * 2) out[o++] = COMMA;
  }
  return Buffer.from(out.buffer, 0, o).toString('latin1');
}

function sameRow(data: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (data[a + i] !== data[b + i]) return false;
  return true;
}

/** A repeat count before a digit: g-z for twenties (up to 400), then G-Y for the rest. */
function writeCount(out: Uint8Array, o: number, n: number): number {
  for (; n > 400; n -= 400) out[o++] = 'z'.charCodeAt(0);
  if (n >= 20) out[o++] = 'g'.charCodeAt(0) + Math.floor(n / 20) - 1;
  if (n % 20 > 0) out[o++] = 'G'.charCodeAt(0) + (n % 20) - 1;
  return o;
}
