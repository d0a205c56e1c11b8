/**
 * Exponential backoff with jitter: the nth wait doubles from `baseMs` up to `maxMs`, then a random
 * part of its upper half is dropped so that many jobs failed at the same moment do not all come
 * back at the same moment.
 */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export function backoffMs(policy: Backoff, attempt: number, random: () => number): number {
  const full = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(full / 2 + (full / 2) * random());
}
