/**
 * The printers of this workstation, configured once: name, driver, target, media, language.
 * Each media has one default printer (settings `default_printer_<media>`), the one its documents
 * go to when none is chosen: labels to the 4x6 printer, packing slips and pick lists to A4.
 */
import type { PrinterStatus, PrinterView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import {
  MEDIA_OF_KIND,
  type PrintKind,
  type PrinterDriverKind,
  type PrinterLanguage,
  type PrinterMedia,
} from '../../../shared/printing';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { getSetting, setSetting } from '../settings';
import { parseTcpTarget } from './tcp-printer';

export interface PrinterRecord {
  id: number;
  name: string;
  driver: PrinterDriverKind;
  target: string;
  media: PrinterMedia;
  language: PrinterLanguage;
}

export interface PrinterInput {
  name: string;
  driver: PrinterDriverKind;
  target: string;
  media: PrinterMedia;
  language: PrinterLanguage;
  isDefault?: boolean;
}

const defaultKey = (media: PrinterMedia) => `default_printer_${media}`;

export function listPrinterRecords(db: Db): PrinterRecord[] {
  return db.$client
    .prepare('SELECT id, name, driver, target, media, language FROM printers ORDER BY name')
    .all() as PrinterRecord[];
}

export function getPrinter(db: Db, id: number): PrinterRecord {
  const row = db.$client
    .prepare('SELECT id, name, driver, target, media, language FROM printers WHERE id = ?')
    .get(id) as PrinterRecord | undefined;
  if (!row) throw new AppError('not_found', `Printer ${id} is not set up on this workstation.`);
  return row;
}

/** The stored default of the media, else the first printer of it; null when there is none. */
export function defaultPrinter(db: Db, media: PrinterMedia): PrinterRecord | null {
  const printers = listPrinterRecords(db).filter((p) => p.media === media);
  const chosen = Number(getSetting(db, defaultKey(media)));
  return printers.find((p) => p.id === chosen) ?? printers[0] ?? null;
}

export function printerForKind(db: Db, kind: Exclude<PrintKind, 'test'>): PrinterRecord {
  const media = MEDIA_OF_KIND[kind];
  const printer = defaultPrinter(db, media);
  if (!printer) {
    throw new AppError(
      'bad_request',
      media === '4x6'
        ? 'No label printer is set up. Add one with media "4x6 label" under Printers.'
        : 'No A4 printer is set up. Add one with media "A4" under Printers.',
    );
  }
  return printer;
}

export function addPrinter(db: Db, clock: Clock, input: PrinterInput): number {
  checkPrinter(input);
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    if (sqlite.prepare('SELECT 1 FROM printers WHERE name = ?').get(input.name)) {
      throw new AppError('conflict', `A printer called "${input.name}" already exists; give this one another name.`);
    }
    const id = Number(
      sqlite
        .prepare('INSERT INTO printers (name, driver, target, media, language, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(input.name, input.driver, input.target.trim(), input.media, input.language, iso(clock())).lastInsertRowid,
    );
    if (input.isDefault) setSetting(db, defaultKey(input.media), String(id));
    return id;
  })();
}

export function updatePrinter(db: Db, id: number, input: PrinterInput): void {
  checkPrinter(input);
  const sqlite = db.$client;
  sqlite.transaction(() => {
    getPrinter(db, id);
    if (sqlite.prepare('SELECT 1 FROM printers WHERE name = ? AND id <> ?').get(input.name, id)) {
      throw new AppError('conflict', `A printer called "${input.name}" already exists; give this one another name.`);
    }
    sqlite
      .prepare('UPDATE printers SET name = ?, driver = ?, target = ?, media = ?, language = ? WHERE id = ?')
      .run(input.name, input.driver, input.target.trim(), input.media, input.language, id);
    if (input.isDefault) setSetting(db, defaultKey(input.media), String(id));
  })();
}

/** A printer with jobs still to print is kept: those jobs would be lost with it. */
export function removePrinter(db: Db, id: number): void {
  const sqlite = db.$client;
  sqlite.transaction(() => {
    const printer = getPrinter(db, id);
    const pending = (
      sqlite
        .prepare(
          "SELECT count(*) AS n FROM print_jobs WHERE printer_id = ? AND state IN ('queued', 'printing', 'waiting')",
        )
        .get(id) as { n: number }
    ).n;
    if (pending > 0) {
      throw new AppError(
        'conflict',
        `${printer.name} still has ${pending} job${pending === 1 ? '' : 's'} to print. Cancel or move them first.`,
      );
    }
    sqlite.prepare('DELETE FROM print_jobs WHERE printer_id = ?').run(id);
    sqlite.prepare('DELETE FROM printers WHERE id = ?').run(id);
  })();
}

export function printerView(db: Db, printer: PrinterRecord, status: PrinterStatus): PrinterView {
  const pendingJobs = (
    db.$client
      .prepare(
        "SELECT count(*) AS n FROM print_jobs WHERE printer_id = ? AND state IN ('queued', 'printing', 'waiting')",
      )
      .get(printer.id) as { n: number }
  ).n;
  return { ...printer, isDefault: defaultPrinter(db, printer.media)?.id === printer.id, status, pendingJobs };
}

function checkPrinter(input: PrinterInput): void {
  if (input.driver === 'tcp') {
    try {
      parseTcpTarget(input.target);
    } catch (error) {
      throw new AppError('bad_request', (error as Error).message);
    }
  }
  if (input.driver === 'system' && input.language === 'zpl') {
    throw new AppError(
      'bad_request',
      'A system printer prints PDF; for ZPL choose raw TCP (port 9100) or a CUPS queue.',
    );
  }
}
