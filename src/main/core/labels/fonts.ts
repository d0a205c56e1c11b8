/**
 * The label fonts. Noto Sans SC prints Chinese names, but its Latin stops at pinyin and Vietnamese:
 * it has no Ł, ź, š, ő, ğ, ș, nor Cyrillic beyond the basics. So every face is a pair: Noto Sans
 * (Latin, Greek, Cyrillic) first, Noto Sans SC for what Noto Sans lacks. The files are read,
 * repaired and parsed once per process: the SC ones are ~10 MB each.
 */
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PDFDocument, PDFFont } from 'pdf-lib';

interface FontFile {
  npmPackage: string;
  folder: string;
  file: string;
}

const LATIN = '@expo-google-fonts/noto-sans';
const CJK = '@expo-google-fonts/noto-sans-sc';
const FILES = {
  latinRegular: { npmPackage: LATIN, folder: '400Regular', file: 'NotoSans_400Regular.ttf' },
  latinBold: { npmPackage: LATIN, folder: '700Bold', file: 'NotoSans_700Bold.ttf' },
  cjkRegular: { npmPackage: CJK, folder: '400Regular', file: 'NotoSansSC_400Regular.ttf' },
  cjkBold: { npmPackage: CJK, folder: '700Bold', file: 'NotoSansSC_700Bold.ttf' },
} satisfies Record<string, FontFile>;

interface FontFiles {
  latin: Uint8Array;
  cjk: Uint8Array;
}

let fontDirectory: string | null = null;
let cached: { regular: FontFiles; bold: FontFiles } | null = null;

/**
 * The packaged desktop app has no node_modules to resolve from; it ships the four files (same
 * names) in its resources folder and points here at start.
 */
export function setFontDirectory(dir: string): void {
  fontDirectory = dir;
  cached = null;
}

/** Two embedded fonts used as one: each character is set in the Latin font when it has the glyph. */
export interface Face {
  latin: PDFFont;
  cjk: PDFFont;
  latinChars: ReadonlySet<number>;
  /** Widths at 1 pt, per document: the same words recur on every label. */
  widths: Map<string, number>;
}

export interface LabelFaces {
  regular: Face;
  bold: Face;
}

/** Embeds the four fonts, subset, once per document however many pages it gets. */
export async function embedLabelFonts(doc: PDFDocument): Promise<LabelFaces> {
  doc.registerFontkit(parseOnceFontkit);
  const files = labelFonts();
  return { regular: await embedFace(doc, files.regular), bold: await embedFace(doc, files.bold) };
}

async function embedFace(doc: PDFDocument, files: FontFiles): Promise<Face> {
  const latin = await doc.embedFont(files.latin, { subset: true });
  const cjk = await doc.embedFont(files.cjk, { subset: true });
  return { latin, cjk, latinChars: new Set(latin.getCharacterSet()), widths: new Map() };
}

/** Splits text into stretches that one font of the face can set. */
export function fontRuns(face: Face, text: string): { text: string; font: PDFFont }[] {
  const runs: { text: string; font: PDFFont }[] = [];
  for (const char of text) {
    const font = face.latinChars.has(char.codePointAt(0) ?? 0) ? face.latin : face.cjk;
    const last = runs.at(-1);
    if (last?.font === font) last.text += char;
    else runs.push({ text: char, font });
  }
  return runs;
}

export function textWidth(face: Face, text: string, size: number): number {
  let width = face.widths.get(text);
  if (width === undefined) {
    width = fontRuns(face, text).reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, 1), 0);
    face.widths.set(text, width);
  }
  return width * size;
}

/** The same four fonts as parsed outlines, for labels drawn on this machine as bitmaps (label-zpl.ts). */
export interface OutlineFace {
  latin: Font;
  cjk: Font;
}

export function labelOutlineFaces(): { regular: OutlineFace; bold: OutlineFace } {
  const files = labelFonts();
  const face = (f: FontFiles): OutlineFace => ({
    latin: parseOnceFontkit.create(f.latin),
    cjk: parseOnceFontkit.create(f.cjk),
  });
  return { regular: face(files.regular), bold: face(files.bold) };
}

