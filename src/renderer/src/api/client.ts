/**
 * The renderer's one way to reach main: `call(name, arg)`, typed by the contract. Inside Electron
 * it goes through the preload's named functions (window.packdesk); in a browser on `serve` it is
 * an HTTP POST with the access token. Either way the answer is a Result value; `{ ok: false }`
 * becomes a thrown ApiError carrying the words to show.
 */
import { TOUCHES } from '../../../shared/api-names';
import { RPC_PREFIX } from '../../../shared/bridge';
import type { ApiArg, ApiName, ApiOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { decodeWire, encodeWire } from '../../../shared/wire';
import { useSession } from '../state/session-store';
import { accessToken } from './access-token';
import { ApiError } from './api-error';
import { queryClient } from './query-client';

export { ApiError } from './api-error';

async function overHttp<K extends ApiName>(name: K, arg: ApiArg<K>): Promise<Result<ApiOutput<K>>> {
  const token = accessToken();
  let response: Response;
  try {
    response = await fetch(`${RPC_PREFIX}${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: encodeWire(arg),
    });
  } catch {
    throw new ApiError('network', 'PackDesk’s server does not answer. Check that `npm run serve` is still running.');
  }
  if (response.status === 401) {
    return { ok: false, error: { code: 'unauthorized', message: 'The access token is missing or wrong.' } };
  }
  const text = await response.text();
  try {
    return decodeWire(text) as Result<ApiOutput<K>>;
  } catch {
    throw new ApiError(
      'internal',
      `PackDesk’s server sent an answer this screen cannot read (HTTP ${response.status}).`,
    );
  }
}

function overBridge<K extends ApiName>(name: K, arg: ApiArg<K>): Promise<Result<ApiOutput<K>>> {
  const fn = window.packdesk![name] as (a: ApiArg<K>) => Promise<Result<ApiOutput<K>>>;
  return fn(arg);
}

/** Tables a write changed: what main says it touched, and what the contract says it touches. */
function touchedTables(name: ApiName, result: Result<unknown>): Set<string> {
  const tables = new Set<string>(TOUCHES[name] ?? []);
  if (result.ok) for (const t of result.touched ?? []) tables.add(t);
  return tables;
}

export async function call<K extends ApiName>(name: K, arg: ApiArg<K>): Promise<ApiOutput<K>> {
  const result = window.packdesk ? await overBridge(name, arg) : await overHttp(name, arg);
  if (!result.ok && result.error.code === 'unauthorized') useSession.getState().setUnauthorized();
  // A failed write may still have written: a pull that fails on its third page keeps the first two
  // and records the failure on the shop's card. So what it touches is read again either way.
  else await invalidateTouched(touchedTables(name, result));
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.value;
}

async function invalidateTouched(tables: Set<string>): Promise<void> {
  if (tables.size > 0) {
    const touched = (query: { queryKey: readonly unknown[] }) => tables.has(String(query.queryKey[0]));
    // What is on screen refetches now; awaited, so a caller's "done" means the screen already
    // shows the new data.
    await queryClient.invalidateQueries({ predicate: touched, refetchType: 'active' });
    // What is not on screen is dropped rather than kept stale: coming back to it loads it fresh
    // instead of showing old rows for a moment (and we never refetch hundreds of old pages).
    queryClient.removeQueries({ predicate: (query) => touched(query) && query.getObserversCount() === 0 });
  }
}
