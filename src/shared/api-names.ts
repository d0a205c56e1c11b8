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
  'orders.find',
  'orders.resolve',
  'orders.failed',
  'orders.failureGroups',
  'orders.hold',
  'orders.release',
  'orders.pullShops',
  'credentials.findShop',
  'credentials.save',
  'dashboard.summary',
] as const;

export type Table = 'app' | 'credentials' | 'orders' | 'batches';

/** Which tables a write changes; the answer carries them so the renderer refetches only those. */
export const TOUCHES: Partial<Record<(typeof API_NAMES)[number], readonly Table[]>> = {
  'settings.setLanguage': ['app'],
  'sandbox.start': ['app', 'credentials', 'orders'],
  'orders.pull': ['credentials', 'orders'],
  'labels.generate': ['orders'],
  'batches.create': ['orders', 'batches'],
  'orders.hold': ['orders'],
  'orders.release': ['orders'],
  'orders.pullShops': ['credentials', 'orders'],
  'credentials.save': ['app', 'credentials'],
};
