/**
 * The headless HTTP server: the built renderer as static files, the RPC transport and the REST API. Bound to
 * 127.0.0.1 unless told otherwise; every data call needs the token.
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Handlers } from '../../shared/contract';
import { changeStamp } from '../core/db/change-stamp';
import type { Db } from '../core/db/open';
import { frameworkErrorReply, MAX_PARAM_LENGTH, registerRestApi } from './rest/rest-api';
import { registerRpcRoute } from './rpc-route';

export interface HttpOptions {
  api: Handlers;
  /** The core's database: cacheable REST answers are reused until it changes. */
  db: Db;
  /** The token every data call needs, read on each request: a new one counts at once, no restart. */
  token: () => string;
  host: string;
  port: number;
  rendererDir: string;
  /** Shown in the REST API's OpenAPI document. */
  version?: string;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export async function startHttpServer(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    // Longer parameters would skip their route and get a misleading 404; the schemas say "too long".
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorReply(SECURITY_HEADERS),
  });
  // Bodies are parsed by the wire codec (bytes as base64), so take them as text.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // A callback hook, not an async one: no promise and microtask per request on the hot list path.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.headers(SECURITY_HEADERS);
    done(null, payload);
  });
  registerRpcRoute(app, opts.api, opts.token);
  registerRestApi(app, {
    api: opts.api,
    token: opts.token,
    changeStamp: () => changeStamp(opts.db),
    version: opts.version ?? '0.0.0',
  });
  await app.register(fastifyStatic, { root: opts.rendererDir, index: 'index.html' });
  try {
    await app.listen({ host: opts.host, port: opts.port });
  } catch (error) {
    // A port in use must not leave a half-made server behind.
    await app.close();
    throw error;
  }
  return app;
}
