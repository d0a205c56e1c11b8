/**
 * Printers of the operating system, reached through Electron (src/main/electron/system-printing.ts
 * implements SystemPrinting). Core only sees this interface, so `serve` and tests run without it.
 */
import type { DiscoveredPrinter, PrinterStatus } from '../../../shared/dto';
import { type PrinterDriver, type PrintPayload } from './printer-driver';

export interface SystemPrinting {
  list(): Promise<{ name: string; displayName: string; ready: boolean; description: string }[]>;
  /** Prints a PDF silently on the named device. */
  printPdf(deviceName: string, pdf: Uint8Array, title: string): Promise<void>;
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
      await need().printPdf(target, payload.bytes, payload.title);
    },
    async status(target: string): Promise<PrinterStatus> {
      if (!system) return { state: 'unknown', message: 'Only the desktop app can see system printers.' };
      const found = (await system.list()).find((p) => p.name === target);
      if (!found) return { state: 'offline', message: `This computer has no printer called "${target}".` };
      return found.ready
        ? { state: 'ready', message: 'Ready.' }
        : { state: 'attention', message: found.description || 'The system says this printer is not ready.' };
    },
  };
}

export async function listSystemPrinters(system: SystemPrinting | null): Promise<DiscoveredPrinter[]> {
  if (!system) return [];
  return (await system.list()).map((p) => ({ driver: 'system' as const, target: p.name, description: p.displayName }));
}
