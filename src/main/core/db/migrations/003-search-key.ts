import { searchKey } from '../../orders/search-text';
import type { Migration } from './migration';

/**
 * Stores orders.search_text folded (searchKey: no accents, lower case) so that a queue page can
 * test a row with instr() while it walks the index in display order, instead of first fetching
 * every match of a common term from the trigram index. The trigram index is rebuilt once from
 * the folded text (its own folding of folded text changes nothing).
 */
export const migration003: Migration = {
  version: 3,
  name: 'search-key',
  sql: 'DROP TRIGGER orders_fts_update;',
  run(sqlite) {
    sqlite.function('packdesk_search_key', { deterministic: true }, (text: unknown) => searchKey(String(text)));
    sqlite.exec(`
UPDATE orders SET search_text = packdesk_search_key(search_text);
INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
CREATE TRIGGER orders_fts_update AFTER UPDATE OF search_text ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO orders_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;`);
  },
};
