/**
 * The operating system's printers for core's `system` driver: listed with getPrintersAsync and
 * printed silently with webContents.print from a hidden window that shows the PDF. Thin on
 * purpose; the print options, printer state, queue, retries and words live in
 * core/printing/system-printer.ts.
 *
 * Printing a PDF shown in Chromium's viewer with `silent: true` sent blank pages or failed until
 * Electron's fix for OOP printing (electron/electron#47378, in 35.x and later); this app needs
 * Electron 45 or later, so keep it there when upgrading or downgrading.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import type { SystemPrinting } from '../core/printing/system-printer';

function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
  });
}

export function electronSystemPrinting(): SystemPrinting {
  return {
    async getPrintersAsync() {
      const win = hiddenWindow();
      try {
        return (await win.webContents.getPrintersAsync()).map((p) => ({
          name: p.name,
          displayName: p.displayName,
          description: p.description,
          options: p.options as Record<string, string | undefined>,
        }));
      } finally {
        win.destroy();
      }
    },

    async print(pdf, title, options) {
      const dir = mkdtempSync(join(tmpdir(), 'packdesk-print-'));
      const file = join(dir, `${title.replace(/[^\w.-]+/g, '_')}.pdf`);
      writeFileSync(file, pdf);
      const win = hiddenWindow();
      try {
        await win.loadURL(pathToFileURL(file).href);
        return await new Promise((resolve) => {
          win.webContents.print(options, (success, failureReason) => resolve({ success, failureReason }));
        });
      } finally {
        win.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
