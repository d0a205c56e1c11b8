/**
 * Starts PackDesk's core without Electron: the database, the adapters, the training shop if one
 * was connected, and the handlers. The desktop app, `serve`, tests and benchmarks all start here.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Handlers } from '../../shared/contract';
import { createApi } from './api';
import type { AutomationControl } from './automation/automation-settings';
import { createCarrierGates } from './carriers/carrier-gate';
import { createLocalCarrier } from './carriers/local';
import { carrierRegistry } from './carriers/registry';
import { startAutoPull } from './channels/auto-pull';
import type { ChannelAdapter } from './channels/channel-adapter';
import type { HttpRetryOptions } from './channels/provider-http';
import { CHANNEL_ADAPTERS } from './channels/registry';
import { createIrCloudAdapter } from './channels/ircloud';
import { createShopifyAdapter } from './channels/shopify';
import { createTgShopAdapter } from './channels/tgshop';
import { createWooCommerceAdapter } from './channels/woocommerce';
import { systemClock, type Clock } from './clock';
import { DATABASE_FILE } from './data-dir';
import { closeDatabase, openDatabase, type Db } from './db/open';
import { setFontDirectory } from './labels/fonts';
import type { LabelDrawer } from './labels/label-drawing';
import { recoverCarrierLabels, recoverLocalLabels } from './labels/label-recovery';
import { hasTrainingShop, startTrainingShop, type TrainingShop } from './sandbox/training-shop';
import type { SecretBox } from './secrets/secret-box';
import { deliveryStatusKind, PURCHASING_DELIVERY_STATUS } from './inbound/delivery-status';
import { createPurchasingClient } from './inbound/purchasing-http';
import { IRCLOUD_AUDIT, ircloudAuditKind } from './outbox/ircloud-audit';
import { CHANNEL_EXCEPTION, channelExceptionKind } from './outbox/channel-exception';
import { LABEL_VOID, labelVoidKind } from './outbox/label-void';
import { createOutboxRunner } from './outbox/outbox-runner';
import { TRACKING_SYNC, trackingSyncKind } from './outbox/tracking-sync';
import { createCupsPrinterDriver } from './printing/cups-printer';
import { createPrintQueue } from './printing/print-queue';
import { createSystemPrinterDriver, type SystemPrinting } from './printing/system-printer';
import { createTcpPrinterDriver } from './printing/tcp-printer';
import { nextCounter } from './settings';
import { inThreadRunner } from './threads/in-thread';
import type { PoolWorkerData } from './threads/pool-protocol';
import { createThreadPool } from './threads/thread-pool';

/**
 * The outbox waits between tries itself (and holds a shop's other jobs while it is down), so its
 * calls try once instead of sleeping through the adapter's own retries.
 */
const OUTBOX_CHANNELS = {
  ...CHANNEL_ADAPTERS,
  woocommerce: createWooCommerceAdapter({ maxAttempts: 1 }),
  shopify: createShopifyAdapter({ maxAttempts: 1 }),
  ircloud: createIrCloudAdapter({ maxAttempts: 1 }),
  tgshop: createTgShopAdapter({ maxAttempts: 1 }),
};

export interface CoreOptions {
  dataDir: string;
  secretBox: SecretBox;
  version: string;
  nativeBinding?: string;
  clock?: Clock;
  /** Lets tests take the training shop down and up from outside (see sim/woocommerce/server.ts). */
  trainingShopControlToken?: string;
  /** The OS printers; only the desktop app has them. */
  systemPrinting?: SystemPrinting;
  /** Order sources for pulls; tests pass adapters with short waits. Every provider's by default. */
  channels?: Readonly<Record<string, ChannelAdapter>>;
  /** The Automation API's server switch, from the shell that can serve HTTP. */
  automation?: AutomationControl;
  /**
   * Starts a thread of the thread pools (core/threads/pool-worker.ts, as built next to `serve`):
   * one per core for reads, one for drawing labels. Without it their tasks run on this thread.
   */
  poolWorker?: (data: PoolWorkerData) => Worker;
  /** Where the packaged app keeps the label fonts; node_modules otherwise. */
  fontDirectory?: string;
  /** Tries and waits of the carriers' HTTP calls; tests pass short ones. The carriers' defaults otherwise. */
  carrierHttp?: { dhl?: HttpRetryOptions; sendcloud?: HttpRetryOptions };
}

