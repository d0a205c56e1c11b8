/**
 * What the preload exposes as `window.packdesk`: one named function per contract call, each
 * answering a Result value (errors never throw across the bridge).
 */
import type { ApiArg, ApiName, ApiOutput } from './contract';
import type { Result } from './errors';

export type Bridge = { [K in ApiName]: (arg: ApiArg<K>) => Promise<Result<ApiOutput<K>>> };

/** The HTTP RPC transport of headless mode: POST {RPC_PREFIX}{name}, Bearer token, wire JSON. */
export const RPC_PREFIX = '/rpc/';
