/**
 * Automatic pulls: every shop whose credential asks for it (settings.autoPullMinutes; off by
 * default) is pulled once that many minutes have passed since its last pull, finished or not.
 * A failed automatic pull is recorded on the credential (its last pull) like any other, and
 * retried at the next interval, never in a tight loop.
 */
import { listCredentials } from '../credentials/credential-repo';
import { pullChannel, type PullDeps } from './pull';

export interface AutoPull {
  /** Pulls every shop that is due now; the timer calls it, tests call it directly. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a pull under way, so the database can be closed after it. */
  stop(): Promise<void>;
}

/** How often the scheduler looks; intervals are whole minutes, so this is precise enough. */
const TICK_MS = 30_000;

export function startAutoPull(deps: PullDeps, tickMs: number = TICK_MS): AutoPull {
  let running: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    // One tick at a time: a slow shop must not pile up ticks behind it.
    running ??= pullDue(deps).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = tickMs > 0 ? setInterval(() => void tick(), tickMs) : null;
  // The timer alone must not keep `serve` or a test process alive.
  timer?.unref();
  return {
    tick,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

async function pullDue(deps: PullDeps): Promise<void> {
  const now = deps.clock().getTime();
  for (const cred of listCredentials(deps.db)) {
    const minutes = cred.settings.autoPullMinutes ?? 0;
    if (cred.type !== 'order_channel' || !cred.isActive || minutes <= 0) continue;
    const last = cred.lastPull?.at ?? cred.lastPulledAt;
    if (last !== null && now - Date.parse(last) < minutes * 60_000) continue;
    try {
      await pullChannel(deps, cred.id);
    } catch {
      // Already recorded as the credential's last pull, in words, for the Channels screen.
    }
  }
}
