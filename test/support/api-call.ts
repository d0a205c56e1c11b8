/** A contract call through dispatch, as IPC and the RPC route make it: its value, or its refusal thrown in words. */
import type { Core } from '../../src/main/core/core';
import { dispatch } from '../../src/main/core/dispatch';

export async function call<T>(core: Core, name: string, arg: unknown): Promise<T> {
  const result = await dispatch(core.api, name, arg);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}
