/**
 * Printers of the operating system, reached through Electron. SystemPrinting is the little of
 * Electron's API this needs (src/main/electron/system-printing.ts is it, over a hidden window);
 * the print options, the reading of printer state and the words for a failed print live here, so
 * `serve` and tests run without Electron.
 */
import type { DiscoveredPrinter, PrinterStatus } from '../../../shared/dto';
import type { PrinterMedia } from '../../../shared/printing';
import { PrinterUnavailable, type PrinterDriver, type PrintPayload } from './printer-driver';

/** The fields of Electron's PrinterInfo that PackDesk reads. */
export interface SystemPrinterInfo {
  name: string;
  displayName: string;
  description: string;
  options: Record<string, string | undefined>;
}

/** The part of Electron's WebContentsPrintOptions that PackDesk sets. */
export interface SystemPrintOptions {
  silent: true;
  deviceName: string;
  printBackground: true;
  /** In microns. Electron throws when neither a page size nor the printer's default is given. */
  pageSize: { width: number; height: number };
  margins: { marginType: 'default' | 'none' };
}

export interface SystemPrinting {
  /** webContents.getPrintersAsync(). */
  getPrintersAsync(): Promise<SystemPrinterInfo[]>;
  /** Shows the PDF and calls webContents.print(options); resolves with what its callback says. */
  print(
    pdf: Uint8Array,
    title: string,
    options: SystemPrintOptions,
  ): Promise<{ success: boolean; failureReason: string }>;
}

const PAGE_MICRONS: Record<PrinterMedia, { width: number; height: number }> = {
  '4x6': { width: 101_600, height: 152_400 },
  A4: { width: 210_000, height: 297_000 },
};

/** CUPS's printer-state: 3 idle, 4 printing, 5 stopped (Windows and macOS report 0 when fine). */
const STOPPED = '5';

/**
 * The label page is the printer's page: without it Chromium lays the 4x6 label on the printer's
 * default sheet (Letter or A4) and shrinks it. A label printer prints to the edge, so no margins
 * are added; an office printer keeps its own, which it knows it cannot print into.
 */
export function systemPrintOptions(deviceName: string, media: PrinterMedia): SystemPrintOptions {
  return {
    silent: true,
    deviceName,
    printBackground: true,
    pageSize: PAGE_MICRONS[media],
    margins: { marginType: media === '4x6' ? 'none' : 'default' },
  };
}

/**
 * Electron's failure reasons in words. A printer the system does not know fails the job, as a
 * CUPS queue that does not exist does; anything else is the printer or its spooler not taking
 * the job now, so it waits and is tried again.
 */
export function systemPrintFailure(deviceName: string, failureReason: string): Error {
  const reason = failureReason.trim();
  if (/invalid devicename/i.test(reason)) {
    return new Error(`This computer has no printer called "${deviceName}". Choose one of its printers under Printers.`);
  }
  if (/cancel/i.test(reason)) {
    return new PrinterUnavailable(`The system cancelled the print on "${deviceName}"; it is tried again.`);
  }
  return new PrinterUnavailable(
    `The system printer "${deviceName}" did not take the job (${reason || 'no reason given'}): is it switched on and connected?`,
  );
}

export function createSystemPrinterDriver(system: SystemPrinting | null): PrinterDriver {
  const need = (): SystemPrinting => {
    if (!system) throw new Error('System printers can be used only in the PackDesk desktop app, not in serve.');
    return system;
  };
  return {
    kind: 'system',
    async send(target: string, payload: PrintPayload): Promise<void> {
      if (payload.format !== 'pdf') {
        throw new Error('A system printer prints PDF; send ZPL to a raw TCP or CUPS printer instead.');
      }
      const options = systemPrintOptions(target, payload.media);
      const { success, failureReason } = await need().print(payload.bytes, payload.title, options);
      if (!success) throw systemPrintFailure(target, failureReason);
    },
    async status(target: string): Promise<PrinterStatus> {
      if (!system) return { state: 'unknown', message: 'Only the desktop app can see system printers.' };
      const found = (await system.getPrintersAsync()).find((p) => p.name === target);
      if (!found) return { state: 'offline', message: `This computer has no printer called "${target}".` };
      return found.options['printer-state'] !== STOPPED
        ? { state: 'ready', message: 'Ready.' }
        : { state: 'attention', message: found.description || 'The system says this printer is not ready.' };
    },
  };
}

export async function listSystemPrinters(system: SystemPrinting | null): Promise<DiscoveredPrinter[]> {
  if (!system) return [];
  return (await system.getPrintersAsync()).map((p) => ({
    driver: 'system' as const,
    target: p.name,
    description: p.displayName || p.name,
  }));
}
