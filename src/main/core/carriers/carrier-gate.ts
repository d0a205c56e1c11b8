/**
 * How many calls this workstation has open at one carrier at a time, across every label run (the
 * bulk bar's, the Automation API's, a retry): each run already calls its carrier one request after
 * another, and the gate keeps several runs together within the carrier's `maxConcurrentRequests`.
 * A carrier without that limit (local) is not gated. Waiters go in the order they came.
 */
export interface CarrierGates {
  run<T>(code: string, limit: number | undefined, work: () => Promise<T>): Promise<T>;
}

export function createCarrierGates(): CarrierGates {
  const open = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  async function enter(code: string, limit: number): Promise<void> {
    if ((open.get(code) ?? 0) < limit) {
      open.set(code, (open.get(code) ?? 0) + 1);
      return;
    }
    // The slot is handed over by leave(), so the count never drops in between.
    await new Promise<void>((resolve) => waiting.set(code, [...(waiting.get(code) ?? []), resolve]));
  }

  function leave(code: string): void {
    const next = waiting.get(code)?.shift();
    if (next) next();
    else open.set(code, (open.get(code) ?? 1) - 1);
  }

  return {
    async run(code, limit, work) {
      if (limit === undefined) return work();
      await enter(code, limit);
      try {
        return await work();
      } finally {
        leave(code);
      }
    },
  };
}
