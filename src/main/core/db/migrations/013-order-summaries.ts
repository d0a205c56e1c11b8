import type { Migration } from './migration';

/** One order as seed 000 lists it (the REST API's orderSummary schema), from the row `row`. */
const summaryOf = (row: string) => `json_object('order_id', ${row}.external_id, 'internal_id', ${row}.id,
  'order_number', ${row}.order_number, 'channel', ${row}.channel, 'seller_id', ${row}.seller_id,
  'status', ${row}.status, 'channel_status', ${row}.channel_status, 'tracking_number', ${row}.tracking_number,
  'batch_id', ${row}.batch_id, 'total', ${row}.total, 'currency', ${row}.currency,
  'has_errors', json(iif(${row}.open_error_count > 0, 'true', 'false')), 'created_at', ${row}.placed_at)`;

/**
 * Each order's entry in the REST order list, kept as JSON by triggers as the order comes and
 * changes. Writing thirteen fields of JSON for every row of every page was two thirds of what a
 * fresh GET /api/orders cost its reading thread (140 µs of 240 for 100 rows); joining the page's
 * ids to the kept JSON costs 60 µs less at 50 rows and 120 µs less at 100. A page then reads no
 * order row at all: its ids and order come from an index, its entries from this table.
 */
export const migration013: Migration = {
  version: 13,
  name: 'order-summaries',
  sql: `
CREATE TABLE order_summaries (
  order_id INTEGER PRIMARY KEY,
  json TEXT NOT NULL
);

INSERT INTO order_summaries (order_id, json) SELECT o.id, ${summaryOf('o')} FROM orders o;

CREATE TRIGGER order_summaries_insert AFTER INSERT ON orders BEGIN
  INSERT INTO order_summaries (order_id, json) VALUES (new.id, ${summaryOf('new')});
END;

CREATE TRIGGER order_summaries_update AFTER UPDATE OF external_id, order_number, channel, seller_id, status,
  channel_status, tracking_number, batch_id, total, currency, open_error_count, placed_at ON orders
BEGIN
  UPDATE order_summaries SET json = ${summaryOf('new')} WHERE order_id = new.id;
END;

CREATE TRIGGER order_summaries_delete AFTER DELETE ON orders BEGIN
  DELETE FROM order_summaries WHERE order_id = old.id;
END;
`,
};
