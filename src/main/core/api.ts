/**
 * The one handler object behind every transport (IPC, HTTP RPC). Each handler receives
 * arguments already parsed by the contract's schemas and only wires services together; the work
 * lives in the services so tests and benchmarks can call them directly.
 */
import type { Handlers } from '../../shared/contract';
import {
  automationView,
  rotateToken,
  setAutomation,
  showAutomationToken,
  type AutomationControl,
} from './automation/automation-settings';
import { AppError } from '../../shared/errors';
import { LANGUAGES, type Language } from '../../shared/statuses';
import { createBatch, downloadBatch, listBatches } from './batches/batch-service';
import { printBatch, printPackingSlip } from './batches/batch-print';
import { closeBatch, markBatchPrinted } from './batches/batch-status';
import type { CarrierAdapter } from './carriers/carrier-adapter';
import { listCarriers } from './carriers/carrier-offers';
import type { CarrierGates } from './carriers/carrier-gate';
import type { ChannelAdapter } from './channels/channel-adapter';
import { pullAll, pullChannel, type PullDeps } from './channels/pull';
import { iso, type Clock } from './clock';
import { getCredential, listCredentials } from './credentials/credential-repo';
import {
  addChannelCredential,
  deactivateCredential,
  testCredential,
  updateChannelCredential,
} from './credentials/credential-service';
import { saveCredential } from './credentials/credential-save';
import {
  addDhlAccount,
  addSendcloudAccount,
  updateDhlAccount,
  updateSendcloudAccount,
} from './credentials/carrier-account';
import { findShop, findShops } from './credentials/shop-lookup';
import { dashboardSummary } from './dashboard/summary';
import type { Db } from './db/open';
import { checkedChoice, setChannelDefault, setOrderChoice } from './labels/label-choice';
import { retryLabels } from './labels/label-retry';
import { createLabelRuns, type LabelRuns } from './labels/label-runs';
import type { LabelDrawer } from './labels/label-drawing';
import { generateLabels, labelFile, type LabelDeps } from './labels/label-service';
import { trackOrderLabel } from './labels/label-tracking';
import { failureGroups, listFailedOrders } from './orders/failed-orders';
import { correctAddress } from './orders/address-correction';
import { getOrderDetail } from './orders/order-detail';
import { countByHand, findPackOrder, scanItem, shipBatch, shipOrder } from './packing/pack-service';
import { listCupsQueues } from './printing/cups-printer';
import type { PrintQueue } from './printing/print-queue';
import {
  printBoughtLabel,
  printLabel,
  printSettings,
  printTestPage,
  savePrintSettings,
  type PrintDeps,
} from './printing/print-service';
import { addPrinter, removePrinter, updatePrinter } from './printing/printer-repo';
import { listPrinters } from './printing/printer-status';
import type { PrinterDriverKind } from '../../shared/printing';
import type { PrinterDriver } from './printing/printer-driver';
import { listSystemPrinters, type SystemPrinting } from './printing/system-printer';
import { setDeliveryStatus } from './inbound/delivery-status';
import { PURCHASING } from './inbound/inbound-pull';
import { getInbound, inboundFilterChoices, listInbound } from './inbound/inbound-queue';
import { holdOrders, releaseOrders } from './orders/order-hold';
import { resolveOrderRef } from './orders/order-ref';
import { countByStatus, listOrders } from './orders/order-queue';
import type { SecretBox } from './secrets/secret-box';
import type { TaskRunner } from './threads/thread-tasks';
import { auditIrCloudOrders } from './outbox/ircloud-audit';
import { cancelJob, jobsById, listOutbox, outboxSummary, retryJob } from './outbox/outbox-review';
import type { OutboxRunner } from './outbox/outbox-runner';
import { setAutoSyncTracking, syncTracking } from './outbox/tracking-sync';
import { getSetting, setSetting } from './settings';

export interface ApiDeps {
  db: Db;
  /** Where the reads of threads/thread-tasks.ts run: worker threads in `serve` and the app, else this thread. */
  reads: TaskRunner;
  /** Where labels are drawn: a thread of its own in `serve` and the app, else this thread. */
  draw: LabelDrawer;
  box: SecretBox;
  clock: Clock;
  dataDir: string;
  version: string;
  channels: Readonly<Record<string, ChannelAdapter>>;
  carriers: Readonly<Partial<Record<string, CarrierAdapter>>>;
  /** Starts (or finds) the in-process sample shop and answers its credential id. */
  trainingShop: () => Promise<number>;
  trainingShopRunning: () => boolean;
  outbox: OutboxRunner;
  printQueue: PrintQueue;
  printerDrivers: Readonly<Record<PrinterDriverKind, PrinterDriver>>;
  /** The OS printers, in the desktop app only. */
  systemPrinting: SystemPrinting | null;
  /** Starts and stops the Automation API's HTTP server; given by the shell (desktop app or serve). */
  automation?: AutomationControl;
  /** One per process, shared by every label run. */
  carrierGates: CarrierGates;
  /** The orders a label run is buying right now (LabelDeps.inFlight); one per process. */
  labelsInFlight: Set<number>;
}

