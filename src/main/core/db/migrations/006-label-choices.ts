import type { Migration } from './migration';

/**
 * The carrier and service a label is bought with when the run does not name one: a shop's default
 * (on its credential) and an order's own choice, which wins over its shop's. NULL: not set, the
 * next rule applies (see labels/label-choice.ts). Both halves of a choice are set or cleared together.
 */
export const migration006: Migration = {
  version: 6,
  name: 'label-choices',
  sql: `
ALTER TABLE credentials ADD COLUMN default_carrier TEXT;
ALTER TABLE credentials ADD COLUMN default_service TEXT;
ALTER TABLE orders ADD COLUMN carrier_override TEXT;
ALTER TABLE orders ADD COLUMN service_override TEXT;
`,
};
