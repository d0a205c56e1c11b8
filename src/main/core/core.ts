/**
 * Starts PackDesk's core without Electron: the database, the adapters, the training shop if one
 * was connected, and the handlers. The desktop app, `serve`, tests and benchmarks all start here.
 */
import { join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { createApi } from './api';
import { createLocalCarrier } from './carriers/local';
import { CHANNEL_ADAPTERS } from './channels/registry';
import { systemClock, type Clock } from './clock';
import { DATABASE_FILE } from './data-dir';
import { closeDatabase, openDatabase, type Db } from './db/open';
import { recoverLocalLabels } from './labels/label-recovery';
import { hasTrainingShop, startTrainingShop, type TrainingShop } from './sandbox/training-shop';
import type { SecretBox } from './secrets/secret-box';
import { createCupsPrinterDriver } from './printing/cups-printer';
import { createPrintQueue } from './printing/print-queue';
import { createSystemPrinterDriver, type SystemPrinting } from './printing/system-printer';
import { createTcpPrinterDriver } from './printing/tcp-printer';
import { nextCounter } from './settings';

export interface CoreOptions {
  dataDir: string;
  secretBox: SecretBox;
  version: string;
  nativeBinding?: string;
  clock?: Clock;
  /** The OS printers; only the desktop app has them. */
  systemPrinting?: SystemPrinting;
}

export interface Core {
  api: Handlers;
  db: Db;
  dataDir: string;
  close(): Promise<void>;
}

export async function startCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const db = openDatabase(
    join(opts.dataDir, DATABASE_FILE),
    opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {},
  );
  recoverLocalLabels(db, clock);

  let shop: TrainingShop | null = null;
  let starting: Promise<TrainingShop> | null = null;
  const trainingShop = async (): Promise<number> => {
    starting ??= startTrainingShop(db, opts.secretBox, clock).then((s) => (shop = s));
    return (await starting).credentialId;
  };
  if (hasTrainingShop(db)) await trainingShop();

  const systemPrinting = opts.systemPrinting ?? null;
  const printerDrivers = {
    tcp: createTcpPrinterDriver(),
    cups: createCupsPrinterDriver(),
    system: createSystemPrinterDriver(systemPrinting),
  };
  // Jobs left waiting by the last run start printing again now.
  const printQueue = createPrintQueue({ db, clock, drivers: printerDrivers });

  const api = createApi({
    db,
    box: opts.secretBox,
    clock,
    dataDir: opts.dataDir,
    version: opts.version,
    channels: CHANNEL_ADAPTERS,
    carriers: { local: createLocalCarrier({ nextSerial: () => nextCounter(db, 'local_tracking_serial') }) },
    trainingShop,
    trainingShopRunning: () => shop !== null,
    printQueue,
    printerDrivers,
    systemPrinting,
  });

  return {
    api,
    db,
    dataDir: opts.dataDir,
    async close() {
      await printQueue.stop();
      await shop?.close();
      closeDatabase(db);
    },
  };
}
