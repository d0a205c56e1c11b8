/**
 * The one door into the core for every transport (IPC, HTTP RPC): an unknown name or a badly
 * shaped argument is refused with {code, message} before any handler runs; an AppError becomes a
 * value; anything else becomes a generic internal error (logged here, never leaked).
 */
import { apiSchemas, type ApiName, type Handlers } from '../../shared/contract';
import { TOUCHES } from '../../shared/api-names';
import { AppError, type Result } from '../../shared/errors';

export function isApiName(name: string): name is ApiName {
  return Object.hasOwn(apiSchemas, name);
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export async function dispatch(api: Handlers, name: string, arg: unknown): Promise<Result<unknown>> {
  if (!isApiName(name)) {
    return { ok: false, error: { code: 'not_found', message: `PackDesk has no call named "${name}".` } };
  }
  const parsed = apiSchemas[name].safeParse(arg ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'bad_request',
        message: `The request for ${name} is not valid: ${describeIssues(parsed.error.issues)}`,
      },
    };
  }
  try {
    const handler = api[name] as (a: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const touched = TOUCHES[name];
    return touched ? { ok: true, value, touched } : { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    console.error(`[packdesk] ${name} failed:`, error);
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside PackDesk; the details are in its log.' },
    };
  }
}
