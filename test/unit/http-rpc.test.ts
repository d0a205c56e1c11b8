import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import { startHttpServer } from '../../src/main/http/server';
import { decodeWire } from '../../src/shared/wire';
import { testBox } from '../support/orders';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const TOKEN = 'test-token-123';
const open: { core: Core; server: FastifyInstance }[] = [];
afterEach(async () => {
  for (const { core, server } of open.splice(0)) {
    await server.close();
    await core.close();
  }
});

async function serve() {
  const dataDir = tempDir();
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>PackDesk</title>');
  const core = await startCore({ dataDir, secretBox: testBox, version: '0.0.0-test' });
  const server = await startHttpServer({
    api: core.api,
    db: core.db,
    token: () => TOKEN,
    host: '127.0.0.1',
    port: 0,
    rendererDir,
  });
  open.push({ core, server });
  const address = server.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const call = async (name: string, body: string, token: string | null = TOKEN) => {
    const res = await fetch(`${base}/rpc/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body,
    });
    return { status: res.status, body: decodeWire(await res.text()) as Record<string, unknown> };
  };
  return { core, base, call };
}

const counts = (core: Core) =>
  core.db.$client
    .prepare('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_logs) AS logs')
    .get();

describe('HTTP RPC transport of headless mode', () => {
  it('refuses a missing or wrong token with 401 and {code, message}', async () => {
    const { call } = await serve();
    for (const token of [null, 'wrong', '']) {
      const res = await call('app.info', '{}', token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        ok: false,
        error: { code: 'unauthorized', message: expect.stringContaining('access token') },
      });
    }
  });

  it('answers a good call with the same Result value IPC carries', async () => {
    const { call } = await serve();
    const res = await call('app.info', '{}');
    expect(res).toEqual({
      status: 200,
      body: { ok: true, value: { version: '0.0.0-test', firstStart: true, language: null, sandboxRunning: false } },
    });
  });

  it('refuses a wrongly shaped request in words and changes nothing', async () => {
    const { call, core } = await serve();
    await call('sandbox.start', '{}');
    const before = counts(core);
    const bad: [string, string, RegExp][] = [
      ['labels.generate', '{"orderIds": []}', /orderIds: Select at least one order/],
      ['labels.generate', '{"orderIds": ["1; DROP TABLE orders"]}', /orderIds\.0/],
      ['labels.generate', '{"orderIds": [1], "carrier": "pigeon"}', /carrier/],
      ['orders.list', '{"limit": 100000}', /limit/],
      ['orders.list', '{"status": "lost"}', /status/],
      ['orders.get', '{"id": 1, "extra": true}', /Unrecognized key/i],
      ['orders.get', 'not json', /not valid JSON/],
      ['orders.get', '[1,2]', /not valid/],
    ];
    for (const [name, body, message] of bad) {
      const res = await call(name, body);
      expect(res.status, `${name} ${body}`).toBe(400);
      const error = (res.body as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('bad_request');
      expect(error.message).toMatch(message);
    }
    expect(counts(core)).toEqual(before);
  });

  it('says so when a call does not exist', async () => {
    const { call } = await serve();
    const res = await call('orders.delete_everything', '{}');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('serves the renderer with a strict CSP, without a token', async () => {
    const { base } = await serve();
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>PackDesk</title>');
  });
});
