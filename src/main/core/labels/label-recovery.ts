/**
 * At start, finishes what a crash interrupted between a label's intent and its result. A `local`
 * label costs nothing and is made on this machine, so an unfinished one is simply marked failed
 * for a retry. A paid carrier's is looked up by its idempotency key, never bought again; one the
 * carrier cannot answer for yet stays pending and is asked again on retry or at the next start.
 */
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { recordError } from '../orders/order-errors';
import { transition } from '../orders/state-machine';
import { resolvePending, type Resolution } from './label-lookup';
import { holdOrders, pendingLabelOf, releaseOrders, type LabelDeps, type PendingLabel } from './label-store';

const MESSAGE = 'Making the label was interrupted (the app stopped); retry to make it again.';

export function recoverLocalLabels(db: Db, clock: Clock): number {
  const sqlite = db.$client;
  const pending = sqlite
    .prepare("SELECT id, order_id FROM labels WHERE state = 'pending' AND carrier = 'local'")
    .all() as { id: number; order_id: number }[];
  const at = iso(clock());
  for (const label of pending) {
    sqlite.transaction(() => {
      sqlite
        .prepare("UPDATE labels SET state = 'failed', error = ?, updated_at = ? WHERE id = ?")
        .run(MESSAGE, at, label.id);
      recordError(db, label.order_id, { step: 'label', errorType: 'interrupted', message: MESSAGE }, at);
      transition(db, label.order_id, 'label_failed', { actor: 'recovery', at, reason: MESSAGE });
    })();
  }
  return pending.length;
}

export async function recoverCarrierLabels(deps: LabelDeps): Promise<Resolution[]> {
  const pending = deps.db.$client
    .prepare(
      "SELECT id, order_id, carrier, idempotency_key FROM labels WHERE state = 'pending' AND carrier <> 'local' ORDER BY id",
    )
    .all() as PendingLabel[];
  const resolutions: Resolution[] = [];
  for (const label of pending) {
    // A run started meanwhile may be settling this order itself, or may have settled it already.
    const { held } = holdOrders(deps, [label.order_id]);
    if (held.length === 0) continue;
    try {
      if (pendingLabelOf(deps.db, label.order_id)?.id === label.id) {
        resolutions.push(await resolvePending(deps, label, 'recovery'));
      }
    } finally {
      releaseOrders(deps, held);
    }
  }
  return resolutions;
}