/** The handlers, and the label runs they start (so closing the app can stop them first). */
export interface Api {
  handlers: Handlers;
  labelRuns: LabelRuns;
  /** What every label run buys with; the start-up check of unfinished purchases uses it too. */
  labelDeps: LabelDeps;
}

const LANGUAGE_SETTING = 'language';

function storedLanguage(db: Db): Language | null {
  const value = getSetting(db, LANGUAGE_SETTING);
  return LANGUAGES.find((l) => l === value) ?? null;
}

export function createApi(deps: ApiDeps): Api {
  const { db, clock } = deps;
  const pullDeps: PullDeps = { db, box: deps.box, clock, adapters: deps.channels };
  const printDeps: PrintDeps = {
    db,
    clock,
    dataDir: deps.dataDir,
    queue: deps.printQueue,
    carriers: deps.carriers,
    gates: deps.carrierGates,
    draw: deps.draw,
  };
  const labelDeps: LabelDeps = {
    db,
    clock,
    dataDir: deps.dataDir,
    carriers: deps.carriers,
    onLabelBought: (orderId: number) => printBoughtLabel(printDeps, orderId),
    gates: deps.carrierGates,
    inFlight: deps.labelsInFlight,
  };
  // Labels may have queued their tracking syncs (outbox.setAutoSync).
  const runs = createLabelRuns(labelDeps, () => deps.outbox.wake());
  const automationDeps = { db, box: deps.box, control: deps.automation };
  const printerView = async (id: number) => (await listPrinters(db, deps.printerDrivers)).find((p) => p.id === id)!;

  const handlers: Handlers = {
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
    'credentials.list': async () => listCredentials(db, deps.box),
    'orders.pull': async ({ credentialId }) => {
      if (credentialId !== undefined) return pullChannel(pullDeps, credentialId);
      const shops = listCredentials(db).filter((c) => c.type === 'order_channel' && c.isActive);
      return pullAll(
        pullDeps,
        shops.map((c) => c.id),
      );
    },
    'orders.list': async ({ offset, limit, ...filter }) => listOrders(db, filter, offset, limit),
    'orders.counts': async ({ search, ...source }) => countByStatus(db, search, source),
    'orders.get': async ({ id }) => getOrderDetail(db, id),
    'orders.correctAddress': async ({ id, address }) => {
      correctAddress(db, id, address, { actor: 'user', at: iso(clock()) });
      return getOrderDetail(db, id);
    },
    'labels.generate': async ({ orderIds, carrier, service }) => {
      const result = await generateLabels(labelDeps, orderIds, carrier, service);
      // Labels may have queued their tracking syncs (outbox.setAutoSync).
      deps.outbox.wake();
      return result;
    },
    'labels.start': async ({ orderIds, carrier, service, retry }) =>
      retry ? runs.retry(orderIds, carrier, service) : runs.start(orderIds, carrier, service),
    'labels.runStatus': async ({ runId }) => runs.status(runId),
    'labels.cancelRun': async ({ runId }) => runs.cancel(runId),
    'orders.setLabelChoice': async ({ id, choice }) => {
      setOrderChoice(
        db,
        id,
        choice && checkedChoice(listCarriers(deps.carriers), choice.carrier, choice.service),
        iso(clock()),
      );
      return getOrderDetail(db, id);
    },
    'credentials.setLabelDefault': async ({ id, choice }) => {
      setChannelDefault(
        db,
        id,
        choice && checkedChoice(listCarriers(deps.carriers), choice.carrier, choice.service),
        iso(clock()),
      );
      return getCredential(db, id, deps.box);
    },
    'labels.file': async ({ orderId }) => labelFile(db, orderId),
    'labels.track': async ({ orderId }) => trackOrderLabel(db, deps.carriers, orderId),
    'batches.create': async ({ credentialId }) => createBatch(db, clock, credentialId),
    'batches.list': async () => listBatches(db),
    'batches.download': async ({ batchId }) => downloadBatch(printDeps, batchId),
    'orders.syncTracking': async ({ orderIds }) => {
      const result = syncTracking(db, orderIds, iso(clock()));
      deps.outbox.wake();
      return result;
    },
    'outbox.list': async ({ filter, offset, limit }) => listOutbox(db, deps.outbox.outages(), filter, offset, limit),
    'outbox.summary': async () => outboxSummary(db, deps.outbox.outages()),
    'outbox.jobs': async ({ jobIds }) => jobsById(db, deps.outbox.outages(), jobIds),
    'orders.audit': async ({ orderIds }) => {
      const result = auditIrCloudOrders(db, orderIds, 'user', iso(clock()));
      deps.outbox.wake();
      return result;
    },
    'outbox.retry': async ({ jobId }) => {
      retryJob(db, deps.outbox, jobId, iso(clock()));
      return null;
    },
    'outbox.cancel': async ({ jobId }) => {
      cancelJob(db, deps.outbox, jobId, iso(clock()));
      return null;
    },
    'outbox.setAutoSync': async ({ on }) => {
      setAutoSyncTracking(db, on);
      return null;
    },
    'credentials.add': async (input) => addChannelCredential(pullDeps, input),
    'credentials.update': async (input) => updateChannelCredential(pullDeps, input),
    'credentials.deactivate': async ({ id }) => deactivateCredential(pullDeps, id),
    'credentials.test': async ({ id }) => testCredential(pullDeps, id),
    'labels.retry': async (arg) => {
      const result = await retryLabels(labelDeps, arg);
      deps.outbox.wake();
      return result;
    },
    'batches.markPrinted': async ({ batchId }) => {
      markBatchPrinted(db, batchId, iso(clock()));
      return listBatches(db);
    },
    'batches.close': async ({ batchId }) => {
      closeBatch(db, batchId, iso(clock()));
      return listBatches(db);
    },
    'batches.print': async ({ batchId }) => printBatch(printDeps, batchId),
    'batches.ship': async ({ batchId, packer }) => shipBatch(db, clock, batchId, packer),
    'pack.find': async ({ code }) => findPackOrder(db, code),
    'pack.scanItem': async (arg) => scanItem(db, clock, arg),
    'pack.countByHand': async (arg) => countByHand(db, clock, arg),
    'pack.shipOrder': async ({ orderId, packer }) => shipOrder(db, clock, orderId, packer),
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
    'print.packingSlip': async ({ orderId, printerId }) => printPackingSlip(printDeps, orderId, printerId),
    'print.jobs': async (filter) => deps.printQueue.list(filter),
    'print.retry': async ({ jobId }) => deps.printQueue.retry(jobId),
    'print.cancel': async ({ jobId }) => deps.printQueue.cancel(jobId),
    'print.settings': async () => printSettings(db),
    'print.saveSettings': async (settings) => savePrintSettings(db, settings),
    'orders.find': async (filter) => deps.reads.run('orders.find', filter),
    'orders.resolve': async ({ ref }) => resolveOrderRef(db, ref),
    'orders.failed': async ({ offset, limit, ...filter }) => listFailedOrders(db, filter, offset, limit),
    'orders.failureGroups': async (filter) => failureGroups(db, filter),
    'orders.hold': async ({ orderIds, reason }) => {
      const result = holdOrders(db, orderIds, reason, { actor: 'hold', at: iso(clock()) });
      deps.outbox.wake();
      return result;
    },
    'orders.release': async ({ orderIds }) => releaseOrders(db, orderIds, { actor: 'hold', at: iso(clock()) }),
    'orders.pullShops': async ({ channel, sellerId }) =>
      pullAll(
        pullDeps,
        findShops(db, channel, sellerId).map((c) => c.id),
      ),
    'credentials.findShop': async ({ channel, sellerId }) => findShop(db, channel, sellerId),
    'credentials.save': async ({ type, providerCode, externalId, ...fields }) =>
      saveCredential(db, deps.box, { type, providerCode, externalId, ifSaved: 'update' }, fields, iso(clock())),
    'carriers.list': async () => listCarriers(deps.carriers),
    'carriers.addDhl': async (input) => addDhlAccount({ db, box: deps.box, clock }, input),
    'carriers.updateDhl': async (input) => updateDhlAccount({ db, box: deps.box, clock }, input),
    'carriers.addSendcloud': async (input) => addSendcloudAccount({ db, box: deps.box, clock }, input),
    'carriers.updateSendcloud': async (input) => updateSendcloudAccount({ db, box: deps.box, clock }, input),
    'dashboard.summary': async () => dashboardSummary(db, clock),
    'automation.get': async () => automationView(automationDeps),
    'automation.set': async (settings) => setAutomation(automationDeps, settings),
    'automation.token': async () => ({ token: showAutomationToken(automationDeps) }),
    'automation.rotateToken': async () => ({ token: await rotateToken(automationDeps) }),
    'inbound.list': async ({ offset, limit, ...filter }) => listInbound(db, filter, offset, limit),
    'inbound.filterChoices': async () => inboundFilterChoices(db),
    'inbound.get': async ({ id }) => getInbound(db, id),
    'inbound.setDeliveryStatus': async ({ id, status }) => {
      const detail = setDeliveryStatus(db, clock, id, status);
      deps.outbox.wake();
      return detail;
    },
    'inbound.pull': async ({ credentialId }) => {
      if (credentialId !== undefined) {
        const cred = getCredential(db, credentialId);
        if (cred.providerCode !== PURCHASING) {
          throw new AppError('bad_request', `${cred.displayName} is not a purchasing account; pull it from Channels.`);
        }
        return pullChannel(pullDeps, credentialId);
      }
      const accounts = listCredentials(db).filter((c) => c.providerCode === PURCHASING && c.isActive);
      return pullAll(
        pullDeps,
        accounts.map((c) => c.id),
      );
    },
  };
  return { handlers, labelRuns: runs, labelDeps };
}
