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
  'printers.list',
  'printers.discover',
  'printers.add',
  'printers.update',
  'printers.remove',
  'printers.test',
  'print.label',
  'print.jobs',
  'print.retry',
  'print.cancel',
  'print.settings',
  'print.saveSettings',
] as const;

export type Table = 'app' | 'credentials' | 'orders' | 'batches' | 'printers';

/** Which tables a write changes; the answer carries them so the renderer refetches only those. */
export const TOUCHES: Partial<Record<(typeof API_NAMES)[number], readonly Table[]>> = {
  'settings.setLanguage': ['app'],
  'sandbox.start': ['app', 'credentials', 'orders'],
  'orders.pull': ['credentials', 'orders'],
  'labels.generate': ['orders'],
  'batches.create': ['orders', 'batches'],
  'printers.add': ['printers'],
  'printers.update': ['printers'],
  'printers.remove': ['printers'],
  'printers.test': ['printers'],
  'print.label': ['printers'],
  'print.retry': ['printers'],
  'print.cancel': ['printers'],
  'print.saveSettings': ['printers'],
};