export interface Core {
  api: Handlers;
  db: Db;
  dataDir: string;
  /** Settles when label purchases a crash left unfinished have been checked with their carriers. */
  labelsRecovered: Promise<void>;
  close(): Promise<void>;
}

export async function startCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const channels = opts.channels ?? CHANNEL_ADAPTERS;
  const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
  const file = join(opts.dataDir, DATABASE_FILE);
  const db = openDatabase(file, binding);
  if (opts.fontDirectory) setFontDirectory(opts.fontDirectory);
  const poolData: PoolWorkerData = {
    file,
    ...binding,
    ...(opts.fontDirectory ? { fontDirectory: opts.fontDirectory } : {}),
  };
  const pool = (size?: number) =>
    opts.poolWorker
      ? createThreadPool({ data: poolData, spawn: opts.poolWorker, ...(size ? { size } : {}) })
      : inThreadRunner(db);
  const reads = pool();
  const drawing = pool(1);
  const draw: LabelDrawer = (documents, language) => drawing.run('labels.draw', { documents, language });
  recoverLocalLabels(db, clock);
  const carriers = carrierRegistry(
    db,
    opts.secretBox,
    createLocalCarrier({ nextSerial: () => nextCounter(db, 'local_tracking_serial'), draw }),
    opts.carrierHttp?.dhl,
    opts.carrierHttp?.sendcloud,
  );
  const outbox = createOutboxRunner({
    db,
    clock,
    kinds: {
      [TRACKING_SYNC]: trackingSyncKind({ db, box: opts.secretBox, channels: OUTBOX_CHANNELS }),
      [LABEL_VOID]: labelVoidKind({ db, carriers }),
      [PURCHASING_DELIVERY_STATUS]: deliveryStatusKind({
        db,
        box: opts.secretBox,
        clock,
        client: createPurchasingClient({ maxAttempts: 1 }),
      }),
      [IRCLOUD_AUDIT]: ircloudAuditKind({ db, box: opts.secretBox, channels: OUTBOX_CHANNELS }),
      [CHANNEL_EXCEPTION]: channelExceptionKind({ db, box: opts.secretBox, channels: OUTBOX_CHANNELS }),
    },
  });
  let shop: TrainingShop | null = null;
  let starting: Promise<TrainingShop> | null = null;
  const trainingShop = async (): Promise<number> => {
    starting ??= startTrainingShop(db, opts.secretBox, clock, opts.trainingShopControlToken).then((s) => (shop = s));
    return (await starting).credentialId;
  };
  if (hasTrainingShop(db)) await trainingShop();
  // After the training shop has its new port, so its waiting jobs go to the right address.
  outbox.start();

  const systemPrinting = opts.systemPrinting ?? null;
  const printerDrivers = {
    tcp: createTcpPrinterDriver(),
    cups: createCupsPrinterDriver(),
    system: createSystemPrinterDriver(systemPrinting),
  };
  // Jobs left waiting by the last run start printing again now.
  const printQueue = createPrintQueue({ db, clock, drivers: printerDrivers });

  const {
    handlers: api,
    labelRuns,
    labelDeps,
  } = createApi({
    db,
    reads,
    draw,
    box: opts.secretBox,
    clock,
    dataDir: opts.dataDir,
    version: opts.version,
    channels,
    carriers,
    trainingShop,
    trainingShopRunning: () => shop !== null,
    outbox,
    printQueue,
    printerDrivers,
    systemPrinting,
    carrierGates: createCarrierGates(),
    // One per process, like the gates: label runs, and the recovery below, leave each other's orders alone.
    labelsInFlight: new Set<number>(),
    ...(opts.automation ? { automation: opts.automation } : {}),
  });

  // In the background: a carrier that is slow or unreachable must not hold the app's start. With the
  // runs' own deps, so a label found bought here is printed when bought like any other.
  const labelsRecovered = recoverCarrierLabels(labelDeps).then(
    // Its labels may have queued their tracking syncs.
    () => outbox.wake(),
    (error: unknown) => console.error('[packdesk] checking unfinished label purchases failed:', error),
  );

  const autoPull = startAutoPull({ db, box: opts.secretBox, clock, adapters: channels });

  return {
    api,
    db,
    dataDir: opts.dataDir,
    labelsRecovered,
    async close() {
      await autoPull.stop();
      // A request already with a carrier is written before the database closes.
      await labelRuns.stop();
      await outbox.stop();
      await labelsRecovered;
      await printQueue.stop();
      await shop?.close();
      await reads.close();
      await drawing.close();
      closeDatabase(db);
    },
  };
}
