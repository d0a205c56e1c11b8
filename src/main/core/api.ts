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
import type { Clock } from './clock';
import { listCredentials } from './credentials/credential-repo';
import type { Db } from './db/open';
import { generateLabels, labelFile } from './labels/label-service';
import { getOrderDetail } from './orders/order-detail';
import { listCupsQueues } from './printing/cups-printer';
import type { PrintQueue } from './printing/print-queue';
import {
  printBoughtLabel,
  printLabel,
  printSettings,
  printTestPage,
  savePrintSettings,
} from './printing/print-service';
import { addPrinter, removePrinter, updatePrinter } from './printing/printer-repo';
import { listPrinters } from './printing/printer-status';
import type { PrinterDriverKind } from '../../shared/printing';
import type { PrinterDriver } from './printing/printer-driver';
import { listSystemPrinters, type SystemPrinting } from './printing/system-printer';
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
  printQueue: PrintQueue;
  printerDrivers: Readonly<Record<PrinterDriverKind, PrinterDriver>>;
  /** The OS printers, in the desktop app only. */
  systemPrinting: SystemPrinting | null;
}

const LANGUAGE_SETTING = 'language';

function storedLanguage(db: Db): Language | null {
  const value = getSetting(db, LANGUAGE_SETTING);
  return LANGUAGES.find((l) => l === value) ?? null;
}

export function createApi(deps: ApiDeps): Handlers {
  const { db, clock } = deps;
  const pullDeps: PullDeps = { db, box: deps.box, clock, adapters: deps.channels };
  const printDeps = { db, clock, dataDir: deps.dataDir, queue: deps.printQueue };
  const labelDeps = {
    db,
    clock,
    dataDir: deps.dataDir,
    carriers: deps.carriers,
    onLabelBought: (orderId: number) => printBoughtLabel(printDeps, orderId),
  };
  const printerView = async (id: number) => (await listPrinters(db, deps.printerDrivers)).find((p) => p.id === id)!;

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
    'printers.list': async () => listPrinters(db, deps.printerDrivers),
    'printers.discover': async () => [...(await listCupsQueues()), ...(await listSystemPrinters(deps.systemPrinting))],
    'printers.add': async (input) => printerView(addPrinter(db, clock, input)),
    'printers.update': async ({ id, ...input }) => {
      updatePrinter(db, id, input);
      return printerView(id);
    },
    'printers.remove': async ({ id }) => {
      removePrinter(db, id);
      return null;
    },
    'printers.test': async ({ id }) => printTestPage(printDeps, id),
    'print.label': async ({ orderId, printerId }) => printLabel(printDeps, orderId, printerId),
    'print.jobs': async (filter) => deps.printQueue.list(filter),
    'print.retry': async ({ jobId }) => deps.printQueue.retry(jobId),
    'print.cancel': async ({ jobId }) => deps.printQueue.cancel(jobId),
    'print.settings': async () => printSettings(db),
    'print.saveSettings': async (settings) => savePrintSettings(db, settings),
  };
}
