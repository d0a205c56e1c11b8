/**
 * Pulls a purchasing account's purchase orders into the Inbound tables, page by page, each page
 * in one transaction with its resume cursor (the server's `next`). The server has no "changed
 * since" filter, but it orders by any field: a pull asks for `-updated_at` and, once it has pulled
 * before, stops at the first page that reaches back past its last pull (less a margin for clocks
 * that disagree). Soft-deleted records are pulled too, so a deletion on the server is seen here.
 */
import type { PullResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import { connectionOf, getCredential, pullProgressOf, savePullProgress } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { upsertPurchaseOrder } from './purchase-order-store';
import type { PurchasingClient } from './purchasing-http';
import { readPurchaseRecord } from './purchasing-record';
import { noneLeftOut, noteLeftOut, recordPull } from '../channels/pull-outcome';

export const PURCHASING = 'purchasing';
const PAGE_SIZE = '100';
/** How far before the last pull an incremental pull still looks: the server's clock is not ours. */
const CLOCK_MARGIN_MS = 10 * 60_000;

export interface InboundPullDeps {
  db: Db;
  box: SecretBox;
  clock: Clock;
  client: PurchasingClient;
}

export async function pullInbound(deps: InboundPullDeps, credentialId: number): Promise<PullResult> {
  const { db, clock } = deps;
  const cred = getCredential(db, credentialId);
  if (cred.providerCode !== PURCHASING) {
    throw new AppError(
      'bad_request',
      `${cred.displayName} is not a purchasing account; its orders are in the Orders queue.`,
    );
  }
  if (!cred.isActive) throw new AppError('conflict', `${cred.displayName} is switched off; switch it on to pull.`);
  const conn = connectionOf(db, deps.box, credentialId);
  const progress = pullProgressOf(db, credentialId);
  const since = progress ? progress.since : cred.lastPulledAt;
  const startedAt = progress?.startedAt ?? iso(clock());
  const stopBefore = since === null ? null : new Date(Date.parse(since) - CLOCK_MARGIN_MS).toISOString();
  let from: { query: { ordering: string; page_size: string } } | { next: string } = progress
    ? { next: progress.cursor }
    : { query: { ordering: '-updated_at', page_size: PAGE_SIZE } };
  const result: PullResult = { pulled: 0, new_orders: 0, failed: 0 };
  const leftOut = noneLeftOut();
  return recordPull(deps, credentialId, startedAt, { result, leftOut }, async () => {
    for (;;) {
      const page = await deps.client.listPage(conn, from);
      const at = iso(clock());
      let reachedOld = false;
      db.$client.transaction(() => {
        for (const raw of page.results) {
          result.pulled++;
          const read = readPurchaseRecord(raw);
          if ('invalid' in read) {
            result.failed++;
            noteLeftOut(leftOut, read.invalid.reason);
            continue;
          }
          if (upsertPurchaseOrder(db, credentialId, read.record, at) === 'new') result.new_orders++;
          if (read.record.problems.length > 0) result.failed++;
          if (stopBefore !== null && read.record.updatedAt !== null && read.record.updatedAt < stopBefore)
            reachedOld = true;
        }
        const more = page.next !== null && !reachedOld;
        savePullProgress(db, credentialId, more ? { since, startedAt, cursor: page.next! } : null);
      })();
      if (page.next === null || reachedOld) break;
      from = { next: page.next };
    }
  });
}
