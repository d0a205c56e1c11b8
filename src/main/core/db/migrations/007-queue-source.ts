import type { Migration } from './migration';

/**
 * The order queue filtered by channel or by store stays as fast as the unfiltered one at 200,000
 * orders: each filter gets the two orderings the queue pages by (within a status tab, and across
 * all of them), so a page still walks an index in display order and stops after its rows. The
 * narrow index the tab counts of a search read (002) also carries the store and channel, so
 * filtered counts never touch the wide rows.
 */
export const migration007: Migration = {
  version: 7,
  name: 'queue-source',
  sql: `
CREATE INDEX orders_credential_status_placed ON orders (credential_id, status, placed_at DESC, id DESC);
CREATE INDEX orders_credential_placed ON orders (credential_id, placed_at DESC, id DESC);
CREATE INDEX orders_channel_status_placed ON orders (channel, status, placed_at DESC, id DESC);
CREATE INDEX orders_channel_placed ON orders (channel, placed_at DESC, id DESC);
DROP INDEX orders_id_status;
CREATE INDEX orders_id_status ON orders (id, status, credential_id, channel);
`,
};
