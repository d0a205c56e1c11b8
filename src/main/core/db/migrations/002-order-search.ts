import type { Migration } from './migration';

/**
 * Substring search over the queue (order number, names, SKUs, tracking) that stays fast at
 * 200,000 orders: an FTS5 trigram index over orders.search_text, kept in step by triggers.
 * Trigrams match inside words and inside CJK text; remove_diacritics lets "Muller" find "Müller".
 * Terms shorter than three characters (a two-character Chinese name) use the name and number
 * indexes of 001 as prefixes instead.
 */
export const migration002: Migration = {
  version: 2,
  name: 'order-search',
  sql: `
CREATE VIRTUAL TABLE orders_fts USING fts5(
  search_text,
  content = 'orders',
  content_rowid = 'id',
  tokenize = 'trigram remove_diacritics 1'
);
CREATE TRIGGER orders_fts_insert AFTER INSERT ON orders BEGIN
  INSERT INTO orders_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER orders_fts_delete AFTER DELETE ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER orders_fts_update AFTER UPDATE OF search_text ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO orders_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
-- Per-status counts of a search look up each match's status here instead of in the wide orders rows.
CREATE INDEX orders_id_status ON orders (id, status);
`,
};
