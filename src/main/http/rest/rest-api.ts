/**
 * The REST API of seed 000 on the headless server (and the desktop app when switched on): Bearer
 * token in constant time, JSON bodies of at most 256 KB, every answer JSON (a ZIP for a batch),
 * every error `{"error", "code"}`. Each route parses its request with its endpoint's schemas and
 * hands it to `run`, which maps it onto the contract's handlers through dispatch, the same door
 * IPC and RPC use.
 */
import { z } from 'zod';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiName, Handlers } from '../../../shared/contract';
import type { FileDownload } from '../../../shared/dto';
import { dispatch } from '../../core/dispatch';
import { HTTP_STATUS } from '../http-status';
import { tokenCheck } from '../token';
import { docsPage, DOCS_CSS } from './docs-page';
import { createAnswerCache, type AnswerCache } from './answer-cache';
import { Answer, JsonBytes, type Call, type Endpoint } from './endpoint';
import { ENDPOINTS } from './endpoints';
import { buildOpenApi } from './openapi';
import { describeIssues, RestError } from './rest-error';

export const REST_BODY_LIMIT = 256 * 1024;
/** Room for a few hundred pages of orders; a page of 500 is about 160 KB. */
const ANSWER_CACHE_BYTES = 32 * 1024 * 1024;
/** Readable without the token: they hold no data, and a browser cannot send a Bearer header. */
/** An endpoint that takes no query refuses one, so a typo is never silently ignored. */
const NO_QUERY = z.object({}).strict();
const PUBLIC = new Set(['/api/openapi.json', '/api/docs', '/api/docs.css']);

/** Fastify's own refusals (before a route runs), in words. */
const FRAMEWORK_ERRORS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: `The request body is larger than ${REST_BODY_LIMIT / 1024} KB; send fewer orders at once.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the body as JSON, with the header Content-Type: application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
  FST_ERR_BAD_URL:
    'The address has a broken percent-escape (such as %ZZ, or bytes that are not UTF-8); encode each part with encodeURIComponent.',
};

/** Room for any path parameter node lets through (its headers, request line included, stop at 16 KB). */
export const MAX_PARAM_LENGTH = 16 * 1024;

/**
 * Fastify's refusals before routing (a URL it cannot decode) as the REST error shape. The
 * server's onSend hook does not run for these, so the security headers are set here.
 */
export function frameworkErrorReply(headers: Record<string, string>) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const body = { error: FRAMEWORK_ERRORS[error.code] ?? error.message, code: 400 };
    void reply.code(400).headers(headers).header('cache-control', 'no-store').send(body);
  };
}

function makeCall(api: Handlers): Call {
  return async (name, arg) => {
    const result = await dispatch(api, name as ApiName, arg);
    if (result.ok) return result.value as never;
    throw new RestError(HTTP_STATUS[result.error.code], result.error.message, result.error.details);
  };
}

function parse(schema: Endpoint['query'], value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RestError(400, describeIssues(where, parsed.error.issues));
  return parsed.data;
}

function bodyOf(request: FastifyRequest): unknown {
  const raw = request.body;
  if (raw === undefined || raw === null || raw === '') return {};
  // Fastify reads text/plain by itself; the API speaks only JSON.
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    throw new RestError(415, FRAMEWORK_ERRORS.FST_ERR_CTP_INVALID_MEDIA_TYPE!);
  }
  try {
    return JSON.parse(String(raw)) as unknown;
  } catch {
    throw new RestError(400, 'The request body is not valid JSON.');
  }
}

function sendFile(reply: FastifyReply, file: FileDownload) {
  return reply
    .header('content-type', file.mimeType)
    .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
    .send(Buffer.from(file.bytes));
}

const JSON_TYPE = 'application/json; charset=utf-8';

function route(endpoint: Endpoint, call: Call, answers: AnswerCache) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const cached = endpoint.cacheable ? answers.lookup(request.url) : null;
    if (cached?.bytes) return reply.header('cache-control', 'no-store').type(JSON_TYPE).send(cached.bytes);
    const input = {
      params: parse(endpoint.params, request.params, 'path'),
      query: parse(endpoint.query ?? NO_QUERY, request.query, 'query'),
      body: parse(endpoint.body, endpoint.body ? bodyOf(request) : undefined, 'request body'),
    };
    const answer = await endpoint.run(input, call);
    if (endpoint.response === 'zip') return sendFile(reply, answer as FileDownload);
    const [status, body] = answer instanceof Answer ? [answer.status, answer.body] : [endpoint.status ?? 200, answer];
    const bytes = body instanceof JsonBytes ? body.bytes : Buffer.from(JSON.stringify(body));
    // Only a plain 200 is kept: a hit is answered as one.
    if (cached && status === 200) answers.store(request.url, cached.stamp, bytes);
    return reply.code(status).header('cache-control', 'no-store').type(JSON_TYPE).send(bytes);
  };
}

function errorBody(error: FastifyError | RestError, request: FastifyRequest) {
  if (error instanceof RestError) return error.toBody();
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { error: FRAMEWORK_ERRORS[error.code] ?? error.message, code: status };
  }
  console.error(`[packdesk] ${request.method} ${request.url} failed:`, error);
  return { error: 'Something went wrong inside PackDesk; the details are in its log.', code: 500 };
}

export interface RestApiOptions {
  api: Handlers;
  /** The current token, read on every request. */
  token: () => string;
  /** The database's change stamp, which cacheable answers are kept under. */
  changeStamp: () => string;
  version: string;
}

export function registerRestApi(app: FastifyInstance, { api, token, changeStamp, version }: RestApiOptions): void {
  const call = makeCall(api);
  const authorized = tokenCheck(token);
  const answers = createAnswerCache(changeStamp, ANSWER_CACHE_BYTES);
  const openApi = buildOpenApi(ENDPOINTS, { version, bodyLimit: REST_BODY_LIMIT });
  const docs = docsPage(openApi);
  void app.register(async (rest) => {
    rest.setErrorHandler((error: FastifyError | RestError, request, reply) => {
      const body = errorBody(error, request);
      return reply.code(body.code).header('cache-control', 'no-store').send(body);
    });
    // A callback hook, not an async one: no promise and microtask per request on the hot list path.
    rest.addHook('onRequest', (request, reply, done) => {
      if (authorized(request.headers.authorization) || PUBLIC.has(request.url.split('?')[0]!)) return done();
      void reply.code(401).header('www-authenticate', 'Bearer').send({
        error:
          'This request needs the API token: send the header "Authorization: Bearer <token>" with the token PackDesk printed when it started (or PACKDESK_API_TOKEN).',
        code: 401,
      });
    });
    for (const endpoint of ENDPOINTS) {
      rest.route({
        method: endpoint.method,
        url: endpoint.path.replace(/\{(\w+)\}/g, ':$1'),
        bodyLimit: REST_BODY_LIMIT,
        handler: route(endpoint, call, answers),
      });
    }
    rest.get('/api/openapi.json', async () => openApi);
    rest.get('/api/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(docs));
    rest.get('/api/docs.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(DOCS_CSS));
    rest.all('/api/*', async (request, reply) =>
      reply.code(404).send({
        error: `There is no ${request.method} ${request.url.split('?')[0]}; /api/docs lists every endpoint.`,
        code: 404,
      }),
    );
  });
}
