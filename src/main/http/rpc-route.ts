/**
 * The renderer's RPC transport in headless mode: POST /rpc/{name}, Bearer token, wire JSON
 * (src/shared/wire.ts), answered with the same Result values that IPC carries.
 */
import type { FastifyInstance } from 'fastify';
import { RPC_PREFIX } from '../../shared/bridge';
import type { Handlers } from '../../shared/contract';
import { decodeWire, encodeWire } from '../../shared/wire';
import type { Result } from '../../shared/errors';
import { dispatch } from '../core/dispatch';
import { HTTP_STATUS } from './http-status';
import { tokenCheck } from './token';

export function registerRpcRoute(app: FastifyInstance, api: Handlers, token: () => string): void {
  const authorized = tokenCheck(token);
  app.post<{ Params: { name: string }; Body: string }>(`${RPC_PREFIX}:name`, async (request, reply) => {
    reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store');
    let result: Result<unknown>;
    if (!authorized(request.headers.authorization)) {
      result = {
        ok: false,
        error: { code: 'unauthorized', message: 'This request needs the access token that `npm run serve` printed.' },
      };
    } else {
      let arg: unknown;
      try {
        arg = request.body === '' ? {} : decodeWire(request.body);
      } catch {
        arg = undefined;
      }
      result =
        arg === undefined
          ? { ok: false, error: { code: 'bad_request', message: 'The request body is not valid JSON.' } }
          : await dispatch(api, request.params.name, arg);
    }
    return reply.code(result.ok ? 200 : HTTP_STATUS[result.error.code]).send(encodeWire(result));
  });
}
