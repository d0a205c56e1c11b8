/**
 * The renderer's only way into main: one named function per contract call (window.packdesk),
 * each invoking its own IPC channel. No raw ipcRenderer and no generic invoke reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_NAMES } from '../shared/api-names';
import type { Bridge } from '../shared/bridge';

const bridge = Object.fromEntries(
  API_NAMES.map((name) => [name, (arg: unknown) => ipcRenderer.invoke(`packdesk:${name}`, arg)]),
) as unknown as Bridge;

contextBridge.exposeInMainWorld('packdesk', bridge satisfies Bridge);
