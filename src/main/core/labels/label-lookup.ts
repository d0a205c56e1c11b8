/**
 * Settles a purchase whose answer never arrived (a timeout, a crash between intent and result) by
 * asking the carrier what it made under the label's idempotency key. It never buys: found is
 * bought, "none" is failed for a retry, and "cannot tell" keeps the label pending (so nothing can
 * be bought for the order until the carrier answers) while the order shows the reason as a failure.
 */
import { AppError } from '../../../shared/errors';
import { iso } from '../clock';
import { failOrder, markBought, markFailed, type LabelDeps, type PendingLabel } from './label-store';

export type Resolution = { kind: 'bought' } | { kind: 'failed'; error: string } | { kind: 'unresolved'; error: string };

export async function resolvePending(deps: LabelDeps, label: PendingLabel, actor?: string): Promise<Resolution> {
  const carrier = deps.carriers[label.carrier];
  if (!carrier?.lookup) {
    return unresolved(
      deps,
      label,
      `A ${label.carrier} label purchase did not finish and ${label.carrier} is not set up here to check it; set the carrier up again.`,
      actor,
    );
  }
  try {
    const found = await carrier.lookup(label.idempotency_key);
    if (found) {
      const [refused] = await markBought(deps, [{ label, created: found }], actor);
      return refused ? { kind: 'unresolved', error: refused } : { kind: 'bought' };
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return unresolved(deps, label, error.message, actor);
  }
  const error = `${label.carrier.toUpperCase()} made no label for the purchase that did not finish; retry to buy it.`;
  markFailed(deps, label, error, 'interrupted', actor);
  return { kind: 'failed', error };
}

/** Said once, when the order first stops on it: later checks at start or on retry add no repeats. */
function unresolved(deps: LabelDeps, label: PendingLabel, error: string, actor?: string): Resolution {
  const sqlite = deps.db.$client;
  const order = sqlite.prepare('SELECT status FROM orders WHERE id = ?').get(label.order_id) as
    { status: string } | undefined;
  if (order?.status === 'waiting_labels') {
    sqlite.transaction(() => failOrder(deps.db, label.order_id, 'unconfirmed', error, iso(deps.clock()), actor))();
  }
  return { kind: 'unresolved', error };
}
