/**
 * At start, finishes what a crash interrupted between a label's intent and its result. A `local`
 * label costs nothing and is made on this machine, so an unfinished one is simply marked failed
 * for a retry. (Paid carriers are looked up by idempotency key instead: carriers issue.)
 */
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import { recordError } from '../orders/order-errors';
import { transition } from '../orders/state-machine';

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
