/**
 * Pulls one channel: page by page through its adapter, each order written in its own
 * transaction. The seed 000 answer counts what came (`pulled`), what was new (`new_orders`) and
 * what could not be imported cleanly (`failed`: unreadable, or missing data it needs to ship).
 */
import type { PullResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import { connectionOf, getCredential, markPulled } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import { importInvalidOrder, importOrder } from '../orders/order-import';
import type { SecretBox } from '../secrets/secret-box';
import type { ChannelAdapter } from './channel-adapter';

export interface PullDeps {
  db: Db;
  box: SecretBox;
  clock: Clock;
  adapters: Readonly<Record<string, ChannelAdapter>>;
}

export async function pullChannel(deps: PullDeps, credentialId: number): Promise<PullResult> {
  const { db, box, clock } = deps;
  const cred = getCredential(db, credentialId);
  if (cred.type !== 'order_channel') {
    throw new AppError('bad_request', `${cred.displayName} is a carrier account; only shops have orders to pull.`);
  }
  if (!cred.isActive) throw new AppError('conflict', `${cred.displayName} is switched off; switch it on to pull.`);
  const adapter = deps.adapters[cred.providerCode];
  if (!adapter) throw new AppError('bad_request', `PackDesk cannot pull from ${cred.providerCode} shops yet.`);

  const conn = connectionOf(db, box, credentialId);
  const src = { credentialId, channel: cred.providerCode, sellerId: cred.externalId };
  const startedAt = iso(clock());
  const result: PullResult = { pulled: 0, new_orders: 0, failed: 0 };
  let cursor: string | null = null;
  do {
    const page = await adapter.pullPage(conn, { modifiedAfter: cred.lastPulledAt, cursor });
    const at = iso(clock());
    for (const order of page.orders) {
      result.pulled++;
      if (importOrder(db, src, order, at) === 'new') result.new_orders++;
      if (order.problems.length > 0) result.failed++;
    }
    for (const invalid of page.invalid) {
      result.pulled++;
      result.failed++;
      importInvalidOrder(db, src, invalid, at);
    }
    cursor = page.next;
  } while (cursor !== null);
  // Only a complete pull moves the incremental cursor, so an interrupted one is simply repeated.
  markPulled(db, credentialId, startedAt);
  return result;
}

export async function pullAll(deps: PullDeps, credentialIds: readonly number[]): Promise<PullResult> {
  const total: PullResult = { pulled: 0, new_orders: 0, failed: 0 };
  const refusals: string[] = [];
  for (const id of credentialIds) {
    try {
      const r = await pullChannel(deps, id);
      total.pulled += r.pulled;
      total.new_orders += r.new_orders;
      total.failed += r.failed;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push(error.message);
    }
  }
  if (refusals.length > 0) {
    throw new AppError('channel_error', refusals.join(' '), { partial: total });
  }
  return total;
}
