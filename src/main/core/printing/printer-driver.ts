/**
 * One interface for every way PackDesk reaches a printer: raw TCP (port 9100), a CUPS queue, or
 * a printer of the operating system through Electron. `send` either hands the whole document
 * over or throws a PrinterUnavailable in words a packer can act on.
 */
import type { PrinterDriverKind, PrinterLanguage, PrinterMedia } from '../../../shared/printing';
import type { PrinterStatus } from '../../../shared/dto';

export interface PrintPayload {
  bytes: Uint8Array;
  format: PrinterLanguage;
  /** The paper the printer holds: spoolers scale and place the page for it. */
  media: PrinterMedia;
  /** Shown in spooler queues (lpstat, the OS print queue). */
  title: string;
}

export interface PrinterDriver {
  readonly kind: PrinterDriverKind;
  send(target: string, payload: PrintPayload): Promise<void>;
  status(target: string): Promise<PrinterStatus>;
}

/**
 * The printer could not take the job now (off, unplugged, out of paper): the queue keeps the job
 * and tries again. Any other error means the job cannot print as it is.
 */
export class PrinterUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrinterUnavailable';
  }
}
