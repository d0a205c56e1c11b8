/**
 * Lines of text drawn to 1-bit bitmaps with the label fonts (fonts.ts): Noto Sans for the
 * characters it has, Noto Sans SC for the rest, exactly as the PDF label picks them. Glyphs are
 * rasterised once per size and reused: a run of 500 labels repeats the same few hundred.
 */
import { blit, createBitmap, type Bitmap } from './bitmap';
import type { Font, OutlineFace } from './fonts';
import { rasterizeGlyph, type RasterGlyph } from './glyph-raster';

/** Em box of a line, as in the PDF label: ideographs reach 0.88 em above the baseline. */
const ASCENT = 0.9;
const LINE_HEIGHT = 1.18;

interface FontCache {
  /** Advance widths at 1 dot per em, by code point. */
  advances: Map<number, number>;
  /** Rasterised glyphs by size * CODE_POINTS + code point; null for blank ones (spaces). */
  glyphs: Map<number, RasterGlyph | null>;
}

/** Unicode ends below 0x110000: a number key per size and character, no string built per glyph. */
const CODE_POINTS = 0x110000;

const caches = new WeakMap<Font, FontCache>();
/** Widths at 1 dot per em of whole strings, per face: the same words recur on every label. */
const textWidths = new WeakMap<OutlineFace, Map<string, number>>();

function cacheOf(font: Font): FontCache {
  let cache = caches.get(font);
  if (!cache) {
    cache = { advances: new Map(), glyphs: new Map() };
    caches.set(font, cache);
  }
  return cache;
}

/** Which font of a face sets each character; fontkit's cmap lookup is slow enough to matter. */
const fontChoices = new WeakMap<OutlineFace, Map<number, Font>>();

function fontFor(face: OutlineFace, codePoint: number): Font {
  let choices = fontChoices.get(face);
  if (!choices) {
    choices = new Map();
    fontChoices.set(face, choices);
  }
  let font = choices.get(codePoint);
  if (!font) {
    font = face.latin.hasGlyphForCodePoint(codePoint) ? face.latin : face.cjk;
    choices.set(codePoint, font);
  }
  return font;
}

function advance(font: Font, codePoint: number): number {
  const cache = cacheOf(font);
  let width = cache.advances.get(codePoint);
  if (width === undefined) {
    width = font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm;
    cache.advances.set(codePoint, width);
  }
  return width;
}

/** Width in dots of `text` set `size` dots to the em. */
export function measureText(face: OutlineFace, text: string, size: number): number {
  let widths = textWidths.get(face);
  if (!widths) {
    widths = new Map();
    textWidths.set(face, widths);
  }
  let width = widths.get(text);
  if (width === undefined) {
    width = 0;
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      width += advance(fontFor(face, cp), cp);
    }
    widths.set(text, width);
  }
  return width * size;
}

export function lineHeight(size: number): number {
  return Math.round(size * LINE_HEIGHT);
}

/**
 * One line of text, `size` dots to the em, in a bitmap just wide enough for it. With `scratch`,
 * drawn into that buffer (grown when too small) instead of a new one: a caller that encodes the
 * line at once spares the garbage collector a megabyte every few dozen labels.
 */
export function renderTextLine(
  face: OutlineFace,
  text: string,
  size: number,
  scratch?: { buffer: Uint8Array },
): Bitmap {
  const width = Math.max(1, Math.ceil(measureText(face, text, size)));
  const height = lineHeight(size);
  let bitmap: Bitmap;
  if (scratch) {
    const bytesPerRow = Math.ceil(width / 8);
    if (scratch.buffer.length < bytesPerRow * height) scratch.buffer = new Uint8Array(bytesPerRow * height * 2);
    const data = scratch.buffer.subarray(0, bytesPerRow * height);
    data.fill(0);
    bitmap = { width, height, bytesPerRow, data };
  } else bitmap = createBitmap(width, height);
  const baseline = Math.round(size * ASCENT);
  let pen = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const font = fontFor(face, cp);
    const glyph = rasterized(font, cp, size);
    if (glyph) blit(bitmap, glyph.bitmap, Math.round(pen) + glyph.left, baseline + glyph.top);
    pen += advance(font, cp) * size;
  }
  return bitmap;
}

function rasterized(font: Font, codePoint: number, size: number): RasterGlyph | null {
  const cache = cacheOf(font);
  const key = size * CODE_POINTS + codePoint;
  let glyph = cache.glyphs.get(key);
  if (glyph === undefined) {
    glyph = rasterizeGlyph(font.glyphForCodePoint(codePoint), size / font.unitsPerEm);
    cache.glyphs.set(key, glyph);
  }
  return glyph;
}
