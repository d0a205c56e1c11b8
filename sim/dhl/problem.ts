/** DHL's error bodies: RFC 7807 problem+json with DHL's own fields. */
import type { DhlStatus } from './types';

export const PROBLEM_JSON = 'application/problem+json';

export function statusOf(code: number, detail?: string): DhlStatus {
  const title = TITLES[code] ?? 'Error';
  return detail === undefined ? { title, statusCode: code } : { title, statusCode: code, detail };
}

const TITLES: Record<number, string> = {
  200: 'OK',
  207: 'Multi-status',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** What the API gateway answers when the API key or the user's password is wrong (before DHL's service sees anything). */
export function unauthorized(detail: string): { status: number; title: string; detail: string } {
  return { status: 401, title: 'Unauthorized', detail };
}
