/**
 * The one handler object behind every transport (IPC, HTTP RPC). Each handler receives
 * arguments already parsed by the contract's schemas and only wires services together; the work
 * lives in the services so tests and benchmarks can call them directly.
 */
import type { Handlers } from '../../shared/contract';
import { LANGUAGES, type Language } from '../../shared/statuses';
import { createBatch, downloadBatch, listBatches } from './batches/batch-service';
import type { CarrierAdapter } from './carriers/carrier-adapter';
import type { ChannelAdapter } from './channels/channel-adapter';
import { pullAll, pullChannel, type PullDeps } from './channels/pull';
import { iso, type Clock } from './clock';
import { listCredentials } from './credentials/credential-repo';
import { saveCredential } from './credentials/credential-save';
import { findShop, findShops } from './credentials/shop-lookup';
import { dashboardSummary } from './dashboard/summary';
import type { Db } from './db/open';
import { generateLabels, labelFile } from './labels/label-service';
import { failureGroups, listFailedOrders } from './orders/failed-orders';
import { getOrderDetail } from './orders/order-detail';
import { findOrders } from './orders/order-find';
import { holdOrders, releaseOrders } from './orders/order-hold';
import { resolveOrderRef } from './orders/order-ref';
import { countByStatus, listOrders } from './orders/order-queue';
import type { SecretBox } from './secrets/secret-box';
import { getSetting, setSetting } from './settings';

export interface ApiDeps {
  db: Db;
  box: SecretBox;
  clock: Clock;
  dataDir: string;
  version: string;
  channels: Readonly<Record<string, ChannelAdapter>>;
  carriers: Readonly<Record<string, CarrierAdapter>>;
  /** Starts (or finds) the in-process sample shop and answers its credential id. */
  trainingShop: () => Promise<number>;
  trainingShopRunning: () => boolean;
}

const LANGUAGE_SETTING = 'language';

function storedLanguage(db: Db): Language | null {
  const value = getSetting(db, LANGUAGE_SETTING);
  return LANGUAGES.find((l) => l === value) ?? null;
}

export function createApi(deps: ApiDeps): Handlers {
  const { db, clock } = deps;
  const pullDeps: PullDeps = { db, box: deps.box, clock, adapters: deps.channels };
  const labelDeps = { db, clock, dataDir: deps.dataDir, carriers: deps.carriers };

  return {
    'app.info': async () => ({
      version: deps.version,
      firstStart: listCredentials(db).length === 0,
      language: storedLanguage(db),
      sandboxRunning: deps.trainingShopRunning(),
    }),
    'settings.setLanguage': async ({ language }) => {
      setSetting(db, LANGUAGE_SETTING, language);
      return null;
    },
    'sandbox.start': async () => pullChannel(pullDeps, await deps.trainingShop()),
    'credentials.list': async () => listCredentials(db),
    'orders.pull': async ({ credentialId }) => {
      if (credentialId !== undefined) return pullChannel(pullDeps, credentialId);
      const shops = listCredentials(db).filter((c) => c.type === 'order_channel' && c.isActive);
      return pullAll(
        pullDeps,
        shops.map((c) => c.id),
      );
    },
    'orders.list': async ({ status, search, offset, limit }) => listOrders(db, { status, search }, offset, limit),
    'orders.counts': async ({ search }) => countByStatus(db, search),
    'orders.get': async ({ id }) => getOrderDetail(db, id),
    'labels.generate': async ({ orderIds, carrier }) => generateLabels(labelDeps, orderIds, carrier),
    'labels.file': async ({ orderId }) => labelFile(db, orderId),
    'batches.create': async ({ credentialId }) => createBatch(db, clock, credentialId),
    'batches.list': async () => listBatches(db),
    'batches.download': async ({ batchId }) => downloadBatch(db, batchId),
    'orders.find': async ({ offset, limit, ...filter }) => findOrders(db, filter, offset, limit),
    'orders.resolve': async ({ ref }) => resolveOrderRef(db, ref),
    'orders.failed': async ({ offset, limit, ...filter }) => listFailedOrders(db, filter, offset, limit),
    'orders.failureGroups': async (filter) => failureGroups(db, filter),
    'orders.hold': async ({ orderIds, reason }) =>
      holdOrders(db, orderIds, reason, { actor: 'hold', at: iso(clock()) }),
    'orders.release': async ({ orderIds }) => releaseOrders(db, orderIds, { actor: 'hold', at: iso(clock()) }),
    'orders.pullShops': async ({ channel, sellerId }) =>
      pullAll(
        pullDeps,
        findShops(db, channel, sellerId).map((c) => c.id),
      ),
    'credentials.findShop': async ({ channel, sellerId }) => findShop(db, channel, sellerId),
    'credentials.save': async (input) => saveCredential(db, deps.box, input, iso(clock())),
    'dashboard.summary': async () => dashboardSummary(db, clock),
  };
}
