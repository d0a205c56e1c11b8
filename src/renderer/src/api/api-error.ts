import type { ErrorCode } from '../../../shared/errors';

/** `network`: the headless server did not answer at all (stopped, or the connection dropped). */
export type ClientErrorCode = ErrorCode | 'network';

/** A call that answered `{ ok: false }`: `message` is written for people, show it as it is. */
export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Words for any failure, never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