function labelFonts(): { regular: FontFiles; bold: FontFiles } {
  cached ??= {
    regular: { latin: load(FILES.latinRegular), cjk: load(FILES.cjkRegular) },
    bold: { latin: load(FILES.latinBold), cjk: load(FILES.cjkBold) },
  };
  return cached;
}

function load(font: FontFile): Uint8Array {
  const path =
    fontDirectory !== null
      ? join(fontDirectory, font.file)
      : createRequire(import.meta.url).resolve(`${font.npmPackage}/${font.folder}/${font.file}`);
  return padGlyphRecords(readFileSync(path));
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
export type Font = ReturnType<Fontkit['create']>;
const parsedFonts = new WeakMap<Uint8Array, Font>();

/**
 * fontkit.create copies the whole file through a byte-by-byte Buffer polyfill (~10 MB per SC
 * face); the cached font bytes never change, so each is parsed once per process and the parsed
 * font shared by every document (pdf-lib keeps each document's subset apart).
 */
const parseOnceFontkit: Fontkit = {
  create(bytes) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = cmapOnly(fontkit.create(bytes));
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

/**
 * pdf-lib sets every glyph at its plain advance width (it drops fontkit's positions), so all it
 * keeps of fontkit's shaping are the substitutions: ligatures, and Noto Sans SC's alternate
 * digits. A label wants neither, and shaping each line was most of the time of a 500-label
 * document. So characters map to glyphs by the cmap alone; callers NFC-normalise text so accents
 * come precomposed.
 */
function cmapOnly(font: Font): Font {
  const layout = (text: string) => ({ glyphs: font.glyphsForString(text), positions: [] });
  return Object.create(font, { layout: { value: layout } }) as Font;
}

/**
 * Rewrites a TrueType font so that every glyph record starts on a 4-byte boundary.
 *
 * @pdf-lib/fontkit 1.1.1 writes a small subset with the short `loca` format, which stores offsets
 * halved, but copies glyph records unpadded: after the first odd-length record every later glyph
 * is read from the wrong byte and prints blank or as garbage (Noto Sans SC has thousands of odd
 * records). Upstream fontkit fixed this in 1.8; the fork pdf-lib uses never got the fix. With
 * aligned records the halving is exact. Checksums are left as they were: only fontkit reads these
 * bytes, and it checks none.
 */
function padGlyphRecords(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    tables.set(tag, { offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
  }
  const head = tables.get('head');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!head || !loca || !glyf) throw new Error('The label font is not a TrueType font (no head, loca or glyf table).');

  const longOffsets = view.getInt16(head.offset + 50) === 1;
  const glyphCount = (longOffsets ? loca.length / 4 : loca.length / 2) - 1;
  const glyphOffset = (i: number) =>
    longOffsets ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2;

  const newGlyf = new Uint8Array(glyf.length + glyphCount * 3);
  const newLoca = new DataView(new ArrayBuffer((glyphCount + 1) * 4));
  let end = 0;
  for (let i = 0; i < glyphCount; i++) {
    newLoca.setUint32(i * 4, end);
    const start = glyf.offset + glyphOffset(i);
    const record = font.subarray(start, glyf.offset + glyphOffset(i + 1));
    newGlyf.set(record, end);
    end = align4(end + record.length);
  }
  newLoca.setUint32(glyphCount * 4, end);

  const newHead = font.slice(head.offset, head.offset + head.length);
  new DataView(newHead.buffer).setInt16(50, 1);
  const replaced = new Map<string, Uint8Array>([
    ['head', newHead],
    ['loca', new Uint8Array(newLoca.buffer)],
    ['glyf', newGlyf.subarray(0, end)],
  ]);

  const bodies = [...tables].map(([tag, t]) => replaced.get(tag) ?? font.subarray(t.offset, t.offset + t.length));
  const headerLength = 12 + numTables * 16;
  const out = new Uint8Array(bodies.reduce((size, body) => size + align4(body.length), headerLength));
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, headerLength));
  let offset = headerLength;
  bodies.forEach((body, i) => {
    outView.setUint32(12 + i * 16 + 8, offset);
    outView.setUint32(12 + i * 16 + 12, body.length);
    out.set(body, offset);
    offset += align4(body.length);
  });
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
