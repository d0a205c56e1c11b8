/**
 * Errors cross every boundary (IPC, HTTP RPC) as values, never as thrown objects, so the
 * renderer can always show `message`: words a packer understands.
 */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'not_found',
  'illegal_transition',
  'conflict',
  'channel_error',
  'carrier_error',
  'database_too_new',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T; touched?: readonly string[] } | { ok: false; error: ApiErrorBody };

/** Thrown inside main; turned into `{ ok: false, error }` at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
