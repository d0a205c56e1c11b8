/**
 * The desktop app's Automation API switch, without Electron: the control the shell wires in,
 * started through the contract's automation.* calls, serving the REST API over a real socket.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RPC_PREFIX } from '../../src/shared/bridge';
import { apiSchemas } from '../../src/shared/contract';
import { startCore, type Core } from '../../src/main/core/core';
import { DATABASE_FILE } from '../../src/main/core/data-dir';
import { createAutomationServer } from '../../src/main/http/automation-server';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function occupy(port: number): Promise<Server> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => s.close(() => resolve())));
  return s;
}

async function desktop() {
  const dataDir = tempDir();
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>PackDesk</title>');
  let core: Core | null = null;
  const control = createAutomationServer({ core: () => core!, rendererDir, version: '0.0.0-test' });
  core = await startCore({ dataDir, secretBox: testBox, version: '0.0.0-test', automation: control });
  const started = core;
  cleanups.push(async () => {
    await control.close();
    await started.close();
  });
  return { core, control, dataDir };
}

/** A fresh connection per request (no keep-alive pool), as a script run by cron would make. */
function getOrders(url: string, token: string): Promise<{ status: number; json(): Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(`${url}/api/orders`, { agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: async () => JSON.parse(body) as unknown }));
    });
    req.on('error', reject);
  });
}

