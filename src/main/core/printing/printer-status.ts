/**
 * Every printer with its state as it is now: each is asked at once (in parallel, a couple of
 * seconds at most), so one printer that is off does not hold up the screen.
 */
import type { PrinterStatus, PrinterView } from '../../../shared/dto';
import type { PrinterDriverKind } from '../../../shared/printing';
import type { Db } from '../db/open';
import type { PrinterDriver } from './printer-driver';
import { listPrinterRecords, printerView, type PrinterRecord } from './printer-repo';

const STATUS_TIMEOUT_MS = 2500;

export async function listPrinters(
  db: Db,
  drivers: Readonly<Record<PrinterDriverKind, PrinterDriver>>,
): Promise<PrinterView[]> {
  const printers = listPrinterRecords(db);
  const statuses = await Promise.all(printers.map((p) => statusOf(drivers[p.driver], p)));
  return printers.map((p, i) => printerView(db, p, statuses[i]!));
}

async function statusOf(driver: PrinterDriver, printer: PrinterRecord): Promise<PrinterStatus> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<PrinterStatus>((resolve) => {
    timer = setTimeout(
      () => resolve({ state: 'unknown', message: 'The printer took too long to say how it is.' }),
      STATUS_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      driver.status(printer.target).catch((error: unknown) => ({
        state: 'unknown' as const,
        message: error instanceof Error ? error.message : String(error),
      })),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
