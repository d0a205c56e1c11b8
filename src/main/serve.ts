/**
 * `npm run serve`: PackDesk without Electron. The core, the RPC transport and the built renderer
 * on 127.0.0.1:${PACKDESK_PORT:-4780}, protected by PACKDESK_API_TOKEN (else a random token).
 * Prints one line with the URL to open, token included; tests wait for that line.
 */
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json';
import type { AutomationControl } from './core/automation/automation-settings';
import { startCore } from './core/core';
import { resolveDataDir } from './core/data-dir';
import { builtPoolWorker } from './core/threads/thread-pool';
import { headlessSecretBox } from './core/secrets/secret-box';
import { startHttpServer } from './http/server';
import { randomToken } from './http/token';

async function main(): Promise<void> {
  const dataDir = resolveDataDir();
  const token = process.env.PACKDESK_API_TOKEN || randomToken();
  const host = process.env.PACKDESK_HOST || '127.0.0.1';
  const port = Number(process.env.PACKDESK_PORT || 4780);
  const controlToken = process.env.PACKDESK_TRAINING_SHOP_CONTROL_TOKEN;
  // Here the REST API is always on: the Settings screen says so instead of offering the switch.
  let servedAt: string | null = null;
  const automation: AutomationControl = {
    managedBy: 'serve',
    state: () => ({ running: servedAt !== null, url: servedAt, error: null }),
    apply: async () => ({ running: servedAt !== null, url: servedAt, error: null }),
  };
  const core = await startCore({
    automation,
    dataDir,
    secretBox: headlessSecretBox(dataDir),
    version: packageJson.version,
    poolWorker: builtPoolWorker(fileURLToPath(new URL('.', import.meta.url))),
    ...(controlToken ? { trainingShopControlToken: controlToken } : {}),
  });
  const server = await startHttpServer({
    api: core.api,
    db: core.db,
    token: () => token,
    host,
    port,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    version: packageJson.version,
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const bound = server.server.address();
  const boundPort = bound && typeof bound === 'object' ? bound.port : port;
  servedAt = `http://${shownHost}:${boundPort}`;
  console.log(`PackDesk is ready: http://${shownHost}:${boundPort}/#token=${token}`);
  console.log(`Data directory: ${dataDir}`);

  const stop = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
