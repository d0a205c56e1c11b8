/**
 * The desktop shell: one sandboxed window over the same core that `serve` runs. Everything that
 * does work lives in core/; this file only wires Electron to it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { applyStoredAutomation } from '../core/automation/automation-settings';
import { startCore, type Core } from '../core/core';
import { resolveDataDir } from '../core/data-dir';
import { builtPoolWorker } from '../core/threads/thread-pool';
import { createAutomationServer } from '../http/automation-server';
import { registerIpc } from './ipc';
import { safeStorageBox } from './safe-storage-box';
import { electronSystemPrinting } from './system-printing';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const rendererIndex = join(rendererDir, 'index.html');
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
    if (url.startsWith('https://') || isAutomationDocsUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

/**
 * A batch ZIP or a label saved from the renderer (save-file.ts) asks where it goes, starting in
 * Downloads with the file's own name: the shift lead may keep batches on a shared drive.
 */
function askWhereToSave(): void {
  session.defaultSession.on('will-download', (_event, item) => {
    const name = item.getFilename();
    const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
    item.setSaveDialogOptions({
      defaultPath: join(app.getPath('downloads'), name),
      ...(extension ? { filters: [{ name: extension.toUpperCase(), extensions: [extension] }] } : {}),
    });
  });
}

let core: Core | null = null;
let automation: ReturnType<typeof createAutomationServer> | null = null;

/** The Automation API's docs page (Settings links to it) opens in the browser too. */
function isAutomationDocsUrl(url: string): boolean {
  const served = automation?.state().url;
  return !!served && url === `${served}/api/docs`;
}

app
  .whenReady()
  .then(async () => {
    const dataDir = resolveDataDir(app.getPath('userData'));
    const secretBox = safeStorageBox();
    const control = createAutomationServer({
      core: () => {
        if (!core) throw new Error('PackDesk has not finished starting');
        return core;
      },
      rendererDir,
      version: app.getVersion(),
    });
    automation = control;
    core = await startCore({
      dataDir,
      secretBox,
      automation: control,
      version: app.getVersion(),
      nativeBinding: resourcesPath('better_sqlite3.node'),
      poolWorker: builtPoolWorker(here),
      ...(app.isPackaged ? { fontDirectory: join(process.resourcesPath, 'fonts') } : {}),
      systemPrinting: electronSystemPrinting(),
    });
    registerIpc(core.api, isTrustedUrl);
    askWhereToSave();
    // The shift lead left the Automation API on: serve it again. A taken port shows in Settings.
    await applyStoredAutomation({ db: core.db, box: secretBox, control });
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
  void automation?.close().then(() => core?.close());
});
