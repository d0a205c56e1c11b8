/**
 * Shopify's GraphQL rate limit: each query's cost is taken from a bucket that refills at
 * `restoreRate` points a second up to `maximumAvailable`. A query that costs more than what is in
 * the bucket is refused (THROTTLED) and costs nothing.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface LeakyBucket {
  /** Takes `cost` if it is there; answers the bucket as it is afterwards. */
  take(cost: number, nowMs: number): { ok: boolean; status: ThrottleStatus };
}

export function leakyBucket(maximumAvailable: number, restoreRate: number): LeakyBucket {
  let available = maximumAvailable;
  let at = 0;
  return {
    take(cost, nowMs) {
      if (at > 0) available = Math.min(maximumAvailable, available + ((nowMs - at) / 1000) * restoreRate);
      at = nowMs;
      const ok = cost <= available;
      // A negative cost is Shopify's refund of what an answer did not use.
      if (ok) available = Math.min(maximumAvailable, available - cost);
      return { ok, status: { maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate } };
    },
  };
}
