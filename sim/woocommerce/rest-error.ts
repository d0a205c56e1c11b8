/**
 * Error answers in the WordPress REST shape, `{"code","message","data":{"status",...}}`, with the
 * codes and messages WordPress and WooCommerce really use, so clients can be tested against them.
 */
export interface WooRestError {
  status: number;
  code: string;
  message: string;
  /** Extra keys WordPress puts into `data` beside `status` (e.g. `params`, `details`). */
  data?: Record<string, unknown>;
}

export function restErrorBody(error: WooRestError): { code: string; message: string; data: Record<string, unknown> } {
  return { code: error.code, message: error.message, data: { status: error.status, ...error.data } };
}

export interface ParamProblem {
  code: string;
  message: string;
}

/** WordPress's answer when arguments fail their schema: one message per parameter. */
export function invalidParams(problems: Record<string, ParamProblem>): WooRestError {
  const names = Object.keys(problems);
  return {
    status: 400,
    code: 'rest_invalid_param',
    message: `Invalid parameter(s): ${names.join(', ')}`,
    data: {
      params: Object.fromEntries(names.map((n) => [n, problems[n]?.message])),
      details: Object.fromEntries(names.map((n) => [n, { ...problems[n], data: null }])),
    },
  };
}

/** WordPress lists enum values as "a, b, and c" (wp_sprintf_l). */
export function notOneOf(param: string, allowed: readonly string[]): ParamProblem {
  const list =
    allowed.length <= 2 ? allowed.join(' and ') : `${allowed.slice(0, -1).join(', ')}, and ${allowed.at(-1)}`;
  return { code: 'rest_not_in_enum', message: `${param} is not one of ${list}.` };
}

export const NO_ROUTE: WooRestError = {
  status: 404,
  code: 'rest_no_route',
  message: 'No route was found matching the URL and request method.',
};
