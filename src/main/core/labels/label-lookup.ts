/**
 * Settles a purchase whose answer never arrived (a timeout, a crash between intent and result) by
 * asking the carrier what it made under the label's idempotency key. It never buys: found is
 * bought, "none" is failed for a retry, and "cannot tell" stays pending to be asked again.
 */
import { AppError } from '../../../shared/errors';
import { markBought, markFailed, type LabelDeps, type PendingLabel } from './label-store';

export type Resolution = { kind: 'bought' } | { kind: 'failed'; error: string } | { kind: 'unresolved'; error: string };

export async function resolvePending(deps: LabelDeps, label: PendingLabel, actor?: string): Promise<Resolution> {
  const carrier = deps.carriers[label.carrier];
  if (!carrier?.lookup) {
    return {
      kind: 'unresolved',
      error: `A ${label.carrier} label purchase did not finish and ${label.carrier} is not set up here to check it; set the carrier up again.`,
    };
  }
  try {
    const found = await carrier.lookup(label.idempotency_key);
    if (found) {
      markBought(deps, label, found, actor);
      return { kind: 'bought' };
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { kind: 'unresolved', error: error.message };
  }
  const error = `${label.carrier.toUpperCase()} made no label for the purchase that did not finish; retry to buy it.`;
  markFailed(deps, label, error, 'interrupted', actor);
  return { kind: 'failed', error };
}