/** GET /api/orders through `agent`, saying whether the connection was one kept alive before. */
function getOrdersOn(agent: Agent, url: string, token: string): Promise<{ status: number; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(`${url}/api/orders`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

function rpcStatus(url: string, token: string): Promise<Response> {
  return fetch(`${url}${RPC_PREFIX}app.info`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
}

describe('Automation API in the desktop app', () => {
  it('is off by default, on 127.0.0.1:4780', async () => {
    const { core } = await desktop();
    expect(await core.api['automation.get']({})).toEqual({
      enabled: false,
      port: 4780,
      host: '127.0.0.1',
      managedBy: 'app',
      running: false,
      url: null,
      error: null,
    });
  });

  it('switched on, answers GET /api/orders with the stored token, refuses a wrong one, and frees the port when off', async () => {
    const { core } = await desktop();
    const port = await freePort();
    const on = await core.api['automation.set']({ enabled: true, port, host: '127.0.0.1' });
    expect(on).toMatchObject({ enabled: true, running: true, url: `http://127.0.0.1:${port}`, error: null });
    const { token } = await core.api['automation.token']({});
    expect(token.length).toBeGreaterThanOrEqual(32);

    const ok = await getOrders(on.url!, token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveProperty('orders');
    const wrong = await getOrders(on.url!, 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 401, error: expect.any(String) });

    // The same token every time it is shown; a new one replaces it at once on the running server.
    expect((await core.api['automation.token']({})).token).toBe(token);
    const { token: rotated } = await core.api['automation.rotateToken']({});
    expect(rotated).not.toBe(token);
    expect((await getOrders(on.url!, token)).status).toBe(401);
    expect((await getOrders(on.url!, rotated)).status).toBe(200);

    const off = await core.api['automation.set']({ enabled: false, port, host: '127.0.0.1' });
    expect(off).toMatchObject({ enabled: false, running: false, url: null, error: null });
    await expect(getOrders(on.url!, rotated)).rejects.toThrow();
    // The port is free again: something else can take it.
    await occupy(port);
  });

  it('takes a new token at once on the running server: same connection, old token 401, new 200', async () => {
    const { core } = await desktop();
    const port = await freePort();
    const on = await core.api['automation.set']({ enabled: true, port, host: '127.0.0.1' });
    const { token } = await core.api['automation.token']({});
    // One kept-alive connection throughout: a restarted server would have closed it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(async () => agent.destroy());
    const ask = (with_: string) => getOrdersOn(agent, on.url!, with_);

    expect(await ask(token)).toEqual({ status: 200, reusedSocket: false });
    const { token: rotated } = await core.api['automation.rotateToken']({});
    expect(await ask(token)).toEqual({ status: 401, reusedSocket: true });
    expect(await ask(rotated)).toEqual({ status: 200, reusedSocket: true });
    expect(await core.api['automation.get']({})).toMatchObject({ running: true, url: on.url, error: null });

    // The server RPC and REST share the token: the renderer's RPC door follows it too.
    expect((await rpcStatus(on.url!, token)).status).toBe(401);
    expect((await rpcStatus(on.url!, rotated)).status).toBe(200);
  });

  it('reports a port in use in words, and nothing crashes', async () => {
    const { core } = await desktop();
    const port = await freePort();
    await occupy(port);
    const view = await core.api['automation.set']({ enabled: true, port, host: '127.0.0.1' });
    expect(view.running).toBe(false);
    expect(view.error).toMatch(new RegExp(`Port ${port} is already in use`));
    expect((await core.api['automation.get']({})).error).toBe(view.error);
    // Another port then works.
    const other = await freePort();
    const moved = await core.api['automation.set']({ enabled: true, port: other, host: '127.0.0.1' });
    expect(moved).toMatchObject({ running: true, error: null });
  });

  it('keeps the token sealed in the database file, never in plain text', async () => {
    const { core, dataDir } = await desktop();
    const { token } = await core.api['automation.token']({});
    core.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => join(dataDir, f));
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(token))).toBe(false);
    }
    const stored = core.db.$client.prepare("SELECT value FROM settings WHERE key = 'automation_token'").get() as {
      value: string;
    };
    expect(stored.value).not.toContain(token);
    expect(testBox.open(stored.value)).toBe(token);
  });

  it('applies the stored setting at the next start', async () => {
    const first = await desktop();
    const port = await freePort();
    await first.core.api['automation.set']({ enabled: true, port, host: '127.0.0.1' });
    const { token } = await first.core.api['automation.token']({});
    await first.control.close();
    const { applyStoredAutomation } = await import('../../src/main/core/automation/automation-settings');
    const view = await applyStoredAutomation({ db: first.core.db, box: testBox, control: first.control });
    expect(view).toMatchObject({ running: true, url: `http://127.0.0.1:${port}` });
    expect((await getOrders(view.url!, token)).status).toBe(200);
  });

  it('validates the port and the address in words', () => {
    const schema = apiSchemas['automation.set'];
    const message = (arg: unknown) => {
      const r = schema.safeParse(arg);
      return r.success ? null : r.error.issues[0]?.message;
    };
    expect(message({ enabled: true, port: 80, host: '127.0.0.1' })).toMatch(/from 1024 to 65535/);
    expect(message({ enabled: true, port: 70000, host: '127.0.0.1' })).toMatch(/from 1024 to 65535/);
    expect(message({ enabled: true, port: 4780.5, host: '127.0.0.1' })).toMatch(/whole number/);
    expect(message({ enabled: true, port: 4780, host: 'my laptop' })).toMatch(/127\.0\.0\.1/);
    expect(schema.parse({ enabled: true, port: 4780 })).toEqual({ enabled: true, port: 4780, host: '127.0.0.1' });
  });

  it('without a shell that serves, says so instead of pretending', async () => {
    const core = await startCore({ dataDir: tempDir(), secretBox: testBox, version: '0.0.0-test' });
    cleanups.push(() => core.close());
    expect((await core.api['automation.get']({})).managedBy).toBe('none');
    await expect(core.api['automation.set']({ enabled: true, port: 4780, host: '127.0.0.1' })).rejects.toThrow(
      /desktop app/,
    );
  });
});

describe('Automation API under serve', () => {
  it('reports the server serve started, always on, and offers no switch or token', async () => {
    const core = await startCore({
      dataDir: tempDir(),
      secretBox: testBox,
      version: '0.0.0-test',
      automation: {
        managedBy: 'serve',
        state: () => ({ running: true, url: 'http://127.0.0.1:4999', error: null }),
        apply: async () => ({ running: true, url: 'http://127.0.0.1:4999', error: null }),
      },
    });
    cleanups.push(() => core.close());
    expect(await core.api['automation.get']({})).toEqual({
      enabled: true,
      port: 4999,
      host: '127.0.0.1',
      managedBy: 'serve',
      running: true,
      url: 'http://127.0.0.1:4999',
      error: null,
    });
    await expect(core.api['automation.token']({})).rejects.toThrow(/PACKDESK_API_TOKEN/);
    await expect(core.api['automation.set']({ enabled: false, port: 4780, host: '127.0.0.1' })).rejects.toThrow(
      /npm run serve/,
    );
  });
});
