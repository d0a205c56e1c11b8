/**
 * The operating system's printers for core's `system` driver: listed with getPrintersAsync and
 * printed silently with webContents.print from a hidden window that shows the PDF. Thin on
 * purpose; the queue, retries and words live in core/printing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import type { SystemPrinting } from '../core/printing/system-printer';

/** CUPS's printer-state: 3 idle, 4 printing, 5 stopped (Windows and macOS report 0 when fine). */
const STOPPED = '5';

function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
  });
}

export function electronSystemPrinting(): SystemPrinting {
  return {
    async list() {
      const win = hiddenWindow();
      try {
        const printers = await win.webContents.getPrintersAsync();
        return printers.map((p) => ({
          name: p.name,
          displayName: p.displayName || p.name,
          ready: (p.options as Record<string, string | undefined>)['printer-state'] !== STOPPED,
          description: p.description,
        }));
      } finally {
        win.destroy();
      }
    },

    async printPdf(deviceName, pdf, title) {
      const dir = mkdtempSync(join(tmpdir(), 'packdesk-print-'));
      const file = join(dir, `${title.replace(/[^\w.-]+/g, '_')}.pdf`);
      writeFileSync(file, pdf);
      const win = hiddenWindow();
      try {
        await win.loadURL(pathToFileURL(file).href);
        await new Promise<void>((resolve, reject) => {
          win.webContents.print({ silent: true, deviceName, printBackground: true }, (success, reason) => {
            if (success) resolve();
            else reject(new Error(`The system printer "${deviceName}" did not take the job: ${reason}.`));
          });
        });
      } finally {
        win.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
