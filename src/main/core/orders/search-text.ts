/** What the queue's search box finds an order by: number, ids, names, places, SKUs, tracking. */
export interface SearchableOrder {
  orderNumber: string;
  externalId: string;
  shipName: string;
  shipCompany: string;
  shipEmail: string;
  shipCity: string;
  shipPostcode: string;
  trackingNumber: string | null;
  skus: readonly string[];
}

/**
 * The one folding of search text and search terms: compatibility forms unified (full-width digits),
 * accents dropped, lower case. "Müller", "MULLER" and "muller" all become "muller". The stored
 * text is folded once at import so a page can test a row with SQLite's native instr().
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function buildSearchText(o: SearchableOrder): string {
  return searchKey(
    [
      o.orderNumber,
      o.externalId,
      o.shipName,
      o.shipCompany,
      o.shipEmail,
      o.shipCity,
      o.shipPostcode,
      o.trackingNumber ?? '',
      ...o.skus,
    ]
      .filter((part) => part.length > 0)
      .join(' | '),
  );
}
