/**
 * The desktop shell: one sandboxed window over the same core that `serve` runs. Everything that
 * does work lives in core/; this file only wires Electron to it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, shell } from 'electron';
import { startCore, type Core } from '../core/core';
import { resolveDataDir } from '../core/data-dir';
import { setFontDirectory } from '../core/labels/fonts';
import { registerIpc } from './ipc';
import { safeStorageBox } from './safe-storage-box';
import { electronSystemPrinting } from './system-printing';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const devUrl = process.env.ELECTRON_RENDERER_URL;

/** The packaged app carries its Electron-ABI better-sqlite3 and the label fonts in resources/. */
function resourcesPath(...parts: string[]): string {
  return app.isPackaged ? join(process.resourcesPath, ...parts) : join(here, '../../build/electron-native', ...parts);
}

function isTrustedUrl(url: string): boolean {
  return devUrl ? url.startsWith(devUrl) : url.startsWith('file://');
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1000,
    minHeight: 640,
    title: 'PackDesk',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Links open in the system browser; the window itself never navigates away from PackDesk.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

let core: Core | null = null;

app
  .whenReady()
  .then(async () => {
    const dataDir = resolveDataDir(app.getPath('userData'));
    if (app.isPackaged) setFontDirectory(join(process.resourcesPath, 'fonts'));
    core = await startCore({
      dataDir,
      secretBox: safeStorageBox(),
      version: app.getVersion(),
      nativeBinding: resourcesPath('better_sqlite3.node'),
      systemPrinting: electronSystemPrinting(),
    });
    registerIpc(core.api, isTrustedUrl);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  })
  .catch((error: unknown) => {
    console.error(error);
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void core?.close();
});
