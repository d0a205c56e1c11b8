/**
 * The desktop app's Automation API switch: starts and stops the same HTTP server `serve` runs
 * (REST API, RPC transport, the renderer) as the setting says. Electron-free, so it is tested
 * under Node. A port in use or an address this computer lacks comes back as words in `error`;
 * nothing throws and nothing crashes. The token is passed through, never logged; a new one is
 * taken by the running server at once (the old one refused from the next request), no restart.
 */
import type { FastifyInstance } from 'fastify';
import type { AutomationSettings, AutomationState } from '../../shared/automation';
import type { AutomationControl } from '../core/automation/automation-settings';
import type { Core } from '../core/core';
import { startHttpServer } from './server';

export interface AutomationServerOptions {
  /** A getter: the core (its handlers and database) is made after this control. */
  core: () => Pick<Core, 'api' | 'db'>;
  rendererDir: string;
  version: string;
}

type Wanted = AutomationSettings & { token: string };

export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listenError(error: unknown, host: string, port: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return `Port ${port} is already in use by another program (or another PackDesk). Choose another port from 1024 to 65535, or close that program.`;
  }
  if (code === 'EADDRNOTAVAIL') {
    return `This computer has no network address ${host}. Use 127.0.0.1 for this computer only.`;
  }
  if (code === 'EACCES') return `This computer does not allow PackDesk to use port ${port}. Choose another port.`;
  return `The Automation API could not start: ${error instanceof Error ? error.message : String(error)}`;
}

export function createAutomationServer(opts: AutomationServerOptions): AutomationControl & { close(): Promise<void> } {
  let server: FastifyInstance | null = null;
  let running: AutomationSettings | null = null;
  // Read by the running server on every request: a new token counts at once, without a restart.
  let token = '';
  let state: AutomationState = { running: false, url: null, error: null };
  // One change at a time: a quick off-on never races two servers for the port.
  let queue: Promise<unknown> = Promise.resolve();

  const stop = async () => {
    const s = server;
    server = null;
    running = null;
    if (s) await s.close();
  };

  const same = (a: AutomationSettings, b: AutomationSettings) =>
    a.enabled === b.enabled && a.port === b.port && a.host === b.host;

  const applyNow = async (wanted: Wanted): Promise<AutomationState> => {
    token = wanted.token;
    if (server && running && same(running, wanted)) return state;
    await stop();
    if (!wanted.enabled) {
      state = { running: false, url: null, error: null };
      return state;
    }
    try {
      const core = opts.core();
      server = await startHttpServer({
        api: core.api,
        db: core.db,
        token: () => token,
        host: wanted.host,
        port: wanted.port,
        rendererDir: opts.rendererDir,
        version: opts.version,
      });
      running = { enabled: wanted.enabled, port: wanted.port, host: wanted.host };
      state = { running: true, url: urlOf(wanted.host, wanted.port), error: null };
    } catch (error) {
      server = null;
      state = { running: false, url: null, error: listenError(error, wanted.host, wanted.port) };
    }
    return state;
  };

  return {
    managedBy: 'app',
    state: () => state,
    apply(wanted) {
      const next = queue.then(() => applyNow(wanted));
      queue = next.catch(() => undefined);
      return next;
    },
    close() {
      const next = queue.then(stop);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
