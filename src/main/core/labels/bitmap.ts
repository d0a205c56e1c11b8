/**
 * A 1-bit picture packed eight dots to a byte, first dot in the high bit, 1 = black: the layout a
 * ZPL ^GF graphic field takes, so a rendered line goes to the printer without conversion.
 */
export interface Bitmap {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

export function createBitmap(width: number, height: number): Bitmap {
  const bytesPerRow = Math.max(1, Math.ceil(width / 8));
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

/**
 * ORs `src` into `dst` with its top-left dot at (x, y); what falls outside `dst` is cut off. Whole
 * bytes are shifted into place, not dot by dot: text is most of a label's dots.
 */
export function blit(dst: Bitmap, src: Bitmap, x: number, y: number): void {
  const shift = ((x % 8) + 8) % 8;
  const firstByte = (x - shift) / 8;
  for (let row = 0; row < src.height; row++) {
    const dy = y + row;
    if (dy < 0 || dy >= dst.height) continue;
    const srcRow = row * src.bytesPerRow;
    const dstRow = dy * dst.bytesPerRow;
    for (let i = 0; i < src.bytesPerRow; i++) {
      const byte = src.data[srcRow + i]!;
      if (byte === 0) continue;
      const at = firstByte + i;
      if (at >= 0 && at < dst.bytesPerRow) dst.data[dstRow + at]! |= byte >> shift;
      if (shift !== 0 && at + 1 >= 0 && at + 1 < dst.bytesPerRow)
        dst.data[dstRow + at + 1]! |= (byte << (8 - shift)) & 0xff;
    }
  }
}

export function isBlack(bitmap: Bitmap, x: number, y: number): boolean {
  return ((bitmap.data[y * bitmap.bytesPerRow + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;
}

export function blackDots(bitmap: Bitmap): number {
  let count = 0;
  for (const byte of bitmap.data) {
    for (let b = byte; b !== 0; b &= b - 1) count++;
  }
  return count;
}
