import type { ErrorCode } from '../../shared/errors';

/** The HTTP status of each error code, shared by the RPC transport and the REST API. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  channel_error: 502,
  carrier_error: 502,
  database_too_new: 500,
  internal: 500,
};
