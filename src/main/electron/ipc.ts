import { ipcMain } from 'electron';
import { API_NAMES } from '../../shared/api-names';
import type { Handlers } from '../../shared/contract';
import { dispatch } from '../core/dispatch';

/** One IPC channel per contract call; errors cross as values (dispatch never throws). */
export function registerIpc(api: Handlers, trustedUrl: (url: string) => boolean): void {
  for (const name of API_NAMES) {
    ipcMain.handle(`packdesk:${name}`, (event, arg: unknown) => {
      if (!trustedUrl(event.senderFrame?.url ?? '')) {
        return { ok: false, error: { code: 'unauthorized', message: 'This window may not use PackDesk.' } };
      }
      return dispatch(api, name, arg);
    });
  }
}
