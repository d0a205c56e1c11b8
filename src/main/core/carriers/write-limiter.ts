/**
 * Keeps a carrier's writes under its rate limits on our side, so a bulk run (or several at once)
 * slows down instead of collecting 429s until an order fails. One limiter per carrier per
 * process (registry.ts), shared by every adapter made from it: every label run's writes add up.
 *
 * A log of the writes, not a token bucket: a bucket holding 15 and refilled at 100 a minute lets
 * 115 writes through in a minute, over Sendcloud's limit. And a write counts from when it is
 * asked for until a window's length after its answer came back, not from when it left: the
 * carrier received it somewhere in between, so however the network or a busy moment of ours
 * bunched the writes up on their way, no window of the carrier's can hold more than the limit.
 * Waiters go in the order they came.
 */
export interface RateLimit {
  /** At most this many writes... */
  count: number;
  /** ...in any window of this many milliseconds. */
  ms: number;
}

export interface WriteLimiter {
  /** Resolves when one more write may be sent now, with the function to call once its answer (or failure) is in. */
  take(): Promise<() => void>;
}

interface Write {
  answeredAt: number | null;
}

export function createWriteLimiter(
  limits: readonly RateLimit[],
  now: () => number = () => performance.now(),
): WriteLimiter {
  const longest = Math.max(0, ...limits.map((l) => l.ms));
  let writes: Write[] = [];
  let tail: Promise<unknown> = Promise.resolve();
  /** Wakes the waiting write when an answer frees a place sooner than its timer. */
  let wake: (() => void) | null = null;

  const holds = (w: Write, ms: number, at: number) => w.answeredAt === null || w.answeredAt + ms > at;

  /** 0 when a write may go now; else how long until one may, or null until an answer is in. */
  function waitMs(at: number): number | null {
    writes = writes.filter((w) => holds(w, longest, at));
    let wait = 0;
    for (const limit of limits) {
      const holding = writes.filter((w) => holds(w, limit.ms, at));
      if (holding.length < limit.count) continue;
      const frees = holding
        .flatMap((w) => (w.answeredAt === null ? [] : [w.answeredAt + limit.ms]))
        .sort((a, b) => a - b);
      const free = frees[holding.length - limit.count];
      if (free === undefined) return null;
      wait = Math.max(wait, free - at);
    }
    return wait;
  }

  return {
    take() {
      const turn = tail.then(async () => {
        for (let wait = waitMs(now()); wait !== 0; wait = waitMs(now())) {
          await new Promise<void>((resolve) => {
            const timer = wait === null ? undefined : setTimeout(resolve, Math.ceil(wait));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
        const write: Write = { answeredAt: null };
        writes.push(write);
        return () => {
          if (write.answeredAt !== null) return;
          write.answeredAt = now();
          wake?.();
        };
      });
      tail = turn;
      return turn;
    },
  };
}
