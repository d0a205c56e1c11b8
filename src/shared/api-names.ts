/**
 * The names of the contract's calls and the tables each write touches, with no dependency:
 * the preload bundles this file, and the renderer's cache invalidates by `touches`.
 */
export const API_NAMES = [
  'app.info',
  'settings.setLanguage',
  'sandbox.start',
  'credentials.list',
  'orders.pull',
  'orders.list',
  'orders.counts',
  'orders.get',
  'labels.generate',
  'labels.file',
  'batches.create',
  'batches.list',
  'batches.download',
  'orders.syncTracking',
  'outbox.list',
  'outbox.summary',
  'outbox.retry',
  'outbox.cancel',
  'outbox.setAutoSync',
  'credentials.add',
  'credentials.update',
  'credentials.deactivate',
  'credentials.test',
  'labels.retry',
  'batches.markPrinted',
  'batches.close',
  'batches.ship',
  'pack.find',
  'pack.scanItem',
  'pack.countByHand',
  'pack.shipOrder',
] as const;

export type Table = 'app' | 'credentials' | 'orders' | 'batches' | 'outbox';

/** Which tables a write changes; the answer carries them so the renderer refetches only those. */
export const TOUCHES: Partial<Record<(typeof API_NAMES)[number], readonly Table[]>> = {
  'settings.setLanguage': ['app'],
  'sandbox.start': ['app', 'credentials', 'orders'],
  'orders.pull': ['credentials', 'orders'],
  'labels.generate': ['orders', 'outbox'],
  'batches.create': ['orders', 'batches'],
  'orders.syncTracking': ['orders', 'outbox'],
  'outbox.retry': ['outbox'],
  'outbox.cancel': ['outbox'],
  'outbox.setAutoSync': ['outbox'],
  'credentials.add': ['app', 'credentials'],
  'credentials.update': ['credentials'],
  'credentials.deactivate': ['credentials'],
  'labels.retry': ['orders'],
  'batches.markPrinted': ['batches'],
  'batches.close': ['batches'],
  'batches.ship': ['orders', 'batches'],
  'pack.scanItem': ['orders', 'batches'],
  'pack.countByHand': ['orders', 'batches'],
  'pack.shipOrder': ['orders', 'batches'],
};
