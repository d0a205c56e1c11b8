/**
 * Turns a glyph outline into 1-bit dots for a thermal head: the outline is flattened to straight
 * edges and every dot whose centre lies inside (non-zero winding, as TrueType and CFF fill) is
 * set. No anti-aliasing: a thermal printer has no grey. Thermal printers seldom carry a CJK or
 * full Latin font, so labels print names as these bitmaps instead of in the printer's own fonts.
 */
import { createBitmap, type Bitmap } from './bitmap';

interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

/** fontkit's Path has `commands` at run time; pdf-lib's typings leave it out. */
export interface OutlineGlyph {
  path: unknown;
}

export interface RasterGlyph {
  bitmap: Bitmap;
  /** Offset of the bitmap's top-left dot from the pen position on the baseline. */
  left: number;
  top: number;
}

/** Edges as flat arrays: x0, y0, x1, y1 per edge, in dots, y growing downwards. */
type Edges = number[];

/** Curves are cut into pieces about this many dots long: finer than a 203 dpi head shows. */
const CURVE_STEP = 1.5;

export function rasterizeGlyph(glyph: OutlineGlyph, scale: number): RasterGlyph | null {
  const commands = (glyph.path as { commands: PathCommand[] }).commands;
  const edges = flatten(commands, scale);
  if (edges.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < edges.length; i += 2) {
    minX = Math.min(minX, edges[i]!);
    maxX = Math.max(maxX, edges[i]!);
    minY = Math.min(minY, edges[i + 1]!);
    maxY = Math.max(maxY, edges[i + 1]!);
  }
  const left = Math.floor(minX);
  const top = Math.floor(minY);
  const bitmap = createBitmap(Math.ceil(maxX) - left, Math.ceil(maxY) - top);
  fillEdges(bitmap, edges, left, top);
  return { bitmap, left, top };
}

function flatten(commands: readonly PathCommand[], scale: number): Edges {
  const edges: Edges = [];
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  const lineTo = (nx: number, ny: number) => {
    if (nx !== x || ny !== y) edges.push(x, y, nx, ny);
    x = nx;
    y = ny;
  };
  // Font units grow upwards; dots grow downwards.
  const pt = (i: number, args: number[]) => [args[i]! * scale, -args[i + 1]! * scale] as const;
  for (const { command, args } of commands) {
    switch (command) {
      case 'moveTo': {
        lineTo(startX, startY); // an open contour is closed, as the font formats require
        [x, y] = pt(0, args);
        [startX, startY] = [x, y];
        break;
      }
      case 'lineTo':
        lineTo(...pt(0, args));
        break;
      case 'quadraticCurveTo': {
        const [cx, cy] = pt(0, args);
        const [ex, ey] = pt(2, args);
        const [sx, sy] = [x, y];
        const n = pieces(Math.hypot(cx - sx, cy - sy) + Math.hypot(ex - cx, ey - cy));
        for (let k = 1; k <= n; k++) {
          const t = k / n;
          const u = 1 - t;
          lineTo(u * u * sx + 2 * u * t * cx + t * t * ex, u * u * sy + 2 * u * t * cy + t * t * ey);
        }
        break;
      }
      case 'bezierCurveTo': {
        const [c1x, c1y] = pt(0, args);
        const [c2x, c2y] = pt(2, args);
        const [ex, ey] = pt(4, args);
        const [sx, sy] = [x, y];
        const n = pieces(
          Math.hypot(c1x - sx, c1y - sy) + Math.hypot(c2x - c1x, c2y - c1y) + Math.hypot(ex - c2x, ey - c2y),
        );
        for (let k = 1; k <= n; k++) {
          const t = k / n;
          const u = 1 - t;
          const a = u * u * u;
          const b = 3 * u * u * t;
          const c = 3 * u * t * t;
          const d = t * t * t;
          lineTo(a * sx + b * c1x + c * c2x + d * ex, a * sy + b * c1y + c * c2y + d * ey);
        }
        break;
      }
      case 'closePath':
        lineTo(startX, startY);
        break;
    }
  }
  lineTo(startX, startY);
  return edges;
}

function pieces(length: number): number {
  return Math.min(32, Math.max(1, Math.ceil(length / CURVE_STEP)));
}

/** Scanline fill at dot centres with the non-zero winding rule. */
function fillEdges(bitmap: Bitmap, edges: Edges, left: number, top: number): void {
  const crossings: { x: number; dir: number }[] = [];
  for (let row = 0; row < bitmap.height; row++) {
    const yc = top + row + 0.5;
    crossings.length = 0;
    for (let i = 0; i < edges.length; i += 4) {
      const y0 = edges[i + 1]!;
      const y1 = edges[i + 3]!;
      if (y0 === y1) continue;
      const goingDown = y1 > y0;
      const lo = goingDown ? y0 : y1;
      const hi = goingDown ? y1 : y0;
      if (yc < lo || yc >= hi) continue;
      const x0 = edges[i]!;
      const x1 = edges[i + 2]!;
      crossings.push({ x: x0 + ((yc - y0) * (x1 - x0)) / (y1 - y0), dir: goingDown ? 1 : -1 });
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    const rowStart = row * bitmap.bytesPerRow;
    for (let c = 0; c < crossings.length; c++) {
      const before = winding;
      winding += crossings[c]!.dir;
      if (before !== 0 || winding === 0) continue;
      // Entered the shape at this crossing: find where winding returns to zero.
      let end = c + 1;
      let w = winding;
      while (end < crossings.length) {
        w += crossings[end]!.dir;
        if (w === 0) break;
        end++;
      }
      const from = Math.max(0, Math.ceil(crossings[c]!.x - left - 0.5));
      const to = Math.min(bitmap.width - 1, Math.ceil((crossings[end]?.x ?? left + bitmap.width) - left - 0.5) - 1);
      for (let px = from; px <= to; px++) bitmap.data[rowStart + (px >> 3)]! |= 0x80 >> (px & 7);
      winding = w;
      c = end;
    }
  }
}
