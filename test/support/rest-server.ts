/**
 * A real headless server (core + fastify on a random loopback port) over a temp database, and a
 * small client for the REST API, for the REST tests.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { startCore, type Core } from '../../src/main/core/core';
import type { Clock } from '../../src/main/core/clock';
import type { Endpoint } from '../../src/main/http/rest/endpoint';
import { ENDPOINTS } from '../../src/main/http/rest/endpoints';
import { buildOpenApi } from '../../src/main/http/rest/openapi';
import { REST_BODY_LIMIT } from '../../src/main/http/rest/rest-api';
import { startHttpServer } from '../../src/main/http/server';
import { testBox } from './orders';

export const TOKEN = 'rest-test-token';

export interface RestAnswer {
  status: number;
  type: string;
  body: unknown;
  bytes: Uint8Array;
}

export function useRestServer(tempDir: () => string) {
  const open: { core: Core; server: FastifyInstance }[] = [];
  afterEach(async () => {
    for (const { core, server } of open.splice(0)) {
      await server.close();
      await core.close();
    }
  });
  return async (clock?: Clock) => {
    const dataDir = tempDir();
    const rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>PackDesk</title>');
    const core = await startCore({ dataDir, secretBox: testBox, version: '1.2.3-test', ...(clock ? { clock } : {}) });
    const server = await startHttpServer({
      api: core.api,
      db: core.db,
      token: () => TOKEN,
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      version: '1.2.3-test',
    });
    open.push({ core, server });
    const address = server.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const request = async (
      method: string,
      path: string,
      opts: { body?: string; json?: unknown; token?: string | null; type?: string } = {},
    ): Promise<RestAnswer> => {
      const token = opts.token === undefined ? TOKEN : opts.token;
      const body = opts.json !== undefined ? JSON.stringify(opts.json) : opts.body;
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body !== undefined ? { 'content-type': opts.type ?? 'application/json' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      const type = res.headers.get('content-type') ?? '';
      const text = new TextDecoder().decode(bytes);
      return { status: res.status, type, bytes, body: type.includes('json') ? (JSON.parse(text) as unknown) : text };
    };
    return { core, base, request };
  };
}

/** Every row of every table, hashed: equal before and after means nothing changed. */
export function databaseHash(core: Core): string {
  const sqlite = core.db.$client;
  const tables = (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'orders_fts%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const hash = createHash('sha256');
  for (const table of tables) {
    hash.update(table);
    for (const row of sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).iterate())
      hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const DOCUMENT = buildOpenApi(ENDPOINTS, { version: 'test', bodyLimit: REST_BODY_LIMIT }) as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

/** The statuses the OpenAPI document lists for an endpoint's operation. */
export function documentedStatuses(endpoint: Endpoint): string[] {
  return Object.keys(DOCUMENT.paths[endpoint.path]![endpoint.method.toLowerCase()]!.responses);
}
