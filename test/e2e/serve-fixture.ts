/**
 * Starts `node out/main/serve.js` with its own data directory and port for one test, and waits for
 * its readiness line (never a sleep). The page opens with the token in the URL, as a user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export interface Served {
  url: string;
  token: string;
  dataDir: string;
  /** Call the RPC transport directly, as the renderer does. */
  rpc(name: string, arg: unknown, token?: string): Promise<{ status: number; body: unknown }>;
}

let nextPort = 4810 + Math.floor(Math.random() * 100);

async function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  const token = `e2e-${Math.random().toString(36).slice(2)}`;
  const port = nextPort++;
  const child = spawn(process.execPath, ['out/main/serve.js'], {
    env: {
      ...process.env,
      PACKDESK_DATA_DIR: dataDir,
      PACKDESK_PORT: String(port),
      PACKDESK_API_TOKEN: token,
      // Lets a test take the training shop down and up (sim/woocommerce/server.ts, /__sim/control).
      PACKDESK_TRAINING_SHOP_CONTROL_TOKEN: token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PackDesk is ready: (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return { child, url, token };
}

export const test = base.extend<{ served: Served; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  served: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-'));
    const { child, url, token } = await startServe(dataDir);
    const origin = new URL(url).origin;
    await use({
      url,
      token,
      dataDir,
      async rpc(name, arg, useToken = token) {
        const res = await fetch(`${origin}/rpc/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${useToken}` },
          body: JSON.stringify(arg),
        });
        return { status: res.status, body: await res.json() };
      },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, served }, use) => {
    await page.goto(served.url);
    await expect(page.locator('html[data-ready="true"]')).toBeAttached();
    await use(page);
  },
});

export { expect };
