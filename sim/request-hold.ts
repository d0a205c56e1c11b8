/**
 * A point in a simulator's handling where requests wait while a test holds it, so a request stays
 * at the carrier for exactly as long as the test needs, with no timing. `arrived` tells the test
 * the first request is waiting there.
 */
export interface RequestHold {
  /** Where a request waits: at once when nothing is held. */
  pass(): Promise<void>;
  /** Holds every request that comes to pass() until release(). */
  hold(): { arrived: Promise<void>; release(): void };
}

export function createRequestHold(): RequestHold {
  let held: { gate: Promise<void>; arrive: () => void } | null = null;
  return {
    async pass() {
      if (!held) return;
      held.arrive();
      await held.gate;
    },
    hold() {
      let release: () => void = () => {};
      let arrive: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const mine = { gate, arrive };
      held = mine;
      return {
        arrived,
        release: () => {
          if (held === mine) held = null;
          release();
        },
      };
    },
  };
}
