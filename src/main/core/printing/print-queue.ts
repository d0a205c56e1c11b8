/**
 * The durable print queue. A job is a row in print_jobs (written before anything is sent) and a
 * file on disk, so it survives a printer that is off, out of paper, or a restart of PackDesk.
 * Each printer prints its jobs in order, one at a time; when it does not take one, that job waits
 * and is tried again after a growing pause (2 s, 4 s, … up to a minute) set by one timer, never a
 * polling loop. A job sent but not confirmed when PackDesk stopped is sent again on start: a label
 * printed twice is a nuisance, a label never printed is a parcel that does not leave.
 */
import { readFileSync } from 'node:fs';
import type { PrintJobView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { PrintJobState, PrintKind, PrinterDriverKind, PrinterLanguage } from '../../../shared/printing';
import { followPrinting } from '../batches/batch-status';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { PrinterUnavailable, type PrinterDriver } from './printer-driver';
import { getPrinter, type PrinterRecord } from './printer-repo';

export interface NewPrintJob {
  printerId: number;
  kind: PrintKind;
  title: string;
  orderId: number | null;
  /** The batch whose documents this job prints, if any. */
  batchId?: string | null;
  format: PrinterLanguage;
  filePath: string;
}

/** What print_jobs.document holds: the job's description (the bytes are in file_path). */
interface JobDocument {
  kind: PrintKind;
  title: string;
  orderId: number | null;
  batchId?: string | null;
  format: PrinterLanguage;
}

interface JobRow {
  id: number;
  printer_id: number;
  printer_name: string;
  document: string;
  file_path: string;
  state: PrintJobState;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface PrintQueueOptions {
  db: Db;
  clock: Clock;
  drivers: Readonly<Record<PrinterDriverKind, PrinterDriver>>;
  /** First pause after a printer did not answer; doubled each time up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export interface PrintQueue {
  enqueue(job: NewPrintJob): PrintJobView;
  retry(jobId: number): PrintJobView;
  cancel(jobId: number): PrintJobView;
  list(filter: { printerId?: number; orderId?: number; limit: number }): PrintJobView[];
  /** Resolves when every job that is due now has been tried (tests and shutdown wait on it). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const PENDING = "('queued', 'printing', 'waiting')";
const JOB_COLUMNS = `j.id, j.printer_id, p.name AS printer_name, j.document, j.file_path, j.state, j.attempts,
  j.last_error, j.created_at, j.updated_at`;

export function createPrintQueue(opts: PrintQueueOptions): PrintQueue {
  const { db, clock } = opts;
  const sqlite = db.$client;
  const firstDelay = opts.firstDelayMs ?? 2000;
  const maxDelay = opts.maxDelayMs ?? 60_000;
  const delayAfter = (attempts: number) => Math.min(maxDelay, firstDelay * 2 ** Math.max(0, attempts - 1));

  /** Printers with a send under way: each prints one job at a time, in order. */
  const busy = new Map<number, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const view = (row: JobRow): PrintJobView => {
    const doc = JSON.parse(row.document) as JobDocument;
    return {
      id: row.id,
      printerId: row.printer_id,
      printerName: row.printer_name,
      kind: doc.kind,
      title: doc.title,
      orderId: doc.orderId,
      batchId: doc.batchId ?? null,
      format: doc.format,
      state: row.state,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt:
        row.state === 'waiting' ? iso(new Date(Date.parse(row.updated_at) + delayAfter(row.attempts))) : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  };

  const row = (jobId: number): JobRow => {
    const found = sqlite
      .prepare(`SELECT ${JOB_COLUMNS} FROM print_jobs j JOIN printers p ON p.id = j.printer_id WHERE j.id = ?`)
      .get(jobId) as JobRow | undefined;
    if (!found) throw new AppError('not_found', `Print job ${jobId} does not exist.`);
    return found;
  };

  /** The oldest unprinted job of each printer, if it is due now; else when the first one will be. */
  const dueWork = (): { due: JobRow[]; nextAt: number | null } => {
    const heads = sqlite
      .prepare(
        `SELECT ${JOB_COLUMNS} FROM print_jobs j JOIN printers p ON p.id = j.printer_id
         WHERE j.id IN (SELECT min(id) FROM print_jobs WHERE state IN ${PENDING} GROUP BY printer_id)`,
      )
      .all() as JobRow[];
    const now = clock().getTime();
    const due: JobRow[] = [];
    let nextAt: number | null = null;
    for (const head of heads) {
      if (busy.has(head.printer_id)) continue;
      const at = head.state === 'waiting' ? Date.parse(head.updated_at) + delayAfter(head.attempts) : now;
      if (at <= now) due.push(head);
      else nextAt = nextAt === null ? at : Math.min(nextAt, at);
    }
    return { due, nextAt };
  };

  const schedule = (): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = null;
    const { due, nextAt } = dueWork();
    for (const job of due) {
      const run = printOne(job).finally(() => {
        busy.delete(job.printer_id);
        schedule();
      });
      busy.set(job.printer_id, run);
    }
    if (nextAt !== null) {
      timer = setTimeout(schedule, Math.max(0, nextAt - clock().getTime()));
      timer.unref();
    }
  };

  const setState = (jobId: number, state: PrintJobState, error: string | null, attempted: boolean): void => {
    sqlite
      .prepare(
        `UPDATE print_jobs SET state = ?, last_error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?
         AND state NOT IN ('cancelled')`,
      )
      .run(state, error, attempted ? 1 : 0, iso(clock()), jobId);
  };

  const printOne = async (job: JobRow): Promise<void> => {
    const doc = JSON.parse(job.document) as JobDocument;
    let printer: PrinterRecord;
    let bytes: Uint8Array;
    try {
      printer = getPrinter(db, job.printer_id);
      if (printer.language !== doc.format) {
        throw new Error(
          `${printer.name} prints ${printer.language.toUpperCase()}, but this job is ${doc.format.toUpperCase()}. Print it on another printer.`,
        );
      }
      bytes = readFileSync(job.file_path);
    } catch (error) {
      setState(job.id, 'failed', messageOf(error), false);
      return;
    }
    setState(job.id, 'printing', null, false);
    try {
      await opts.drivers[printer.driver].send(printer.target, {
        bytes,
        format: doc.format,
        media: printer.media,
        title: doc.title,
      });
      setState(job.id, 'printed', null, true);
      // A batch is printed once each of its documents is.
      if (doc.batchId) followPrinting(db, doc.batchId, iso(clock()));
    } catch (error) {
      setState(job.id, error instanceof PrinterUnavailable ? 'waiting' : 'failed', messageOf(error), true);
    }
  };

  // A job that was being sent when PackDesk stopped is sent again.
  sqlite.prepare("UPDATE print_jobs SET state = 'queued' WHERE state = 'printing'").run();
  schedule();

  return {
    enqueue(job) {
      const at = iso(clock());
      const document: JobDocument = {
        kind: job.kind,
        title: job.title,
        orderId: job.orderId,
        batchId: job.batchId ?? null,
        format: job.format,
      };
      const id = Number(
        sqlite
          .prepare(
            "INSERT INTO print_jobs (printer_id, document, file_path, state, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)",
          )
          .run(job.printerId, JSON.stringify(document), job.filePath, at, at).lastInsertRowid,
      );
      schedule();
      return view(row(id));
    },

    /** A waiting or failed job is tried now; a printed or cancelled one is printed again as a new job. */
    retry(jobId) {
      const job = row(jobId);
      if (job.state === 'queued' || job.state === 'printing') return view(job);
      if (job.state === 'waiting' || job.state === 'failed') {
        sqlite.prepare("UPDATE print_jobs SET state = 'queued', updated_at = ? WHERE id = ?").run(iso(clock()), jobId);
        schedule();
        return view(row(jobId));
      }
      const doc = JSON.parse(job.document) as JobDocument;
      return this.enqueue({ printerId: job.printer_id, ...doc, filePath: job.file_path });
    },

    cancel(jobId) {
      const job = row(jobId);
      if (job.state === 'printed') {
        throw new AppError('conflict', `"${view(job).title}" has already gone to the printer and cannot be cancelled.`);
      }
      if (job.state === 'printing') {
        throw new AppError(
          'conflict',
          `"${view(job).title}" is being sent to the printer right now; cancel it at the printer.`,
        );
      }
      sqlite.prepare("UPDATE print_jobs SET state = 'cancelled', updated_at = ? WHERE id = ?").run(iso(clock()), jobId);
      schedule();
      return view(row(jobId));
    },

    list({ printerId, orderId, limit }) {
      const where: string[] = [];
      const params: (number | string)[] = [];
      if (printerId !== undefined) {
        where.push('j.printer_id = ?');
        params.push(printerId);
      }
      if (orderId !== undefined) {
        where.push("json_extract(j.document, '$.orderId') = ?");
        params.push(orderId);
      }
      const rows = sqlite
        .prepare(
          `SELECT ${JOB_COLUMNS} FROM print_jobs j JOIN printers p ON p.id = j.printer_id
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY j.id DESC LIMIT ?`,
        )
        .all(...params, limit) as JobRow[];
      return rows.map(view);
    },

    async idle() {
      while (busy.size > 0) await Promise.all(busy.values());
    },

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all(busy.values());
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
