/**
 * Pulls one channel: page by page through its adapter, a few whole pages written in one transaction. The seed 000 answer counts what came (`pulled`), what was new (`new_orders`) and
 * what could not be imported cleanly (`failed`: unreadable, or missing data it needs to ship).
 */
import type { PullResult } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import { connectionOf, getCredential, pullProgressOf, savePullProgress } from '../credentials/credential-repo';
import type { Db } from '../db/open';
import { PURCHASING, pullInbound } from '../inbound/inbound-pull';
import { purchasingClient, type PurchasingClient } from '../inbound/purchasing-http';
import { importInvalidOrder, importOrder } from '../orders/order-import';
import type { SecretBox } from '../secrets/secret-box';
import type { ChannelAdapter, PullPage } from './channel-adapter';
import { noneLeftOut, noteLeftOut, recordPull } from './pull-outcome';

export interface PullDeps {
  db: Db;
  box: SecretBox;
  clock: Clock;
  adapters: Readonly<Record<string, ChannelAdapter>>;
  /** Purchasing accounts fill the Inbound queue instead of the orders; tests pass short waits. */
  purchasing?: PurchasingClient;
}

/** Orders written per transaction (whole pages): each commit costs an fsync. */
const WRITE_BATCH = 500;

/** Pulls under way, per database and credential: a second request for the same shop joins the first. */
const running = new WeakMap<Db, Map<number, Promise<PullResult>>>();

/**
 * Pulls one shop. "Pull now" while an automatic pull of the same shop runs waits for that pull
 * instead of starting a second one that would fight over its resume cursor.
 */
export function pullChannel(deps: PullDeps, credentialId: number): Promise<PullResult> {
  let pulls = running.get(deps.db);
  if (!pulls) running.set(deps.db, (pulls = new Map()));
  const under = pulls.get(credentialId);
  if (under) return under;
  const pull = pullEither(deps, credentialId).finally(() => pulls.delete(credentialId));
  pulls.set(credentialId, pull);
  return pull;
}

async function pullEither(deps: PullDeps, credentialId: number): Promise<PullResult> {
  if (getCredential(deps.db, credentialId).providerCode === PURCHASING) {
    return pullInbound({ ...deps, client: deps.purchasing ?? purchasingClient }, credentialId);
  }
  return pullOnce(deps, credentialId);
}

async function pullOnce(deps: PullDeps, credentialId: number): Promise<PullResult> {
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
  // An unfinished pull (network cut, app killed) goes on from its last finished page.
  const progress = pullProgressOf(db, credentialId);
  const since = progress ? progress.since : cred.lastPulledAt;
  const startedAt = progress?.startedAt ?? iso(clock());
  let cursor: string | null = progress?.cursor ?? null;
  const result: PullResult = { pulled: 0, new_orders: 0, failed: 0 };
  const leftOut = noneLeftOut();
  const fetchPage = (at: string | null) => adapter.pullPage(conn, { modifiedAfter: since, cursor: at });
  const write = (pages: readonly PullPage[], next: string | null): void => {
    const at = iso(clock());
    // One transaction for a few pages, their resume cursor included: a pull killed mid-write
    // leaves them wholly imported or not at all (never an order without its items), and a commit
    // per WRITE_BATCH orders instead of per order or page is what makes a pull of thousands fast
    // with synchronous=FULL.
    db.$client.transaction(() => {
      for (const page of pages) {
        for (const order of page.orders) {
          const outcome = importOrder(db, src, order, at);
          if (outcome === 'skipped') continue;
          result.pulled++;
          if (outcome === 'new') result.new_orders++;
          if (order.problems.length > 0) result.failed++;
        }
        for (const invalid of page.invalid) {
          result.pulled++;
          result.failed++;
          if (!importInvalidOrder(db, src, invalid, at)) noteLeftOut(leftOut, invalid.reason);
        }
      }
      if (next !== null) savePullProgress(db, credentialId, { since, startedAt, cursor: next });
    })();
  };
  return recordPull(deps, credentialId, startedAt, { result, leftOut }, async () => {
    let fetching = fetchPage(cursor);
    let waiting: PullPage[] = [];
    let waitingOrders = 0;
    do {
      let page: PullPage;
      try {
        page = await fetching;
      } catch (error) {
        // The pages already here are whole: keep them, so the next pull resumes after them.
        if (waiting.length > 0) write(waiting, cursor);
        throw error;
      }
      // The next page is asked for before this one is written: the shop prepares it while
      // SQLite works, so a pull takes about the longer of the two instead of their sum. The
      // cursor saved is still that of the pages written, so a pull stopped here resumes there.
      if (page.next !== null) {
        fetching = fetchPage(page.next);
        // Awaited in the next round; if a write throws first, its failure is moot.
        fetching.catch(() => undefined);
      }
      waiting.push(page);
      waitingOrders += page.orders.length + page.invalid.length;
      if (waitingOrders >= WRITE_BATCH || page.next === null) {
        write(waiting, page.next);
        waiting = [];
        waitingOrders = 0;
      }
      cursor = page.next;
    } while (cursor !== null);
  });
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
